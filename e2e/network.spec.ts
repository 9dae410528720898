import { test, expect } from "./fixtures";

test("a VLAN propagated to a sibling tenant shows on that tenant's network page", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  await loginAs("owner");
  await page.goto("/t/production/network");
  const vlans = page.getByRole("table", { name: "VLANs of this tenant and those propagated to it" });
  const row = vlans.getByRole("row", { name: /^100 / });
  // The demo already shares it with Recette.
  await expect(row.getByText("Recette")).toBeVisible();
  await row.getByRole("button", { name: "Propagate VLAN 100 to another tenant" }).click();
  const dialog = page.getByRole("dialog", { name: "Propagate VLAN 100 (production-front)" });
  await dialog.getByLabel("Tenant").selectOption({ label: "Analytics" });
  await dialog.getByRole("button", { name: "Propagate" }).click();
  await expect(page.getByText("The VLAN production-front (100) is propagated.")).toBeVisible({ timeout: 45_000 });
  await expect(row.getByText("Analytics")).toBeVisible();

  await page.goto("/t/analytics/network");
  const there = vlans.getByRole("row", { name: /^100 / });
  await expect(there.getByText("Propagated from Production")).toBeVisible();
  await expect(there.getByRole("button", { name: /Propagate/ })).toHaveCount(0);
});
