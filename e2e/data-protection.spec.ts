import { test, expect } from "./fixtures";

// Data protection, as a tenant admin clicks it: a VM refused at start for want of a backup
// policy gets one and starts; a Global Mirror on an Enterprise volume is refused with its rule.

// An activity ends when a worker has run its steps and the page's poll has seen it: seconds on a
// quiet machine, more on a busy one.
const ACTIVITY = { timeout: 45_000 };

test("a VM refused at start without a backup policy gets one, then starts", async ({ page, loginAs }) => {
  test.setTimeout(150_000);
  await loginAs("adminProd");
  await page.getByRole("navigation", { name: "Console sections" }).getByRole("link", { name: "Data protection" }).click();
  await expect(page).toHaveURL(/\/t\/production\/data-protection$/);
  const coverage = page.getByRole("table", { name: "Backup coverage of the virtual machines" });
  // VMs without a policy come first.
  await expect(coverage.getByRole("row").nth(1).getByText("No policy")).toBeVisible();

  const filters = page.getByRole("search", { name: "Filter the coverage" });
  await filters.getByLabel("Coverage").selectOption("none");
  await filters.getByLabel("State").selectOption("POWERED_OFF");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/coverage=none/);
  const vm = (await coverage.getByRole("row").nth(1).getByRole("rowheader").textContent())!.trim();

  // That VM alone, whatever its coverage becomes.
  await page.goto(`/t/production/data-protection?q=${encodeURIComponent(vm)}`);
  const row = coverage.getByRole("row", { name: new RegExp(vm) });
  // Confirmed in a dialog, as on the VM's page; the refusal shows before anyone confirms.
  await row.getByRole("button", { name: `Power on ${vm}` }).click();
  const confirm = page.getByRole("dialog", { name: `Power ${vm} on?` });
  await expect(confirm.getByTestId("violations")).toContainText("BACKUP.POLICY_REQUIRED");
  await expect(confirm.getByRole("button", { name: "Power on" })).toBeDisabled();
  await confirm.getByRole("button", { name: "Cancel" }).click();

  await row.getByLabel(`Backup policy for ${vm}`).selectOption({ label: "daily-7d" });
  await row.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText(`${vm} has its backup policy.`)).toBeVisible(ACTIVITY);
  await expect(row.getByText("daily-7d")).toBeVisible();
  await expect(row.getByText("No policy")).toHaveCount(0);

  await row.getByRole("button", { name: `Power on ${vm}` }).click();
  await confirm.getByRole("button", { name: "Power on" }).click();
  await expect(page.getByText(`${vm} is powered on.`)).toBeVisible(ACTIVITY);
  await expect(row.getByText("Powered on")).toBeVisible();
  await expect(row.getByRole("button", { name: `Power on ${vm}` })).toHaveCount(0);
});

test("Global Mirror on an Enterprise datastore is refused with REPLICATION.GM_TIER", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/analytics/data-protection/replications");
  const mirrors = page.getByRole("table", { name: "Datastores and the mirror protecting each" });
  await mirrors.getByRole("button", { name: "Mirror ds-ana-enterprise-01" }).click();
  const dialog = page.getByRole("dialog", { name: "Mirror ds-ana-enterprise-01 to another availability zone" });
  await expect(dialog.getByLabel("Replication")).toHaveValue("GLOBAL_MIRROR");
  await expect(dialog.getByTestId("violations")).toContainText("REPLICATION.GM_TIER");
  await expect(dialog.getByTestId("violations")).toContainText("FLASH Enterprise");
  await expect(dialog.getByRole("button", { name: "Enable the mirror" })).toBeDisabled();
});

test("the replications list shows each one's RPO status and filters on it", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/data-protection/replications");
  const list = page.getByRole("table", { name: "Replications of this tenant" });
  // The demo: a Global Mirror and three VM replications. The running collector moves their last
  // replicated points (a lag that passes the RPO in the afternoon), so the statuses are read, not assumed.
  await expect(list.getByRole("row")).toHaveCount(5);
  // Each choice applies itself (no Apply button).
  await page.getByLabel("Kind").selectOption("VM_REPLICATION");
  await expect(page).toHaveURL(/kind=VM_REPLICATION/);
  await expect(list.getByRole("row")).toHaveCount(4);
  const breached = await list.getByRole("row").filter({ hasText: "Breached" }).count();
  await page.getByLabel("RPO status").selectOption("breach");
  await expect(page).toHaveURL(/rpo=breach/);
  if (breached === 0) {
    await expect(page.getByText("No replication matches these filters.")).toBeVisible();
  } else {
    await expect(list.getByRole("row")).toHaveCount(breached + 1);
    for (let i = 1; i <= breached; i++) await expect(list.getByRole("row").nth(i)).toContainText("Breached");
  }
});
