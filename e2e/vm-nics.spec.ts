import { test, expect } from "./fixtures";

// A running VM's network adapters from its page, as a tenant admin clicks them: an adapter added on
// the tenant's VLAN with a MAC set by hand, the same MAC refused on a second one (NIC.DUPLICATE_MAC),
// the adapter disconnected while the VM runs, then removed after a confirmation. It leaves the VM
// as it found it.
const MAC = "00:50:56:3e:e2:01";
const POWERED_ON = "Powered on";

test("a tenant admin adds an adapter on a VLAN, is refused a duplicate MAC (NIC.DUPLICATE_MAC), disconnects it while the VM runs, and removes it after confirming", async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  await loginAs("adminProd");
  await page.goto("/t/production/compute/vms?state=POWERED_ON&sort=name");
  const link = page.getByRole("table", { name: "Virtual machines" }).getByRole("row").nth(1).getByRole("link").first();
  const vm = (await link.innerText()).trim();
  await link.click();
  await expect(page.getByRole("heading", { name: vm, level: 1 })).toBeVisible();
  const section = page.getByRole("region", { name: "Network adapters" });
  const nics = page.getByRole("table", { name: "Network adapters" });
  const history = page.getByRole("table", { name: "Activity history" }).getByRole("row").nth(1);

  // Add: E1000 on the tenant's front VLAN, with a MAC set by hand, connected.
  await section.getByRole("button", { name: "Add network adapter" }).click();
  const add = page.getByRole("dialog", { name: `Add a network adapter to ${vm}` });
  await add.getByLabel("Type").selectOption("E1000");
  await add.getByLabel("VLAN").selectOption({ label: "production-front · VLAN 100" });
  await add.getByLabel("MAC address").fill(MAC);
  await add.getByRole("button", { name: "Add adapter" }).click();
  const row = nics.getByRole("row").filter({ hasText: MAC });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("E1000");
  await expect(row).toContainText("production-front · VLAN 100");
  await expect(row).toContainText("Connected");
  // Its static address: the lowest free of VLAN 100's 10.0.100.0/24, from .10.
  await expect(row).toContainText(/10\.0\.100\.(\d{2,3})/);
  await expect(history).toContainText("Add network adapter");
  await expect(history).toContainText("completed", { timeout: 30_000 });
  const label = (await row.getByRole("rowheader").innerText()).trim();
  expect(label).toMatch(/^Network adapter \d+$/);

  // The same MAC, in capitals, on a second adapter: refused, naming the code, the MAC and its holder.
  await section.getByRole("button", { name: "Add network adapter" }).click();
  await add.getByLabel("MAC address").fill(MAC.toUpperCase());
  const refused = add.getByRole("alert").filter({ hasText: /^Would be refused/ });
  await expect(refused.getByText("NIC.DUPLICATE_MAC").first()).toBeVisible();
  await expect(refused).toContainText(`${MAC} is already that of ${label} of ${vm}`);
  await expect(add.getByLabel("Override with a reason")).toHaveCount(0);
  await expect(add.getByRole("button", { name: "Add adapter" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(nics.getByRole("row").filter({ hasText: MAC })).toHaveCount(1);

  // Disconnect it while the VM runs.
  await row.getByRole("button", { name: `Edit ${label}` }).click();
  const edit = page.getByRole("dialog", { name: `Change ${label} of ${vm}` });
  await expect(edit).toContainText(`keeps its MAC ${MAC}`);
  await edit.getByLabel("Connection").selectOption("false");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("Disconnected", { timeout: 30_000 });
  await expect(history).toContainText("Change network adapter");
  await expect(history).toContainText("completed", { timeout: 30_000 });
  // It still runs: the change did not stop it.
  await expect(page.locator("header").filter({ has: page.getByRole("heading", { name: vm, level: 1 }) })).toContainText(POWERED_ON);

  // Remove it, after the confirmation.
  await row.getByRole("button", { name: `Remove ${label}` }).click();
  const confirm = page.getByRole("dialog", { name: `Remove ${label} of ${vm}?` });
  await expect(confirm).toContainText(`MAC ${MAC}`);
  await confirm.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  await expect(history).toContainText("Remove network adapter");
  await expect(history).toContainText("completed", { timeout: 30_000 });

  // The audit log has the add; the duplicate was judged before Submit and never tried, so nothing refused is recorded.
  await page.goto("/t/production/audit?action=vm.nic_add");
  const audit = page.getByRole("table", { name: "Audit log" });
  await expect(audit.getByRole("row").nth(1)).toContainText(vm);
  await expect(audit.getByText("NIC.DUPLICATE_MAC")).toHaveCount(0);
});

test("a VM created on a network gets one connected VMXNET3 adapter on that VLAN; the form says what happens without one", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  const name = "e2e-net-01";
  await loginAs("adminProd");
  await page.goto("/t/production/compute/vms/new");
  await page.getByRole("radio", { name: /Debian 12/ }).check();
  await page.getByRole("combobox", { name: "Compute pool" }).selectOption({ label: "prd-std-par7s · PAR7S · STANDARD v3" });
  await page.getByRole("combobox", { name: "Datastore" }).selectOption({ label: "ds-prd-standard-01 · FLASH Standard" });
  const network = page.getByRole("combobox", { name: "Network" });
  await expect(network).toHaveValue("");
  await expect(page.getByText("Without one it has no adapter; add one later from its page.")).toBeVisible();
  await network.selectOption({ label: "production-front · VLAN 100" });
  await page.getByRole("checkbox", { name: /Power on after create/ }).uncheck();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await expect(page.getByTestId("preview-verdict")).toHaveText(/Submit would be accepted/);
  await page.getByRole("button", { name: "Create VM" }).click();

  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 30_000 });
  const nics = page.getByRole("table", { name: "Network adapters" });
  await expect(nics.getByRole("row")).toHaveCount(2);
  const row = nics.getByRole("row").nth(1);
  await expect(row.getByRole("rowheader")).toHaveText("Network adapter 1");
  await expect(row).toContainText("VMXNET3");
  await expect(row).toContainText("production-front · VLAN 100");
  await expect(row).toContainText(/00:50:56:[89ab][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}/);
  await expect(row).toContainText("Connected");
});
