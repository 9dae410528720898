import { test, expect } from "./fixtures";

// A running VM's simulated console, as a tenant admin uses it: the guest boots, they log in, type
// `hostname` and read the VM's name, send Ctrl-Alt-Del (after confirming) and see the guest boot
// again — the VM itself stays powered on — then find the command in the VM's console history.

test("a tenant admin opens a running VM's console, sees it boot, types hostname, reboots the guest with Ctrl-Alt-Del, and finds the command in the console history", async ({ page, loginAs }) => {
  test.setTimeout(150_000);
  await loginAs("adminProd");
  await page.goto("/t/production/compute/vms?state=POWERED_ON&sort=name");
  const link = page.getByRole("table", { name: "Virtual machines" }).getByRole("row").nth(1).getByRole("link").first();
  const vm = (await link.innerText()).trim();
  await link.click();
  // The VM page is the console's heaviest: give it time on a loaded machine.
  await expect(page.getByRole("heading", { name: vm, level: 1 })).toBeVisible({ timeout: 30_000 });

  await page.getByRole("link", { name: /Open console/ }).click();
  await expect(page.getByRole("heading", { name: `Console of ${vm}`, level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Simulated", { exact: true })).toBeVisible();
  const terminal = page.getByTestId("terminal");
  // The boot log of the VM's guest (Linux or Windows: the first running VM depends on the specs
  // before this one), then its login prompt.
  await expect(terminal).toContainText(/Linux version|Windows Boot Manager/, { timeout: 30_000 });
  await expect(terminal).toContainText(`${vm} login:`);

  // The terminal is named, and takes the keyboard.
  const input = page.getByRole("textbox", { name: `Simulated console of ${vm}. Type at the guest; Tab leaves the terminal.` });
  await input.focus();
  await page.keyboard.type("root");
  await page.keyboard.press("Enter");
  await expect(terminal).toContainText("Password:");
  await page.keyboard.type("anything");
  await page.keyboard.press("Enter");
  await expect(terminal).toContainText(`root@${vm}:~#`);
  await page.keyboard.type("hostname");
  await page.keyboard.press("Enter");
  // The guest answers with the VM's name, on a line of its own, then a new prompt.
  await expect(terminal.locator(".xterm-rows > div").filter({ hasText: new RegExp(`^\\s*${vm}\\s*$`) })).toHaveCount(1);

  // Ctrl-Alt-Del, confirmed: the guest boots again (the screen starts over on its boot log).
  await page.getByRole("toolbar", { name: "Console keys" }).getByRole("button", { name: "Ctrl-Alt-Del" }).click();
  await page.getByRole("group", { name: "Ctrl-Alt-Del" }).getByRole("button", { name: "Send" }).click();
  await expect(terminal).not.toContainText(`root@${vm}:~#`);
  await expect(terminal).toContainText(/Linux version|Windows Boot Manager/);
  await expect(terminal).toContainText(`${vm} login:`);

  // The VM page: still powered on, and the command in its console history with who typed it.
  await page.getByRole("link", { name: `Back to ${vm}` }).first().click();
  await expect(page.getByRole("heading", { name: vm, level: 1 })).toBeVisible({ timeout: 30_000 });
  const history = page.getByRole("table", { name: `Console history of ${vm}` });
  // Newest first: the reboot, then the command, each with who sent it.
  await expect(history.getByRole("row").nth(1)).toContainText("<Ctrl-Alt-Del>");
  await expect(history.getByRole("row").nth(2)).toContainText("hostname");
  await expect(history.getByRole("row").nth(2)).toContainText("admin.prod@demo.test");
});

test("a powered-off VM's console says why, and how to power it on", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/compute/vms?state=POWERED_OFF&sort=name");
  const link = page.getByRole("table", { name: "Virtual machines" }).getByRole("row").nth(1).getByRole("link").first();
  const vm = (await link.innerText()).trim();
  const href = await link.getAttribute("href");
  await page.goto(`${href}/console`);
  await expect(page.getByRole("heading", { name: "No console for this VM now" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(`${vm} is powered off: only a powered-on VM has a console. Power it on`)).toBeVisible();
  await expect(page.getByRole("button", { name: /Power on/ })).toBeVisible();
  await expect(page.getByTestId("terminal")).toHaveCount(0);
});
