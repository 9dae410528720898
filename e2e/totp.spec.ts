import bcrypt from "bcryptjs";
import { test, expect, signIn, sql } from "./fixtures";
import { totpCodeAt } from "../lib/domain/totp";
import { TOTP_SETTINGS } from "../lib/domain/catalogue";

// Two-factor authentication through the browser against the production server: a fresh account
// (so no other spec's demo user ever needs a code) turns it on with a code computed here from the
// secret the page shows, as an authenticator app would; then signing in needs the code.
test.describe.configure({ timeout: 150_000 });

const EMAIL = "totp.e2e@demo.test";
const PASSWORD = "totp-e2e-password-1";

const OTHER = "totp.e2e.other@demo.test";
const removeUser = () => sql(`DELETE FROM "User" WHERE email = ANY($1)`, [[EMAIL, OTHER]]);
const unrequire = () => sql(`UPDATE "Tenant" SET "requireTotp" = false WHERE slug = 'analytics'`);

test.beforeAll(async () => {
  await removeUser();
  await sql(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ('totp-e2e-user', $1, 'Totp E2E', $2)`, [EMAIL, bcrypt.hashSync(PASSWORD, 4)]);
  await sql(`INSERT INTO "Membership" (id, "userId", "tenantId", permissions) SELECT 'totp-e2e-membership', 'totp-e2e-user', id, ARRAY['compute:read'] FROM "Tenant" WHERE slug = 'analytics'`);
  await sql(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ('totp-e2e-other', $1, 'Totp Other', $2)`, [OTHER, bcrypt.hashSync(PASSWORD, 4)]);
  await sql(`INSERT INTO "Membership" (id, "userId", "tenantId", permissions) SELECT 'totp-e2e-other-membership', 'totp-e2e-other', id, ARRAY['compute:read'] FROM "Tenant" WHERE slug = 'analytics'`);
  await unrequire();
});
test.afterAll(async () => {
  await unrequire();
  await removeUser();
});

const stepOf = (d: Date) => Math.floor(d.getTime() / 1000 / TOTP_SETTINGS.periodSeconds);

test("a user turns on two-factor with a code from the shown secret, then replaces the recovery codes; signing in then needs a code: a wrong one and a replaced one are refused, a new one works", async ({ page }) => {
  await signIn(page, EMAIL, PASSWORD);
  await page.waitForURL(/\/t\/analytics\//);

  await page.getByRole("link", { name: "Account security" }).click();
  await expect(page.getByRole("heading", { name: "Account security" })).toBeVisible();
  await expect(page.getByText("Two-factor authentication is off.")).toBeVisible();
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code of the otpauth URI" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByTestId("totp-uri")).toContainText(`secret=${secret}`);

  // A wrong first code does not turn it on.
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByTestId("totp-error")).toContainText("That code is not right");

  const enrolledAt = new Date();
  await page.getByLabel("Code from the app").fill(totpCodeAt(secret, enrolledAt));
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const first = await codes.allTextContents();
  await page.getByRole("button", { name: "I have kept them" }).click();
  await expect(page.getByText("Two-factor authentication is on. Recovery codes left: 10.")).toBeVisible();

  // New recovery codes need a current code: the one used to enrol is spent, so wait for the app's next one (at most 30 s).
  while (stepOf(new Date()) <= stepOf(enrolledAt)) await page.waitForTimeout(1000);
  await page.getByLabel("Current code from the app").fill(totpCodeAt(secret, new Date()));
  await page.getByRole("button", { name: "Replace the recovery codes" }).click();
  await expect(codes).toHaveCount(10);
  const renewed = await codes.allTextContents();
  expect(renewed.filter((c) => first.includes(c))).toEqual([]);
  await page.getByRole("button", { name: "I have kept them" }).click();
  await expect(page.getByText("Two-factor authentication is on. Recovery codes left: 10.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);

  // The password alone: the form asks for the code, and no session is given.
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  expect((await page.request.get("/api/auth/session").then((r) => r.json())) as object).toEqual({});

  await code.fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toContainText("That code is not right");
  await expect(page).toHaveURL(/\/signin/);

  // A replaced recovery code is refused; a new one signs in.
  await code.fill(first[0]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toContainText("That code is not right");
  await code.fill(renewed[0]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/t\/analytics\//);

  // The renewal, both refused attempts and the sign-in were audited.
  const audit = await sql(`SELECT action, details->>'factor' AS factor FROM "AuditEvent" WHERE "actorId" = 'totp-e2e-user' AND action IN ('auth.sign_in', 'auth.sign_in_failed', 'auth.totp_enabled', 'auth.totp_recovery_renewed') ORDER BY "createdAt"`);
  expect(audit.rows.map((r: { action: string; factor: string | null }) => `${r.action}${r.factor ? `:${r.factor}` : ""}`)).toEqual([
    "auth.sign_in",
    "auth.totp_enabled",
    "auth.totp_recovery_renewed",
    "auth.sign_in_failed:code",
    "auth.sign_in_failed:code",
    "auth.sign_in:recovery_code",
  ]);
});

test("an owner requires two-factor for a tenant: a member without it is sent to turn it on, with the reason", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/analytics/iam/two-factor");
  await expect(page.getByRole("heading", { name: "Two-factor requirement" })).toBeVisible();
  await page.getByLabel("Require two-factor authentication in Analytics").check();
  await expect(page.getByText("Your own account does not have two-factor on")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  // The owner has no two-factor either: the refreshed page sends them to turn it on.
  await page.waitForURL(/\/account\/security\?required=analytics/);
  await expect(page.getByTestId("totp-required")).toContainText("Analytics requires two-factor authentication of its members");
  const audit = await sql(`SELECT details FROM "AuditEvent" WHERE action = 'iam.totp_required_set' AND "tenantId" = (SELECT id FROM "Tenant" WHERE slug = 'analytics') ORDER BY "createdAt" DESC LIMIT 1`);
  expect(audit.rows[0].details).toEqual({ before: false, after: true });

  // Another member without it, signing in, lands on the same explanation.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  await signIn(page, OTHER, PASSWORD);
  await page.waitForURL(/\/account\/security\?required=analytics/);
  await expect(page.getByTestId("totp-required")).toContainText("Turn it on below, then you can open Analytics.");
});
