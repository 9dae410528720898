import { describe, it, expect, beforeAll } from "vitest";
import { createRequire } from "node:module";
import path from "node:path";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { authorizeOrganization } from "./authorize";
import { authOptions } from "./options";
import { setUserDisabled, setUserPassword } from "@/lib/services/iam";

// Sessions that end, and the sign-in limit, through next-auth's own handler (the code behind
// /api/auth/*) with the console's options: a cookie captured before sign-out, a password change
// or disabling the account is replayed after it, and must no longer name anyone.
// next-auth 4 does not export its core; the route handler is a thin adapter around it.
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as { AuthHandler: (p: { req: unknown; options: unknown }) => Promise<unknown> };
const options = { ...authOptions, secret: "sessions-test-secret-sessions-test-secret" };
const PASSWORD = "correct horse battery";
const COOKIE = "next-auth.session-token";

type Res = { status?: number; body?: unknown; redirect?: string; cookies?: { name: string; value: string }[] };
async function nextauth(action: string, o: { method?: string; providerId?: string; body?: Record<string, unknown>; cookies?: Record<string, string>; address?: string } = {}): Promise<Res> {
  return (await AuthHandler({
    req: { action: action as never, providerId: o.providerId, method: o.method ?? "GET", body: o.body, cookies: o.cookies ?? {}, query: {}, headers: { host: "localhost", "x-forwarded-for": o.address ?? "203.0.113.1" } },
    options,
  })) as Res;
}

async function csrf() {
  const r = await nextauth("csrf");
  const c = r.cookies!.find((x) => x.name.endsWith("csrf-token"))!;
  return { token: (r.body as { csrfToken: string }).csrfToken, cookies: { [c.name]: c.value } };
}

async function signIn(email: unknown, password: string, address = "203.0.113.1") {
  const c = await csrf();
  const res = await nextauth("callback", { method: "POST", providerId: "credentials", body: { email, password, csrfToken: c.token, json: "true" }, cookies: c.cookies, address });
  return { res, cookie: res.cookies?.find((x) => x.name === COOKIE)?.value };
}

const sessionOf = async (cookie: string) => (await nextauth("session", { cookies: { [COOKIE]: cookie } })).body as { user?: { email?: string; name?: string } };

async function signOut(cookie: string) {
  const c = await csrf();
  await nextauth("signout", { method: "POST", body: { csrfToken: c.token }, cookies: { ...c.cookies, [COOKIE]: cookie } });
}

let orgId = "";
let ownerId = "";
async function member() {
  const tenant = await createTenant(db(), { organizationId: orgId });
  const u = await createUser(db(), { password: PASSWORD, cost: 4 });
  await grantMembership(db(), { userId: u.id, tenantId: tenant.id });
  return u;
}

beforeAll(async () => {
  process.env.NEXTAUTH_URL ??= "http://localhost";
  orgId = (await createOrganization(db())).id;
  const owner = await createUser(db(), { cost: 4 });
  await db().organizationMember.create({ data: { organizationId: orgId, userId: owner.id, role: "OWNER" } });
  ownerId = owner.id;
});

describe("sessions end", () => {
  it("sign-out ends every session of the user: a cookie captured before, and another browser's, answer no one", async () => {
    const u = await member();
    const a = await signIn(u.email, PASSWORD);
    const b = await signIn(u.email, PASSWORD, "203.0.113.2");
    expect((await sessionOf(a.cookie!)).user?.email).toBe(u.email);
    await signOut(a.cookie!);
    expect(await sessionOf(a.cookie!)).toEqual({});
    expect(await sessionOf(b.cookie!)).toEqual({});
    // Signing in again gives a working session.
    expect((await sessionOf((await signIn(u.email, PASSWORD)).cookie!)).user?.email).toBe(u.email);
  });

  it("a password change ends every session", async () => {
    const u = await member();
    const { cookie } = await signIn(u.email, PASSWORD);
    expect((await sessionOf(cookie!)).user?.email).toBe(u.email);
    await setUserPassword(u.email, "another long password");
    expect(await sessionOf(cookie!)).toEqual({});
  });

  it("disabling the account ends every session, and /api/auth/session no longer answers its name or e-mail, even once enabled again", async () => {
    const u = await member();
    const { cookie } = await signIn(u.email, PASSWORD);
    const owner = await authorizeOrganization({ type: "user", userId: ownerId, email: "o@x", name: "o" }, orgId, "OWNER");
    if (!owner.ok) throw new Error(owner.reason);
    await setUserDisabled(owner.ctx, { userId: u.id, disabled: true });
    const answer = await sessionOf(cookie!);
    expect(answer).toEqual({});
    expect(JSON.stringify(answer)).not.toContain(u.email);
    await setUserDisabled(owner.ctx, { userId: u.id, disabled: false });
    expect(await sessionOf(cookie!)).toEqual({});
  });
});

describe("the per-second sign-in rate, inside authorize()", () => {
  it("refuses the 6th attempt on one account within a second whatever the address, as RateLimited", async () => {
    const u = await member();
    // The limit counts in fixed one-second windows: start at the beginning of one so all six land in it.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 10));
    const answers = await Promise.all([...Array(6)].map((_, i) => signIn(u.email, "wrong", `192.0.2.${i + 10}`)));
    const limited = answers.filter((a) => a.res.redirect?.includes("error=RateLimited"));
    const failed = answers.filter((a) => a.res.redirect?.includes("error=CredentialsSignin"));
    expect(failed).toHaveLength(5);
    expect(limited).toHaveLength(1);
  });
});
