import { test, expect, sql } from "./fixtures";
import { ed25519PublicKey } from "../test/ssh-key";

// The catalogue as a tenant admin clicks it: a public template copied into the tenant's catalogue, a
// VM deployed from it with an SSH key (its fingerprint shown on the VM's page), an ISO registered
// (metadata only, said plainly) and mounted in the VM's CD/DVD drive then unmounted after a
// confirmation; then the VM encrypted, and its export refused before Submit (CATALOG.ENCRYPTED_EXPORT).
const TEMPLATE = "e2e-ubuntu";
const VM = "e2e-cat-01";
const ISO = "e2e-tools.iso";

// Production's VM count is the seed's for the specs that follow (console.spec counts 72): the VM
// deployed here leaves with its disks, adapters and drive once the spec is done.
test.afterAll(async () => {
  await sql(`DELETE FROM "Vm" WHERE name = $1 AND "tenantId" = (SELECT id FROM "Tenant" WHERE slug = 'production')`, [VM]);
});

test("a tenant admin copies a public template, deploys a VM from it with an SSH key, mounts an ISO, and is refused the export of an encrypted VM", async ({ page, loginAs }) => {
  test.setTimeout(150_000);
  const key = ed25519PublicKey("ops@e2e");
  await loginAs("adminProd");

  // Copy Ubuntu 24.04 from the provider's public templates.
  await page.goto("/t/production/compute/catalog");
  await expect(page.getByRole("heading", { name: "Catalogue", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Copy Ubuntu 24.04 LTS to this tenant's catalogue" }).click();
  const copy = page.getByRole("dialog", { name: "Copy Ubuntu 24.04 LTS to this tenant's catalogue" });
  await copy.getByLabel("Name in the catalogue").fill(TEMPLATE);
  await copy.getByRole("button", { name: "Copy to my catalogue" }).click();
  const own = page.getByRole("table", { name: "This tenant's catalogue" });
  const row = own.getByRole("row").filter({ hasText: TEMPLATE });
  await expect(row).toContainText("Ubuntu 24.04 LTS · 2 vCPU · 4 GB · 25 GiB");
  await expect(row).toContainText("Copied from the public catalogue");

  // Register an ISO: the page says plainly that its content is simulated.
  await expect(page.getByRole("note")).toContainText("Its content is not uploaded");
  await page.getByLabel("Name", { exact: true }).fill(ISO);
  await page.getByLabel("Size (bytes)").fill("734003200");
  await page.getByLabel("SHA-256").fill("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  await page.getByRole("button", { name: "Register the ISO" }).click();
  await expect(own.getByRole("row").filter({ hasText: ISO })).toContainText("ISO image");

  // Deploy a VM from the copied template, with an SSH key.
  await row.getByRole("link", { name: `Deploy a VM from ${TEMPLATE}` }).click();
  await expect(page.getByLabel("From this tenant's catalogue")).toHaveValue(/.+/);
  await expect(page.getByLabel("System disk (GiB)")).toHaveValue("25");
  await page.getByLabel("SSH public keys").fill(key.line);
  await page.getByLabel("Name", { exact: true }).fill(VM);
  await page.getByLabel("Power on after create").uncheck();
  await page.getByRole("button", { name: "Create VM" }).click();
  await expect(page.getByRole("heading", { name: VM, level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Ubuntu 24.04 LTS").first()).toBeVisible();
  const cloudInit = page.getByRole("region", { name: "cloud-init" });
  await expect(cloudInit).toContainText(key.fingerprint);
  await expect(cloudInit).toContainText("ops@e2e");

  // Mount the ISO once the VM is created, then unmount it after the confirmation.
  const drive = page.getByRole("region", { name: "CD/DVD drive" });
  await expect(drive.getByRole("button", { name: "Mount ISO" })).toBeEnabled({ timeout: 40_000 });
  await expect(page.getByTestId("cd-drive")).toHaveText("CD/DVD drive 1: empty");
  await drive.getByRole("button", { name: "Mount ISO" }).click();
  const mount = page.getByRole("dialog", { name: `Mount an ISO in ${VM}'s CD/DVD drive` });
  await mount.getByLabel("ISO image").selectOption({ label: ISO });
  await mount.getByRole("button", { name: "Mount", exact: true }).click();
  await expect(page.getByTestId("cd-drive")).toHaveText(`CD/DVD drive 1: ${ISO}`, { timeout: 30_000 });
  await expect(drive.getByRole("button", { name: "Unmount" })).toBeEnabled({ timeout: 30_000 });
  await drive.getByRole("button", { name: "Unmount" }).click();
  const eject = page.getByRole("dialog", { name: `Unmount ${ISO} from ${VM}?` });
  await eject.getByRole("button", { name: "Unmount" }).click();
  await expect(page.getByTestId("cd-drive")).toHaveText("CD/DVD drive 1: empty", { timeout: 30_000 });

  // Encrypted (it was created powered off), the same VM's export is judged refused before Submit, naming the rule.
  await page.getByRole("button", { name: `Encrypt ${VM}` }).click();
  await page.getByRole("dialog", { name: `Encrypt ${VM}?` }).getByRole("button", { name: "Encrypt", exact: true }).click();
  await expect(page.getByTestId("padlock")).toHaveAttribute("data-state", "encrypted", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Export as template" })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole("button", { name: "Export as template" }).click();
  const exp = page.getByRole("dialog", { name: `Export ${VM} as a template` });
  const refused = exp.getByRole("alert").filter({ hasText: /^Would be refused/ });
  await expect(refused.getByText("CATALOG.ENCRYPTED_EXPORT").first()).toBeVisible();
  await expect(refused).toContainText(`${VM} is encrypted; an encrypted VM cannot be exported as a template or OVF`);
  await expect(exp.getByRole("button", { name: "Export as template" })).toBeDisabled();
});
