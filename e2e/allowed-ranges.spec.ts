import config from "../playwright.config";
import { test, expect, sql } from "./fixtures";

// A tenant's allowed address ranges, through the browser against the production server
// (server.mjs: the client address is the socket's, 127.0.0.1 here). Uses "analytics" so that
// other specs' tenants are never restricted, and leaves it with no range whatever happens.
test.describe.configure({ timeout: 120_000 });
// Chromium reaches "localhost" over IPv6 (::1) here; this spec is about 127.0.0.1 and 127.0.0.0/8,
// so its browser resolves localhost to IPv4 (same origin, so the session cookie still applies).
const launch = config.use!.launchOptions!;
test.use({ launchOptions: { ...launch, args: [...(launch.args ?? []), "--host-resolver-rules=MAP localhost 127.0.0.1"] } });

const clearRanges = () => sql(`DELETE FROM "TenantAllowedRange" WHERE "tenantId" = (SELECT id FROM "Tenant" WHERE slug = 'analytics')`);
test.beforeAll(clearRanges);
test.afterAll(clearRanges);

test("an owner cannot save ranges that shut out their own address; 127.0.0.0/8 is saved; a range without the browser's address makes the tenant's pages refuse it with the reason", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/analytics/iam/ranges");
  await expect(page.getByRole("heading", { name: "Allowed address ranges" })).toBeVisible();
  await expect(page.getByTestId("your-address")).toContainText("127.0.0.1");

  // A range that leaves out 127.0.0.1: refused, naming the rule and the address.
  await page.getByRole("button", { name: "Add a range" }).click();
  await page.getByLabel("Range (CIDR)").fill("10.0.0.0/8");
  await page.getByLabel("Label").fill("office");
  await page.getByRole("button", { name: "Save the ranges" }).click();
  await expect(page.getByText(/IAM\.RANGES_EXCLUDE_SELF.*127\.0\.0\.1/).first()).toBeVisible();
  expect((await sql(`SELECT count(*)::int AS n FROM "TenantAllowedRange" r JOIN "Tenant" t ON t.id = r."tenantId" WHERE t.slug = 'analytics'`)).rows[0].n).toBe(0);

  // An invalid CIDR is refused beside its own field.
  await page.getByRole("button", { name: "Add a range" }).click();
  await page.getByLabel("Range (CIDR)").nth(1).fill("127.0.0.0/33");
  await page.getByLabel("Label").nth(1).fill("this machine");
  await page.getByRole("button", { name: "Save the ranges" }).click();
  await expect(page.getByText(/Not an IPv4 or IPv6 range in CIDR notation/)).toBeVisible();

  // With 127.0.0.0/8 added, the list holds the owner's address: saved.
  await page.getByLabel("Range (CIDR)").nth(1).fill("127.0.0.0/8");
  await page.getByRole("button", { name: "Save the ranges" }).click();
  await expect(page.getByText("Saved: Analytics now has 2 allowed ranges")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Range (CIDR)").nth(1)).toHaveValue("127.0.0.0/8");

  // An operator narrows the list from the database (as a recovery script would): the browser's
  // address is no longer in it, and every page of the tenant refuses it with the reason.
  await sql(`DELETE FROM "TenantAllowedRange" WHERE cidr = '127.0.0.0/8' AND "tenantId" = (SELECT id FROM "Tenant" WHERE slug = 'analytics')`);
  const res = await page.goto("/t/analytics/overview");
  expect(res!.status()).toBe(403);
  const refusal = page.getByTestId("address-refused");
  await expect(refusal.getByRole("heading", { name: "Not allowed from this address" })).toBeVisible();
  await expect(refusal).toContainText("IAM.ADDRESS_NOT_ALLOWED");
  await expect(refusal).toContainText("your address 127.0.0.1 is in none of them");
  await expect(refusal).toContainText(/Ask an owner of (Analytics|this tenant) to add a range that holds 127\.0\.0\.1/);
  // Not the error screen.
  await expect(page.getByText("This page could not be loaded")).toHaveCount(0);
  // Another tenant without ranges still opens.
  expect((await page.goto("/t/production/overview"))!.status()).toBe(200);
  // The refusal was audited, with the address.
  const audit = await sql(`SELECT details FROM "AuditEvent" WHERE action = 'iam.address_refused' AND "tenantId" = (SELECT id FROM "Tenant" WHERE slug = 'analytics')`);
  expect(audit.rows.map((r: { details: { address: string } }) => r.details.address)).toContain("127.0.0.1");
});
