import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

// Live updates: two tabs of one person on the same VM. A change made in one appears in the other
// within 2 s of the first seeing it, without a reload: its power state, its padlock (Encrypt is no
// longer offered on a running VM), and the VM list.

/** Marks the document: a reload (or a full navigation) loses the mark. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { __liveMark?: number }).__liveMark = 1));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { __liveMark?: number }).__liveMark === 1);

test("a VM powered on in one tab shows powered on in the other within 2 s, without Encrypt, and the list follows", async ({ page, context, loginAs }) => {
  test.setTimeout(120_000);
  await loginAs("adminProd");

  // A running VM that only its power state keeps from being encrypted (it has its backup policy,
  // so it may power on again): its Encryption section names that one rule and no other.
  await page.goto("/t/production/compute/vms?state=POWERED_ON&pageSize=100");
  const links = page.getByRole("table", { name: "Virtual machines" }).getByRole("row").filter({ has: page.locator('[data-testid="padlock"][data-state="blocked"]') }).getByRole("rowheader").getByRole("link");
  const candidates = (await links.evaluateAll((as) => as.map((a) => ({ name: a.textContent!.trim(), href: a.getAttribute("href")! })))).slice(0, 15);
  let vm: { name: string; href: string } | null = null;
  for (const c of candidates) {
    await page.goto(c.href);
    const codes = page.getByRole("region", { name: "Encryption" }).locator("code");
    await expect(codes.first()).toBeVisible();
    if ((await codes.allTextContents()).join() === "ENCRYPTION.VM_POWERED_ON") {
      vm = c;
      break;
    }
  }
  expect(vm, "a running VM held back from encryption by its power state alone").not.toBeNull();
  const name = vm!.name;
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  const other = await context.newPage();
  await other.goto(vm!.href);
  await expect(other.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(other.getByTestId("padlock")).toHaveAttribute("data-state", "blocked");
  await mark(other);

  const header = (p: Page) => p.locator("main header");
  const power = async (action: "on" | "off") => {
    const label = action === "on" ? "Power on" : "Power off";
    await page.getByRole("group", { name: "Power", exact: true }).getByRole("button", { name: label }).click();
    await page.getByRole("dialog", { name: `Power ${name} ${action}?` }).getByRole("button", { name: label }).click();
    await expect(header(page).getByText(action === "on" ? "Powered on" : "Powered off")).toBeVisible({ timeout: 30_000 });
  };

  // Tab one powers it off: tab two follows, and now offers Encrypt.
  await power("off");
  await expect(header(other).getByText("Powered off")).toBeVisible({ timeout: 2_000 });
  await expect(other.getByRole("button", { name: `Encrypt ${name}` })).toBeVisible({ timeout: 2_000 });

  // Tab one powers it on: within 2 s tab two shows it powered on and no longer offers Encrypt.
  await power("on");
  await expect(header(other).getByText("Powered on")).toBeVisible({ timeout: 2_000 });
  await expect(other.getByRole("button", { name: `Encrypt ${name}` })).toHaveCount(0, { timeout: 2_000 });
  await expect(other.getByTestId("padlock")).toHaveAttribute("data-state", "blocked");
  await expect(other.getByRole("group", { name: "Power", exact: true }).getByRole("button", { name: "Power off" })).toBeVisible();
  // All of it in place: the document was never reloaded.
  expect(await marked(other)).toBe(true);

  // The VM list in tab two follows a change made in tab one.
  await other.goto(`/t/production/compute/vms?q=${encodeURIComponent(name)}`);
  const row = other.getByRole("table", { name: "Virtual machines" }).getByRole("row").filter({ hasText: name });
  await expect(row.getByText("Powered on")).toBeVisible();
  await mark(other);
  await power("off");
  await expect(row.getByText("Powered off")).toBeVisible({ timeout: 2_000 });
  await expect(row.getByTestId("padlock")).toHaveAttribute("data-state", "ready");
  expect(await marked(other)).toBe(true);
  // Left as it was found.
  await power("on");
});
