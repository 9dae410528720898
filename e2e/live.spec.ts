import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

// Live updates: two tabs of one person on the same VM. A change made in one appears in the other
// within 2 s of the first seeing it, without a reload: its power state, its padlock (Encrypt is no
// longer offered on a running VM), and the VM list.

/** Marks the document: a reload (or a full navigation) loses the mark. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __liveMark?: number }).__liveMark = 1));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { __liveMark?: number }).__liveMark === 1);

test("a VM powered on in one tab shows powered on in the other within 2 s, without Encrypt, and the list follows", async ({ page, context, loginAs }) => {
  test.setTimeout(90_000);
  await loginAs("adminProd");

  // A VM the padlock offers to encrypt: powered off, nothing else in the way.
  await page.goto("/t/production/compute/vms?state=POWERED_OFF&pageSize=100");
  const table = page.getByRole("table", { name: "Virtual machines" });
  const ready = table.getByRole("row").filter({ has: page.locator('[data-testid="padlock"][data-state="ready"]') }).first();
  const link = ready.getByRole("rowheader").getByRole("link");
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const vmUrl = page.url();

  const other = await context.newPage();
  await other.goto(vmUrl);
  await expect(other.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(other.getByRole("button", { name: `Encrypt ${name}` })).toBeVisible();
  await mark(other);

  // Tab one powers it on.
  await page.getByRole("group", { name: "Power", exact: true }).getByRole("button", { name: "Power on" }).click();
  await page.getByRole("dialog", { name: `Power ${name} on?` }).getByRole("button", { name: "Power on" }).click();
  const header = (p: Page) => p.locator("main header");
  await expect(header(page).getByText("Powered on")).toBeVisible({ timeout: 30_000 });

  // Tab two follows within 2 s, in place: powered on, and Encrypt is no longer offered.
  await expect(header(other).getByText("Powered on")).toBeVisible({ timeout: 2_000 });
  await expect(other.getByRole("button", { name: `Encrypt ${name}` })).toHaveCount(0, { timeout: 2_000 });
  await expect(other.getByTestId("padlock")).toHaveAttribute("data-state", "blocked");
  await expect(other.getByRole("group", { name: "Power", exact: true }).getByRole("button", { name: "Power off" })).toBeVisible();
  expect(await marked(other)).toBe(true);

  // The list in tab two follows a change made in tab one.
  await other.goto(`/t/production/compute/vms?q=${encodeURIComponent(name)}`);
  const row = other.getByRole("table", { name: "Virtual machines" }).getByRole("row").filter({ hasText: name });
  await expect(row.getByText("Powered on")).toBeVisible();
  await mark(other);
  await page.getByRole("group", { name: "Power", exact: true }).getByRole("button", { name: "Power off" }).click();
  await page.getByRole("dialog", { name: `Power ${name} off?` }).getByRole("button", { name: "Power off" }).click();
  await expect(header(page).getByText("Powered off")).toBeVisible({ timeout: 30_000 });
  await expect(row.getByText("Powered off")).toBeVisible({ timeout: 2_000 });
  await expect(row.getByTestId("padlock")).toHaveAttribute("data-state", "ready");
  expect(await marked(other)).toBe(true);
});
