import { test, expect as baseExpect, sql } from "./fixtures";

// A VLAN order of several networks (ORDER.NETWORK_COUNT: 20 at most in one order): rows added and
// removed, the 21st refused with the rule's sentence before anything is sent, the order's page
// listing each network. The spec withdraws its order and deletes it afterwards.

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

const SUMMARY = "2 VLANs: 3301, 3302";
const removeOrder = () => sql(`DELETE FROM "Order" WHERE payload->>'summary' = $1 AND "tenantId" = (SELECT id FROM "Tenant" WHERE slug = 'production')`, [SUMMARY]);

test.beforeAll(removeOrder);
test.afterAll(removeOrder);

test("a VLAN order of 2 networks lists both on its page; 21 are refused before Submit, which stays disabled", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/orders/new?kind=vlan");
  const count = page.getByTestId("network-count");
  const verdict = page.getByTestId("order-verdict");
  const submit = page.getByRole("button", { name: "Submit order" });
  const add = page.getByRole("button", { name: "Add a network" });

  await expect(count).toHaveText("1 of 20 networks");
  await expect(page.getByRole("button", { name: "Remove network 1" })).toBeDisabled();
  await page.getByLabel("Network 1 tag").fill("3301");
  await page.getByLabel("Network 1 name").fill("e2e-net-a");
  await add.click();
  // A new row takes the tag after the last one.
  await expect(page.getByLabel("Network 2 tag")).toHaveValue("3302");
  await page.getByLabel("Network 2 name").fill("e2e-net-b");
  await expect(count).toHaveText("2 of 20 networks");
  await expect(verdict).toContainText("No rule refuses this order.");

  // The same name twice is refused on its row.
  await page.getByLabel("Network 2 name").fill("e2e-net-a");
  await expect(page.getByText("The name e2e-net-a is in this order twice (networks 1 and 2). Give each network its own name.")).toBeVisible();
  await page.getByLabel("Network 2 name").fill("e2e-net-b");

  // Up to 21 rows: the rule's sentence with its numbers, and Submit held.
  for (let n = 3; n <= 21; n++) await add.click();
  await expect(count).toHaveText("21 of 20 networks");
  await expect(verdict).toContainText("ORDER.NETWORK_COUNT");
  await expect(verdict).toContainText("One order holds at most 20 networks; this one would hold 21. Split it into several.");
  await expect(submit).toBeDisabled();
  await page.getByRole("button", { name: "Remove network 21" }).click();
  await expect(count).toHaveText("20 of 20 networks");
  await expect(verdict).not.toContainText("ORDER.NETWORK_COUNT");
  await expect(submit).toBeEnabled();
  for (let n = 20; n >= 3; n--) await page.getByRole("button", { name: `Remove network ${n}` }).click();
  await expect(count).toHaveText("2 of 20 networks");
  await expect(verdict).toContainText("No rule refuses this order.");

  await submit.click();
  await expect(page).toHaveURL(/\/t\/production\/orders\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: SUMMARY })).toBeVisible();
  const networks = page.getByRole("list", { name: "Networks of this order" });
  await expect(networks.getByRole("listitem")).toHaveText(["3301 e2e-net-a", "3302 e2e-net-b"]);

  // Withdrawn, so no VLAN order stays open in the tenant (the spec deletes it afterwards too).
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("dialog", { name: "Cancel this order?" }).getByRole("button", { name: "Cancel the order" }).click();
  await expect(page.getByRole("region", { name: "Status history" })).toContainText("Cancelled by its author");
});

// Two VLANs of Production made for this test, propagated together; deleted afterwards (their
// propagations go with them).
const PROP = ["e2e-prop-a", "e2e-prop-b"];
const removeVlans = () => sql(`DELETE FROM "Vlan" WHERE name = ANY($1) AND "tenantId" = (SELECT id FROM "Tenant" WHERE slug = 'production')`, [PROP]);

test.describe("one propagation of several VLANs", () => {
  test.beforeAll(async () => {
    await removeVlans();
    await sql(`INSERT INTO "Vlan" (id, "tenantId", tag, name) SELECT $1 || '-' || t.id, t.id, $2, $1 FROM "Tenant" t WHERE t.slug = 'production'`, [PROP[0], 3401]);
    await sql(`INSERT INTO "Vlan" (id, "tenantId", tag, name) SELECT $1 || '-' || t.id, t.id, $2, $1 FROM "Tenant" t WHERE t.slug = 'production'`, [PROP[1], 3402]);
  });
  test.afterAll(removeVlans);

  test("ticks a second VLAN in the dialog, counted against 20, and both reach the tenant in one activity", async ({ page, loginAs }) => {
    await loginAs("owner");
    await page.goto("/t/production/network?q=e2e-prop");
    await page.getByRole("button", { name: "Propagate VLAN 3401 to another tenant" }).click();
    const dialog = page.getByRole("dialog", { name: "Propagate VLAN 3401 (e2e-prop-a)" });
    await expect(dialog.getByTestId("propagation-count")).toHaveText("1 of 20 VLANs");
    await dialog.getByLabel("VLAN 3402 (e2e-prop-b)").check();
    await expect(dialog.getByTestId("propagation-count")).toHaveText("2 of 20 VLANs");
    await dialog.getByLabel("Tenant").selectOption({ label: "Analytics" });
    await dialog.getByRole("button", { name: "Propagate" }).click();
    await expect(page.getByText("The VLAN e2e-prop-a (3401), e2e-prop-b (3402) is propagated.")).toBeVisible({ timeout: 45_000 });
    const vlans = page.getByRole("table", { name: "VLANs of this tenant and those propagated to it" });
    await expect(vlans.getByRole("row", { name: /^3401 / }).getByText("Analytics")).toBeVisible();
    await expect(vlans.getByRole("row", { name: /^3402 / }).getByText("Analytics")).toBeVisible();
  });
});
