import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures";

// The write path as a tenant admin clicks it, against the production build (activities run at a
// fifth of their demo duration). The tests of this file build on one another, in order: the VM
// created first is powered off, encrypted, then read back in the audit log and its CSV.
test.describe.configure({ mode: "serial" });

const VM = "e2e-web-01";
const vmTable = (page: import("@playwright/test").Page) => page.getByRole("table", { name: "Virtual machines" });

test("a tenant admin creates a VM: the preview refuses past the 85 % line, then the VM is created and reaches running", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  await loginAs("adminProd");
  await page.goto("/t/production/compute/vms");
  await page.getByRole("link", { name: "Create VM" }).click();
  await expect(page.getByRole("heading", { name: "Create a virtual machine" })).toBeVisible();

  // The template prefills the size.
  await page.getByRole("radio", { name: /Windows Server 2022/ }).check();
  await expect(page.getByRole("spinbutton", { name: "vCPU" })).toHaveValue("4");
  await expect(page.getByRole("spinbutton", { name: "Memory (GB)" })).toHaveValue("16");
  await expect(page.getByRole("spinbutton", { name: "System disk (GiB)" })).toHaveValue("60");
  await page.getByRole("radio", { name: /Debian 12/ }).check();
  await expect(page.getByRole("spinbutton", { name: "Memory (GB)" })).toHaveValue("4");

  await page.getByRole("combobox", { name: "Compute pool" }).selectOption({ label: "prd-std-par7s · PAR7S · STANDARD v3" });
  await page.getByRole("combobox", { name: "Datastore" }).selectOption({ label: "ds-prd-standard-01 · FLASH Standard" });
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(VM);

  // Too big: the preview shows the refusal before anyone submits, with the rule and its numbers.
  // 360 GB: the pool (514 of 1024 GB running) passes its 85 % line, yet the VM fits a 384 GB host,
  // so only advisory rules refuse (600 GB would pass the host's RAM, a hard limit).
  await page.getByRole("spinbutton", { name: "Memory (GB)" }).fill("360");
  const verdict = page.getByTestId("preview-verdict");
  await expect(verdict).toHaveText(/Submit would be refused by \d+ rules?\./);
  const preview = page.getByRole("region", { name: "Before you submit" });
  await expect(preview.getByText("CPOOL.MEMORY_PRESSURE").first()).toBeVisible();
  await expect(preview.getByText(/limit \d+(\.\d+)? GB · would be \d+ GB/).first()).toBeVisible();
  // Only an overridable rule refuses: the reason field is offered.
  await expect(page.getByLabel("Override with a reason")).toBeVisible();
  // Submitted anyway, it is refused (and audited) with the same violations.
  await page.getByRole("button", { name: "Create VM" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /^Refused/ }).getByText("CPOOL.MEMORY_PRESSURE").first()).toBeVisible();
  await expect(page).toHaveURL(/\/compute\/vms\/new$/);

  await page.getByRole("spinbutton", { name: "Memory (GB)" }).fill("4");
  await expect(verdict).toHaveText("Submit would be accepted.");
  await expect(preview.getByText("85 % line")).toBeVisible();
  await page.getByRole("button", { name: "Create VM" }).click();

  await expect(page).toHaveURL(/\/t\/production\/compute\/vms\/(?!new)[^/]+$/);
  await expect(page.getByRole("heading", { name: VM, level: 1 })).toBeVisible();
  // Provisioning with its activity's live progress, then running on a host of the pool.
  const header = page.locator("main header");
  await expect(page.getByTestId("running-activity")).toHaveCount(0, { timeout: 30_000 });
  await expect(header.getByText("Provisioning")).toHaveCount(0);
  await expect(header.getByText("Powered on")).toBeVisible();
  await expect(page.getByRole("region", { name: "Configuration" }).getByText("prd-std-par7s-esx", { exact: false })).toBeVisible();
});

test("a running VM cannot be encrypted, and says why; deleting it is refused; powered off, it is encrypted", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  await loginAs("adminProd");
  await page.goto(`/t/production/compute/vms?q=${VM}`);
  await vmTable(page).getByRole("link", { name: VM }).click();
  await expect(page.getByRole("heading", { name: VM, level: 1 })).toBeVisible();

  // The padlock is disabled and names the rule; the encryption section says it too.
  await page.getByRole("button", { name: `Why ${VM} cannot be encrypted` }).click();
  const why = page.getByRole("dialog").filter({ hasText: `Why ${VM} cannot be encrypted` });
  await expect(why.getByText("ENCRYPTION.VM_POWERED_ON")).toBeVisible();
  await expect(why.getByText(`${VM} is running; a VM is encrypted powered off. Power it off first.`)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: "Encryption" }).getByText("ENCRYPTION.VM_POWERED_ON")).toBeVisible();

  // Deleting a running VM: judged before anyone confirms, the server's sentence shows and Delete stays disabled.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const del = page.getByRole("dialog", { name: `Delete ${VM}?` });
  await expect(del.getByRole("button", { name: "Delete VM" })).toBeDisabled();
  await del.getByLabel(`Type ${VM} to confirm`).fill(VM);
  await expect(del.getByTestId("form-error")).toHaveText(`${VM} is not powered off; power it off before deleting it.`);
  await expect(del.getByRole("button", { name: "Delete VM" })).toBeDisabled();
  await del.getByRole("button", { name: "Cancel" }).click();

  const power = page.getByRole("group", { name: "Power", exact: true });
  await power.getByRole("button", { name: "Power off" }).click();
  await page.getByRole("dialog", { name: `Power ${VM} off?` }).getByRole("button", { name: "Power off" }).click();
  await expect(page.getByText(`${VM} is powered off.`)).toBeVisible({ timeout: 30_000 });
  await expect(power.getByRole("button", { name: "Power on" })).toBeVisible();

  await page.getByRole("button", { name: `Encrypt ${VM}` }).click();
  const dialog = page.getByRole("dialog", { name: `Encrypt ${VM}?` });
  await dialog.getByRole("button", { name: "Encrypt", exact: true }).click();
  await expect(page.getByText(`${VM} is encrypted.`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("padlock")).toHaveAttribute("data-state", "encrypted");
  await expect(page.getByTestId("padlock")).toHaveText("Encrypted");

  // Its own history and trail, on its page.
  const history = page.getByRole("table", { name: "Activity history" });
  await expect(history.getByRole("row")).toHaveCount(4); // header + encrypt, power off, create
  await expect(history.getByRole("row").nth(1)).toContainText("Encrypt");
  await expect(history.getByRole("row").nth(1)).toContainText("completed");
  const trail = page.getByRole("table", { name: "Audit trail" });
  await expect(trail.getByRole("row")).toHaveCount(4);
  await expect(trail.getByRole("row").nth(1)).toContainText("Encrypt");
  await expect(trail.getByRole("row").nth(1)).toContainText("Succeeded");
});

test("a bulk power-off previews each VM, refuses the one already off, and lists each VM's result", async ({ page, loginAs }) => {
  test.setTimeout(60_000);
  await loginAs("adminProd");
  await page.goto("/t/production/compute/vms?tag=role:cache");
  const rows = vmTable(page).getByRole("row");
  const on = rows.filter({ hasText: "Powered on" }).first();
  const off = rows.filter({ hasText: "Powered off" }).first();
  const onName = (await on.getByRole("rowheader").innerText()).trim();
  const offName = (await off.getByRole("rowheader").innerText()).trim();
  await on.getByRole("checkbox").check();
  await off.getByRole("checkbox").check();
  const toolbar = page.getByRole("toolbar", { name: "Actions on selected VMs" });
  await expect(toolbar).toContainText("2 VMs selected");

  await toolbar.getByRole("button", { name: "Power off" }).click();
  const dialog = page.getByRole("dialog", { name: "Power off: 2 VMs" });
  await expect(dialog.getByTestId("bulk-summary")).toHaveText("Will change: 1 VM. Refused: 1 VM.");
  const plan = dialog.getByRole("list", { name: "Plan per VM" });
  await expect(plan.getByRole("listitem").filter({ hasText: onName })).toContainText("Will power off");
  await expect(plan.getByRole("listitem").filter({ hasText: offName })).toContainText(`${offName} is already powered off.`);

  await dialog.getByRole("button", { name: "Power off 1 VM" }).click();
  const results = dialog.getByRole("list", { name: "Result per VM" });
  await expect(results.getByRole("listitem").filter({ hasText: offName })).toContainText("Refused");
  await expect(results.getByRole("listitem").filter({ hasText: onName })).toContainText("Power off · completed", { timeout: 30_000 });
  await dialog.getByRole("button", { name: "Close" }).click();

  // The selection is cleared and the list shows the outcome.
  await expect(toolbar).toContainText("Select VMs to act on several at once");
  await expect(rows.filter({ hasText: onName }).getByText("Powered off")).toBeVisible();
});

test("the audit log shows every change and refusal, filtered, and its CSV holds exactly those rows", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.getByRole("navigation", { name: "Console sections" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/t\/production\/audit$/);
  await page.getByLabel("Target").fill(VM);
  await expect(page).toHaveURL(/target=e2e-web-01/);

  const table = page.getByRole("table", { name: "Audit log" });
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(5); // header + 4
  await expect(rows.nth(1)).toContainText("Encrypt");
  await expect(rows.nth(1)).toContainText("Succeeded");
  await expect(rows.nth(2)).toContainText("Power off");
  await expect(rows.nth(3)).toContainText("Create VM");
  await expect(rows.nth(3)).toContainText("Succeeded");
  await expect(rows.nth(4)).toContainText("Refused");
  await expect(rows.nth(4)).toContainText("CPOOL.MEMORY_PRESSURE");
  await expect(rows.nth(1)).toContainText("admin.prod@demo.test");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV (4 rows)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-production-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync(await file.path(), "utf8").replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("time_utc,actor,actor_type,action,outcome,target_type,target_id,target_name,violations,before,after,activity_id,permission");
  expect(lines).toHaveLength(5);
  expect(lines.slice(1).map((l) => l.split(",").slice(3, 5).join(","))).toEqual(["vm.encrypt,SUCCEEDED", "vm.power_off,SUCCEEDED", "vm.create,SUCCEEDED", "vm.create,REFUSED"]);
  expect(lines[4]).toContain("CPOOL.MEMORY_PRESSURE");

  // The bulk power-off is there too, under its action (beside e2e-web-01's, and those of specs before
  // this one, e.g. live.spec powering a VM off from a second tab).
  await page.goto("/t/production/audit?action=vm.power_off");
  await expect(table.getByRole("row").filter({ hasText: VM })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: "Power off" }).nth(1)).toBeVisible();
});

test("the activities page lists the history with links to each resource, and filters by resource", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/activities");
  // The filter applies itself once typing rests (no Apply button).
  await page.getByLabel("Resource name").fill(VM);
  await expect(page).toHaveURL(/[?&]q=/);
  const rows = page.getByRole("table", { name: "Activities" }).getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(3)).toContainText("Create VM");
  await expect(rows.nth(3)).toContainText("completed");
  // The activity opens its own page: its steps with their times, and the resources it concerned.
  await rows.nth(3).getByRole("link", { name: "Create VM" }).click();
  await expect(page.getByRole("heading", { name: `Create VM · ${VM}`, level: 1 })).toBeVisible();
  const steps = page.getByTestId("activity-steps").getByRole("listitem");
  await expect(steps.first()).toContainText("Done");
  await expect(steps.first().locator("time")).toHaveCount(1);
  await expect(steps.filter({ hasText: "Not run" })).toHaveCount(0);
  await page.getByTestId("activity-concerned").getByRole("link", { name: VM }).click();
  await expect(page.getByRole("heading", { name: VM, level: 1 })).toBeVisible();
});

test("tags and snapshots from the VM page: tags filter the list; a snapshot is taken, then deleted after a confirmation", async ({ page, loginAs }) => {
  test.setTimeout(60_000);
  await loginAs("adminProd");
  await page.goto(`/t/production/compute/vms?q=${VM}`);
  await vmTable(page).getByRole("link", { name: VM }).click();

  await page.getByRole("button", { name: "Edit tags" }).click();
  const tags = page.getByRole("dialog", { name: `Tags of ${VM}` });
  await tags.getByLabel("Tags").fill("env:e2e, team-web");
  await tags.getByRole("button", { name: "Save tags" }).click();
  const figures = page.getByRole("region", { name: "Configuration" });
  await expect(figures.getByRole("link", { name: "team-web" })).toBeVisible({ timeout: 30_000 });
  await figures.getByRole("link", { name: "team-web" }).click();
  await expect(page).toHaveURL(/\/compute\/vms\?tag=team-web$/);
  await expect(vmTable(page).getByRole("rowheader")).toHaveText([VM]);
  await vmTable(page).getByRole("link", { name: VM }).click();

  await page.getByRole("button", { name: "Take snapshot" }).click();
  const take = page.getByRole("dialog", { name: `Take a snapshot of ${VM}` });
  await take.getByLabel("Snapshot name").fill("before-upgrade");
  await take.getByRole("button", { name: "Take snapshot" }).click();
  const snapshots = page.getByRole("table", { name: "Snapshots" });
  await expect(snapshots.getByRole("rowheader", { name: "before-upgrade" })).toBeVisible({ timeout: 30_000 });
  // Its activity ended (the history says so): the VM is free for the next change.
  const latest = page.getByRole("table", { name: "Activity history" }).getByRole("row").nth(1);
  await expect(latest).toContainText("Take snapshot");
  await expect(latest).toContainText("completed", { timeout: 30_000 });

  await snapshots.getByRole("button", { name: "Delete snapshot before-upgrade" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete snapshot before-upgrade?" });
  await expect(confirm).toContainText("This cannot be undone.");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("region", { name: "Snapshots" }).getByText("No snapshot.")).toBeVisible({ timeout: 30_000 });
});

test("another tenant's VM is not found, even by its id", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/analytics/compute/vms");
  const href = await page.getByRole("table", { name: "Virtual machines" }).getByRole("rowheader").first().getByRole("link").getAttribute("href");
  const id = href!.split("/").pop()!;
  await page.goto(`/t/production/compute/vms/${id}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("This virtual machine does not exist, or it belongs to a tenant you cannot see.")).toBeVisible();
});

test("in Analytics (no key provider, no subscription) the padlock says why, in French", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/analytics/compute/vms?state=POWERED_OFF");
  await page.getByRole("button", { name: "fr", exact: true }).click();
  const padlock = page.getByRole("button", { name: /^Pourquoi .+ ne peut pas être chiffrée$/ }).first();
  await expect(padlock).toHaveText("Impossible");
  await padlock.click();
  const why = page.getByRole("dialog");
  await expect(why.getByText("ENCRYPTION.NO_KEY_PROVIDER")).toBeVisible();
  await expect(why.getByText("Aucun fournisseur de clés HSM/KMS n’est configuré pour l’environnement de ce tenant. Demandez au support d’en configurer un.")).toBeVisible();
  await expect(why.getByText("ENCRYPTION.NO_SUBSCRIPTION")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "en", exact: true }).click();
  await expect(page.getByRole("button", { name: /^Why .+ cannot be encrypted$/ }).first()).toHaveText("Not possible");
});

test("no reason passes a hard limit: a running VM resized to 900 GB on a 768 GB host is refused before Apply, and no override is offered", async ({ page, loginAs }) => {
  test.setTimeout(60_000);
  await loginAs("adminProd");
  // pro-mq-006 runs (64 GB) on prd-perf2-th3s: PERFORMANCE 2 v3 hosts of 768 GB, 1152 GB activated, 360 GB running.
  await page.goto("/t/production/compute/vms?q=pro-mq-006");
  await vmTable(page).getByRole("link", { name: "pro-mq-006" }).click();
  await page.getByRole("button", { name: "CPU and memory" }).click();
  const dialog = page.getByRole("dialog", { name: "Change the CPU and memory of pro-mq-006" });
  // Judged as it is typed, by the service itself with nothing written: refused before Apply.
  await dialog.getByLabel("Memory (GB)").fill("900");
  const refused = dialog.getByRole("alert").filter({ hasText: /^Would be refused/ });
  await expect(refused.getByText("HOST.PHYSICAL_MEMORY").first()).toBeVisible();
  await expect(refused.getByText("CPOOL.ACTIVATED_MEMORY").first()).toBeVisible();
  await expect(refused).toContainText("no override passes");
  await expect(dialog.getByLabel("Override with a reason")).toHaveCount(0);
  await expect(dialog.getByRole("button", { name: "Apply" })).toBeDisabled();
  // Back within the host: accepted again.
  await dialog.getByLabel("Memory (GB)").fill("96");
  await expect(dialog.getByTestId("resize-verdict")).toHaveText("Checked: the rules accept this change.");
  await expect(dialog.getByRole("button", { name: "Apply" })).toBeEnabled();
  await page.keyboard.press("Escape");
  // Judging wrote nothing: no refused resize in the audit log.
  await page.goto("/t/production/audit?action=vm.resize&outcome=REFUSED&q=pro-mq-006");
  await expect(page.getByRole("table", { name: "Audit log" }).getByText("HOST.PHYSICAL_MEMORY")).toHaveCount(0);
});
