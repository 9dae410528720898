import { test, expect } from "./fixtures";

// A VM's disks from its page, as a tenant admin clicks them: a disk added on a new controller,
// grown, refused a shrink, then deleted after a confirmation. It leaves the VM as it found it.
const VM = "pro-mq-006";

test("a tenant admin adds an independent disk on a new NVMe controller, grows it, is refused a shrink (DISK.SHRINK), then deletes it after confirming", async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  await loginAs("adminProd");
  await page.goto(`/t/production/compute/vms?q=${VM}`);
  await page.getByRole("table", { name: "Virtual machines" }).getByRole("link", { name: VM }).click();
  await expect(page.getByRole("heading", { name: VM, level: 1 })).toBeVisible();
  const disks = page.getByRole("table", { name: "Disks" });
  const history = page.getByRole("table", { name: "Activity history" }).getByRole("row").nth(1);
  // Its first disk is the system disk: it cannot be deleted, and its button says why.
  const system = disks.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /\(system\)/ }) });
  await expect(system.getByRole("button", { name: /^Delete Hard disk/ })).toBeDisabled();

  // Add: 20 GiB, thin, independent (the dialog says it is not backed up), on a new NVMe controller.
  await page.getByRole("group", { name: "Configuration" }).getByRole("button", { name: "Add disk" }).click();
  const add = page.getByRole("dialog", { name: `Add a disk to ${VM}` });
  await add.getByLabel("Size (GiB)").fill("20");
  await add.getByLabel("Controller").selectOption("NVME:new");
  await add.getByRole("radio", { name: /^Thin/ }).check();
  await add.getByRole("radio", { name: /^Independent/ }).check();
  await expect(add).toContainText("Not backed up: left out of the VM's snapshots and backups.");
  await add.getByRole("button", { name: "Add disk" }).click();
  const row = disks.getByRole("row").filter({ hasText: "NVMe 0" });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("Independent");
  await expect(row).toContainText("not backed up");
  await expect(history).toContainText("Add disk");
  await expect(history).toContainText("completed", { timeout: 30_000 });
  const label = (await row.getByRole("rowheader").innerText()).trim();
  expect(label).toMatch(/^Hard disk \d+$/);

  // Grow 20 → 40 GiB.
  await row.getByRole("button", { name: `Grow ${label}` }).click();
  const grow = page.getByRole("dialog", { name: `Grow ${label} of ${VM}` });
  await expect(grow).toContainText(`${label} is 20 GiB`);
  await grow.getByLabel("New size (GiB)").fill("40");
  await grow.getByRole("button", { name: "Grow" }).click();
  await expect(row.getByRole("cell").first()).toHaveText("40", { timeout: 30_000 });
  await expect(history).toContainText("Grow disk");
  await expect(history).toContainText("completed", { timeout: 30_000 });

  // A shrink to 30 GiB is refused, naming DISK.SHRINK and both sizes; no override is offered.
  await row.getByRole("button", { name: `Grow ${label}` }).click();
  await grow.getByLabel("New size (GiB)").fill("30");
  const refused = grow.getByRole("alert").filter({ hasText: /^Would be refused/ });
  await expect(refused.getByText("DISK.SHRINK").first()).toBeVisible();
  await expect(refused).toContainText(`${label} is 40 GiB and 30 GiB was asked`);
  await expect(grow.getByLabel("Override with a reason")).toHaveCount(0);
  await expect(grow.getByRole("button", { name: "Grow" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(row.getByRole("cell").first()).toHaveText("40");

  // Delete, after the confirmation.
  await row.getByRole("button", { name: `Delete ${label}` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${label} of ${VM}?` });
  await expect(confirm).toContainText("This cannot be undone.");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  await expect(history).toContainText("Delete disk");
  await expect(history).toContainText("completed", { timeout: 30_000 });

  // The audit log has the grow; the shrink was judged before Submit and never tried, so nothing refused is recorded.
  await page.goto("/t/production/audit?action=vm.disk_grow");
  const audit = page.getByRole("table", { name: "Audit log" });
  await expect(audit.getByRole("row").nth(1)).toContainText(VM);
  await expect(audit.getByText("DISK.SHRINK")).toHaveCount(0);
});

test("a tenant admin reverts a VM to a snapshot after a confirmation, with the advice on the number of snapshots shown", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  await loginAs("adminProd");
  await page.goto(`/t/production/compute/vms?q=${VM}`);
  await page.getByRole("table", { name: "Virtual machines" }).getByRole("link", { name: VM }).click();
  const section = page.getByRole("region", { name: "Snapshots" });
  await expect(section).toContainText(/\d+ snapshots?; more than 32 on one VM is advised against\./);
  const history = page.getByRole("table", { name: "Activity history" }).getByRole("row").nth(1);

  await page.getByRole("button", { name: "Take snapshot" }).click();
  const take = page.getByRole("dialog", { name: `Take a snapshot of ${VM}` });
  await take.getByLabel("Snapshot name").fill("e2e-revert");
  await take.getByRole("button", { name: "Take snapshot" }).click();
  const snapshots = page.getByRole("table", { name: "Snapshots" });
  await expect(snapshots.getByRole("rowheader", { name: "e2e-revert" })).toBeVisible({ timeout: 30_000 });
  await expect(history).toContainText("completed", { timeout: 30_000 });

  await snapshots.getByRole("button", { name: "Revert to snapshot e2e-revert" }).click();
  const confirm = page.getByRole("dialog", { name: `Revert ${VM} to snapshot e2e-revert?` });
  await expect(confirm).toContainText("what was written on them since is lost");
  await confirm.getByRole("button", { name: "Revert", exact: true }).click();
  await expect(history).toContainText("Revert to snapshot", { timeout: 30_000 });
  await expect(history).toContainText("completed", { timeout: 30_000 });
  // The snapshot is kept; delete it to leave the VM as it was.
  await snapshots.getByRole("button", { name: "Delete snapshot e2e-revert" }).click();
  await page.getByRole("dialog", { name: "Delete snapshot e2e-revert?" }).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(snapshots.getByRole("rowheader", { name: "e2e-revert" })).toHaveCount(0, { timeout: 30_000 });
});
