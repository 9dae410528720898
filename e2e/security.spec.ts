import { test, expect, sql, DEMO_PASSWORD, DEMO_USERS } from "./fixtures";

// The hostile-client probe, replayed against the production server as `npm start` serves it
// (server.mjs): each finding was a bypass or a 500 before, and is refused now.
test.describe.configure({ timeout: 120_000 });

// The backoff counters live in the database, and every browser of the suite signs in from 127.0.0.1:
// the wrong passwords of earlier specs count against that address (20 free failures). Start from none,
// and leave none behind for the specs that sign in after this one.
const clearSignInThrottle = () => sql(`DELETE FROM "SignInThrottle"`);
test.beforeAll(clearSignInThrottle);
test.afterAll(clearSignInThrottle);

async function csrf(request: import("@playwright/test").APIRequestContext) {
  return ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

test("the sign-in limit holds against forged X-Forwarded-For, JSON bodies and /callback/credential%73", async ({ request }) => {
  const token = await csrf(request);
  const attempt = (email: string, password: string, xff: string) =>
    request.post("/api/auth/callback/credential%73", { headers: { "x-forwarded-for": xff }, data: { email, password, csrfToken: token, json: "true" } });

  // Six accounts from six forged addresses within one second: the address is the socket's, so the 6th is refused.
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 10));
  const spray = await Promise.all([...Array(6)].map((_, i) => attempt(`spray-${i}-${Date.now()}@demo.test`, "wrong", `198.51.100.${i}`)));
  expect(spray.map((r) => r.status()).sort()).toEqual([401, 401, 401, 401, 401, 429]);

  // One account, a new forged address each time, paced under the per-second rate: after 6 failures it backs off.
  // The per-second window opened with the spray's first request as the server saw it, a few ms after the
  // second began: let it close before the first paced attempt, or that attempt lands in it and gets a 429.
  await new Promise((r) => setTimeout(r, 1000));
  const target = `target-${Date.now()}@demo.test`;
  const statuses: number[] = [];
  let refused: import("@playwright/test").APIResponse | null = null;
  for (let i = 0; i < 14 && !refused; i++) {
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 10)); // one attempt per one-second window
    const res = await attempt(target, `wrong-${i}`, `203.0.113.${i}`);
    statuses.push(res.status());
    if (res.status() === 429) refused = res;
  }
  // Five failures are free; from the 6th each blocks the account for 1 s, 2 s, 4 s …: once a block
  // outlasts the time one attempt takes (a password hash, slow on a loaded machine), the next is refused.
  expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
  expect(refused, statuses.join(" ")).not.toBeNull();
  expect(Number(refused!.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(await refused!.json()).toEqual({ url: expect.stringContaining("/signin?error=RateLimited") });
});

test("a body over the limit is refused with 413 before it is read", async ({ request }) => {
  const big = Buffer.alloc(50 * 1024 * 1024, "a");
  const signIn = await request.post("/api/auth/callback/credentials", { headers: { "content-type": "application/x-www-form-urlencoded" }, data: big });
  expect(signIn.status()).toBe(413);
  expect(await signIn.json()).toMatchObject({ code: "TOO_LARGE", fields: { body: [expect.stringContaining("16384")] } });
  const api = await request.post("/api/v1/compute/vms", { headers: { "content-type": "application/json", authorization: "Bearer scp_x" }, data: big });
  expect(api.status()).toBe(413);
});

test("NUL bytes and malformed encodings answer 400 naming the field, with the security headers, never 500", async ({ page, loginAs, request }) => {
  for (const [path, field] of [
    ["/api/v1/compute/vms/%00", "path"],
    ["/api/v1/compute/vms/%C0%AE", "path"],
    ["/api/v1/compute/vms/%FF", "path"],
    ["/api/v1/compute/vms?q=%00", "q"],
    ["/api/console/production/activities?ids=%00", "ids"],
  ] as const) {
    const res = await request.get(path, { headers: { authorization: "Bearer scp_x" } });
    expect(res.status(), path).toBe(400);
    expect(await res.json()).toMatchObject({ code: "INVALID", fields: { [field]: [expect.any(String)] } });
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  }
  await loginAs("adminProd");
  for (const path of ["/t/production/compute/vms?q=%00", "/t/production/compute/vms?tag=%00"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(400);
    await expect(page.getByText(/contains a NUL character/)).toBeVisible();
  }
});

test("a nonce CSP without 'unsafe-inline' for scripts, kept by every script Next writes; no HSTS over http, even when the client claims https", async ({ page, request }) => {
  const res = await page.goto("/signin");
  const csp = res!.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp.split("; ").find((d) => d.startsWith("script-src"))).not.toContain("unsafe-inline");
  const nonces = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(nonces.every((n) => n === nonce)).toBe(true);
  expect(res!.headers()["strict-transport-security"]).toBeUndefined();
  expect((await request.get("/signin", { headers: { "x-forwarded-proto": "https" } })).headers()["strict-transport-security"]).toBeUndefined();
  // The page works under it: the sign-in form is hydrated and signs in.
  await page.getByLabel("Email").fill(DEMO_USERS.readOnly);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/t\/[^/]+\//);
});

test("a session cookie captured before sign-out opens nothing after it", async ({ page, loginAs, browser }) => {
  await loginAs("operator");
  const captured = await page.context().cookies();
  expect(captured.some((c) => c.name === "next-auth.session-token")).toBe(true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  // An attacker who copied the cookie earlier replays it in a browser of their own.
  const replay = await browser.newContext({ baseURL: new URL(page.url()).origin });
  await replay.addCookies(captured);
  const other = await replay.newPage();
  await other.goto("/t/production/overview");
  await expect(other).toHaveURL(/\/signin/);
  expect(await (await replay.request.get("/api/auth/session")).json()).toEqual({});
  await replay.close();
});
