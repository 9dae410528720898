import { test, expect as baseExpect, sql, DEMO_USERS } from "./fixtures";

// IAM, personal access tokens and the REST API, through the browser and HTTP.
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

test("a tenant admin makes a token, shown once; it drives the API with its last use recorded, and stops once revoked", async ({ page, loginAs, request }) => {
  await loginAs("adminProd");
  const res = await page.goto("/t/production/iam/tokens");
  // Security headers on every response.
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  const name = `e2e-${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("checkbox", { name: "compute:read" }).check();
  await page.getByRole("button", { name: "Create the token" }).click();
  const dialog = page.getByRole("dialog", { name: "Copy your token now" });
  const secret = await dialog.getByLabel("Token secret").inputValue();
  expect(secret).toMatch(/^scp_/);
  await dialog.getByRole("button", { name: "I have stored it" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("compute:read");
  await expect(row).toContainText("Never");

  const api = await request.get("/api/v1/compute/vms?limit=5", { headers: { Authorization: `Bearer ${secret}` } });
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { items: unknown[]; nextCursor: string | null };
  expect(body.items.length).toBeGreaterThan(0);
  // The token holds compute:read only.
  expect((await request.get("/api/v1/activities", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(403);

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).not.toContainText("Never");
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke the token" }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
  expect((await request.get("/api/v1/compute/vms", { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(401);
});

test("an owner adds a member, grants a role bundle, sees where each right comes from, and disables the account", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/production/iam");
  const email = `e2e-${Date.now()}@example.test`;
  const members = page.getByRole("table", { name: "Members of Production" });
  // Typed before the page is hydrated, a field can be lost (seen once on a loaded machine): the
  // fill and the submit are tried again until the member shows in the list.
  await expect(async () => {
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("First password (new account only)").fill("a-long-password-1");
    await page.getByRole("button", { name: "Add the member" }).click();
    await expect(members.getByRole("row").filter({ hasText: email })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 40_000 });
  await expect(members.getByRole("row").filter({ hasText: email })).toContainText("0 permissions");

  await members.getByRole("link", { name: `Permissions of ${email}` }).click();
  // The members page has its own "Read only" bundle (the add-member form): wait for the member's
  // page before clicking, and for the boxes to be ticked before saving.
  await expect(page.getByRole("heading", { name: email })).toBeVisible();
  await page.getByRole("button", { name: "Read only" }).click();
  await expect(page.getByRole("checkbox", { name: "compute:read" })).toBeChecked();
  await page.getByRole("button", { name: "Save the permissions" }).click();
  const effective = page.getByRole("table", { name: "Effective permissions in Production" });
  await expect(effective.getByRole("row").filter({ hasText: "compute:read" })).toContainText("Granted on the membership of Production");
  await expect(effective.getByRole("row").filter({ hasText: "compute:write" })).toContainText("Not granted");

  await page.goto("/t/production/iam");
  const orgUsers = page.getByRole("table", { name: /Users of the organization/ });
  await orgUsers.getByRole("button", { name: `Disable ${email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable the account" }).click();
  await expect(orgUsers.getByRole("row").filter({ hasText: email })).toContainText("Disabled");
});

test("a server action posted from another origin is refused and changes nothing; the same request from the console's origin works", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/iam/tokens");
  const name = `forged-${Date.now()}`;
  // Capture the browser's own action request (and keep it from reaching the server).
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | null = null;
  await page.route("**/t/production/iam/tokens", async (route) => {
    const r = route.request();
    if (r.method() !== "POST") return route.continue();
    captured = { url: r.url(), headers: r.headers(), body: r.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create the token" }).click();
  await expect.poll(() => captured !== null).toBe(true);
  await page.unroute("**/t/production/iam/tokens");
  const sent = captured as unknown as { url: string; headers: Record<string, string>; body: Buffer };

  // Replayed with the session's cookies as if a foreign page had sent it: refused by Next's origin check.
  const forged = await page.request.post(sent.url, { headers: { ...sent.headers, origin: "https://evil.example" }, data: sent.body });
  expect(forged.status()).toBe(500);
  await page.goto("/t/production/iam/tokens");
  await expect(page.getByText(name)).toHaveCount(0);

  // The control: the same request from the console's own origin goes through.
  const genuine = await page.request.post(sent.url, { headers: sent.headers, data: sent.body });
  expect(genuine.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(1);
});

test("the API reference page renders every operation from the OpenAPI document", async ({ page, loginAs }) => {
  await loginAs("readOnly");
  await page.goto("/t/production/iam/api");
  await expect(page.getByRole("heading", { name: "REST API reference" })).toBeVisible();
  const create = page.getByRole("article", { name: "POST /api/v1/compute/vms", exact: true });
  await expect(create).toContainText("Needs compute:write");
  await expect(create).toContainText("templateCode");
  await expect(create).toContainText("422");
  // Every operation of the document, which the registry generates (each console change has its route).
  const doc = (await (await page.request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, object> };
  const operations = Object.values(doc.paths).flatMap((p) => Object.keys(p)).length;
  expect(operations).toBeGreaterThanOrEqual(60);
  await expect(page.getByRole("article")).toHaveCount(operations);
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toHaveAttribute("href", "/api/v1/openapi.json");
});

test("a reader sees another member's token without a Revoke button, with the reason, and may revoke their own", async ({ page, loginAs }) => {
  const stamp = Date.now();
  const [{ id: tenantId }] = (await sql(`SELECT id FROM "Tenant" WHERE slug = 'production'`)).rows as [{ id: string }];
  const insert = (email: string, name: string) =>
    sql(
      `INSERT INTO "PersonalAccessToken" (id, "userId", "tenantId", name, prefix, "tokenHash", permissions, "expiresAt")
       SELECT $1, u.id, $2, $3, 'scp_e2e0', $1, ARRAY['compute:read'], now() + interval '30 days' FROM "User" u WHERE u.email = $4`,
      [`e2e-tok-${name}`, tenantId, name, email],
    );
  const theirs = `e2e-admins-${stamp}`;
  const mine = `e2e-readers-${stamp}`;
  await insert(DEMO_USERS.adminProd, theirs);
  await insert(DEMO_USERS.readOnly, mine);
  try {
    await loginAs("readOnly");
    await page.goto("/t/production/iam/tokens");
    const other = page.getByRole("row").filter({ hasText: theirs });
    await expect(other).toContainText(DEMO_USERS.adminProd);
    await expect(other).toContainText("Only its owner or a member with iam:write can revoke it");
    await expect(other.getByRole("button")).toHaveCount(0);
    await expect(page.getByRole("button", { name: `Revoke ${theirs}` })).toHaveCount(0);
    // One's own token stays revocable.
    await expect(page.getByRole("row").filter({ hasText: mine }).getByRole("button", { name: `Revoke ${mine}` })).toBeVisible();
  } finally {
    await sql(`DELETE FROM "PersonalAccessToken" WHERE id = ANY($1)`, [[`e2e-tok-${theirs}`, `e2e-tok-${mine}`]]);
  }
});
