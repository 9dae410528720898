import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

// Live migration from the VM page, as a tenant admin clicks it: a VM of the demo's enabled
// anti-affinity rule "dc-apart" is refused the host its partner runs on (AFFINITY.VIOLATION, the
// rule named, no override offered), then accepted to another host of its pool; the activity runs
// and the page shows the new host.

const hostOf = (page: Page) => page.getByRole("region", { name: "Configuration" }).locator("dl > div").filter({ has: page.locator("dt", { hasText: /^Host$/ }) }).locator("dd");

async function openVm(page: Page, name: string) {
  await page.goto(`/t/production/compute/vms?q=${encodeURIComponent(name)}`);
  await page.getByRole("table", { name: "Virtual machines" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

test("a migration refused by an anti-affinity rule (AFFINITY.VIOLATION) is then accepted to another host", async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  await loginAs("adminProd");
  await page.goto("/t/production/compute/affinity-rules");
  const rule = page.getByRole("table", { name: "Affinity rules" }).getByRole("row").filter({ hasText: "dc-apart" });
  const [mover, partner] = (await rule.getByRole("cell").nth(2).innerText()).split(",").map((s) => s.trim());
  expect(mover && partner).toBeTruthy();

  await openVm(page, partner!);
  const partnerHost = (await hostOf(page).innerText()).trim();
  await openVm(page, mover!);
  const moverHost = (await hostOf(page).innerText()).trim();
  expect(moverHost).not.toBe(partnerHost);

  // To its partner's host: refused by the rule, which the refusal names; no override is offered.
  await page.getByRole("button", { name: "Migrate", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Migrate ${mover}` });
  await dialog.getByLabel("Host").selectOption({ label: partnerHost });
  // Judged before Submit (the service decides, nothing is written): Migrate stays disabled.
  const refused = dialog.getByRole("alert").filter({ hasText: /^Would be refused/ });
  await expect(refused.getByText("AFFINITY.VIOLATION").first()).toBeVisible();
  await expect(refused).toContainText("dc-apart");
  await expect(dialog.getByLabel("Override with a reason")).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: "Migrate", exact: true })).toBeDisabled();

  // To a third host of the pool: accepted; the activity runs and the page shows the new host.
  const options = (await dialog.getByLabel("Host").locator("option").allInnerTexts()).map((s) => s.trim());
  const third = options.find((o) => o !== partnerHost && !o.startsWith(moverHost) && !o.startsWith("Stay") && !o.includes("("));
  expect(third).toBeTruthy();
  await dialog.getByLabel("Host").selectOption({ label: third! });
  await expect(dialog.getByTestId("migrate-storage-warning")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Migrate", exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  const history = page.getByRole("table", { name: "Activity history" }).getByRole("row").nth(1);
  await expect(history).toContainText("Migrate");
  await expect(history).toContainText("completed", { timeout: 30_000 });
  await expect(hostOf(page)).toHaveText(third!, { timeout: 15_000 });

  // From the list's selection: to the pool it is in, without a datastore, nothing would change, and
  // the result says so for that VM.
  const pool = "prd-std-par7s";
  await page.goto(`/t/production/compute/vms?q=${encodeURIComponent(mover!)}`);
  await page.getByRole("checkbox", { name: `Select ${mover}` }).check();
  await page.getByRole("toolbar", { name: "Actions on selected VMs" }).getByRole("button", { name: "Migrate" }).click();
  const bulk = page.getByRole("dialog", { name: "Migrate 1 VM" });
  await bulk.getByLabel("Pool").selectOption({ label: `${pool} · PAR7S` });
  await bulk.getByRole("button", { name: "Migrate 1 VM" }).click();
  const results = bulk.getByRole("list", { name: "Result per VM" });
  await expect(results).toContainText(mover!);
  await expect(results).toContainText("Refused");
  await expect(results).toContainText("Nothing would change");
});
