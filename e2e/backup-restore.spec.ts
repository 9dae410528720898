import { test, expect } from "./fixtures";

// Backup now and restore, as a tenant admin clicks it: a running VM with a policy is backed up from
// its page, the finished job is restored as a test copy beside it, and the copy is promoted in the
// original's place (its name typed back).

// An activity ends when a worker has run its steps and the page's poll has seen it.
const ACTIVITY = { timeout: 45_000 };

test("a tenant admin backs a VM up, restores it as a test, then promotes the test", async ({ page, loginAs }) => {
  test.setTimeout(180_000);
  await loginAs("adminProd");
  // A running VM has a policy, and no snapshot (the demo's snapshots are on stopped VMs); one that is
  // not replicated, since a replicated VM keeps its place until its replication stops.
  await page.goto("/t/production/data-protection?coverage=covered&state=POWERED_ON");
  const coverage = page.getByRole("table", { name: "Backup coverage of the virtual machines" });
  const row = coverage.getByRole("row").filter({ has: page.getByRole("rowheader") }).filter({ hasNotText: /to (PAR7S|TH3S|AZ07)/ }).first();
  const vm = (await row.getByRole("rowheader").textContent())!.trim();
  const copy = `${vm}-restore-test`;

  await page.goto(`/t/production/compute/vms?q=${encodeURIComponent(vm)}`);
  await page.getByRole("link", { name: vm, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: vm })).toBeVisible();

  await page.getByRole("button", { name: "Back up now" }).click();
  const jobs = page.getByRole("table", { name: `Backup jobs of ${vm}` });
  await expect(jobs.getByText("Completed")).toBeVisible(ACTIVITY);
  await jobs.getByRole("link", { name: new RegExp(`^Backup of ${vm} started`) }).first().click();

  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^Backup of ${vm}`) })).toBeVisible();
  await expect(page.getByTestId("backup-log")).toContainText("Backup completed");
  await expect(page.getByRole("table", { name: `Files in the backup of ${vm}` })).toBeVisible();

  await page.getByRole("button", { name: "Restore as test" }).click();
  const restore = page.getByRole("dialog", { name: `Restore ${vm} as a test` });
  await restore.getByRole("button", { name: "Restore as test" }).click();
  const restored = page.getByRole("region", { name: "Restored from this backup" });
  await expect(restored.getByRole("link", { name: copy })).toBeVisible(ACTIVITY);
  const promote = restored.getByRole("button", { name: `Promote ${copy} in place of ${vm}` });
  await expect(promote).toBeEnabled(ACTIVITY);

  await promote.click();
  const confirm = page.getByRole("dialog", { name: `Promote ${copy} in place of ${vm}` });
  const submit = confirm.getByRole("button", { name: "Promote" });
  await expect(submit).toBeDisabled();
  await confirm.getByLabel(`Type ${vm} to confirm`).fill(vm);
  await submit.click();
  // The copy now carries the original's name; nothing is left to promote.
  await expect(restored.getByRole("link", { name: vm, exact: true })).toBeVisible(ACTIVITY);
  await expect(restored.getByRole("button", { name: /^Promote/ })).toHaveCount(0);
  await restored.getByRole("link", { name: vm, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: vm })).toBeVisible();
  await expect(page.getByText("Powered off").first()).toBeVisible();
});
