import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser } from "@/lib/db/factories";
import { setTotpSecretForTest } from "@/test/integration/sso-helpers";
import { beginSsoSignIn, completeSsoSignIn, setSso, ssoForEmail } from "./sso";
import { checkSignIn } from "./auth";
import { describeInvitationLink, hashInvitationToken } from "./invitations";
import { openSecret } from "@/lib/security/secret-box";
import { decode } from "next-auth/jwt";
import { sessionCookieFor } from "@/lib/auth/sso-session";
import type { OrganizationContext } from "@/lib/auth/context";

// A real OpenID Connect provider (oidc-provider), started here on a free port with one client and
// its accounts; the console's flow runs against it end to end: authorization request, login at the
// provider (its development login form), callback, code exchange, ID token validation.

const REDIRECT = "https://console.test/api/sso/callback";
process.env.NEXTAUTH_SECRET ??= "sso-test-secret-sso-test-secret-0123456789";
const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string; amr?: string[] }> = {
  ann: { email: "ann@acme-sso.test", email_verified: true, name: "Ann Acme" },
  newbie: { email: "newbie@acme-sso.test", email_verified: true, name: "New Bie" },
  stranger: { email: "stranger@acme-sso.test", email_verified: true, name: "Not Invited" },
  outside: { email: "eve@elsewhere.test", email_verified: true, name: "Eve" },
  unverified: { email: "unverified@acme-sso.test", email_verified: false, name: "Unverified" },
};

let server: Server;
let issuer = "";
const s = { org: null as unknown as OrganizationContext, tenantId: "" };

beforeAll(async () => {
  // A free port first: the issuer (its URL) must be known before the provider is made.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const p = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
  issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: "console", client_secret: "console-secret-0123456789", redirect_uris: [REDIRECT], response_types: ["code"], grant_types: ["authorization_code"], token_endpoint_auth_method: "client_secret_basic" }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: async (_ctx: unknown, id: string) => (ACCOUNTS[id] ? { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) } : undefined),
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["test-cookie-key-0123456789"] },
  });
  server = provider.listen(port, "127.0.0.1");
  await new Promise((r) => setTimeout(r, 50));

  const org = await createOrganization(db());
  const tenant = await createTenant(db(), { organizationId: org.id, name: "SSO Prod" });
  s.tenantId = tenant.id;
  const owner = await createUser(db(), { cost: 4 });
  await db().organizationMember.create({ data: { organizationId: org.id, userId: owner.id, role: "OWNER" } });
  s.org = { actor: { type: "user", userId: owner.id, email: owner.email, name: owner.name }, organization: { id: org.id, name: org.name }, role: "OWNER" } as OrganizationContext;
  expect(await setSso(s.org, { issuer, clientId: "console", clientSecret: "console-secret-0123456789", domains: ["ACME-SSO.test"], passwordAllowed: false })).toMatchObject({ ok: true });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A browser with a cookie jar, following the provider's redirects by hand until it is sent back to the console. */
async function loginAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | null = null;
  for (let hop = 0; hop < 20; hop++) {
    if (url.href.startsWith(REDIRECT)) return url;
    const res = await fetch(url, { method: body ? "POST" : "GET", redirect: "manual", headers: { cookie: cookie(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) }, body: body ?? undefined });
    keep(res);
    body = null;
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
    if (!action) throw new Error(`no form at ${url}: ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.set(m[1]!, m[2]!);
    if (/name="login"/.test(html)) {
      fields.set("login", login);
      fields.set("password", "any");
    }
    url = new URL(action.replace(/&amp;/g, "&"), url);
    body = fields;
  }
  throw new Error("too many hops at the provider");
}

async function signInAs(login: string) {
  const email = ACCOUNTS[login]!.email;
  const begun = await beginSsoSignIn(email, REDIRECT);
  if (!begun) throw new Error(`no SSO for ${email}`);
  const back = await loginAtProvider(begun.url, login);
  return { begun, back, result: await completeSsoSignIn(begun.pending, back) };
}

describe("single sign-on through OpenID Connect, against a real provider", () => {
  it("keeps the client secret sealed and never answers it; the sign-in page finds the organization by the e-mail's domain", async () => {
    const row = await db().organizationSso.findUniqueOrThrow({ where: { organizationId: s.org.organization.id } });
    expect(row.clientSecretSealed).not.toContain("console-secret");
    expect(openSecret("sso-client-secret", row.clientSecretSealed)).toBe("console-secret-0123456789");
    expect(await ssoForEmail("someone@acme-sso.test")).toMatchObject({ organizationId: s.org.organization.id, passwordAllowed: false });
    expect(await ssoForEmail("someone@elsewhere.test")).toBeNull();
  });

  it("the full code flow (PKCE, state, nonce) signs in an existing account linked by its verified e-mail, audited with factor sso", async () => {
    const ann = await createUser(db(), { email: "ann@acme-sso.test", cost: 4 });
    const { begun, result } = await signInAs("ann");
    const auth = new URL(begun.url);
    expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
    expect(auth.searchParams.get("state")).toBeTruthy();
    expect(auth.searchParams.get("nonce")).toBeTruthy();
    expect(result).toMatchObject({ ok: true, value: { id: ann.id, email: "ann@acme-sso.test", sessionVersion: 0 } });
    expect(await db().auditEvent.findFirst({ where: { actorId: ann.id, action: "auth.sign_in" }, select: { details: true } })).toMatchObject({ details: { factor: "sso" } });
    // The session it opens is next-auth's own cookie, carrying the user and the session version the jwt callback checks.
    if (!result.ok) throw new Error("signed in expected");
    const cookie = await sessionCookieFor(result.value);
    expect(cookie.name).toBe("next-auth.session-token");
    expect(await decode({ token: cookie.value, secret: process.env.NEXTAUTH_SECRET! })).toMatchObject({ uid: ann.id, sv: 0, email: "ann@acme-sso.test" });
  });

  it("a wrong state is refused, and so is a replayed answer or another flow's pending cookie (state, nonce)", async () => {
    const { begun, back } = await signInAs("ann");
    const forged = new URL(back);
    forged.searchParams.set("state", "forged-state");
    const other = await beginSsoSignIn("ann@acme-sso.test", REDIRECT);
    // the answer of one flow with another flow's verifier, state and nonce
    expect(await completeSsoSignIn(other!.pending, back)).toMatchObject({ ok: false });
    const fresh = await beginSsoSignIn("ann@acme-sso.test", REDIRECT);
    const backFresh = await loginAtProvider(fresh!.url, "ann");
    const wrongState = new URL(backFresh);
    wrongState.searchParams.set("state", "forged-state");
    expect(await completeSsoSignIn(fresh!.pending, wrongState)).toMatchObject({ ok: false });
    expect(await completeSsoSignIn(undefined, back)).toMatchObject({ ok: false });
    void begun;
  });

  it("a wrong nonce is refused: a pending cookie whose nonce is not the one sent", async () => {
    const begun = await beginSsoSignIn("ann@acme-sso.test", REDIRECT);
    const back = await loginAtProvider(begun!.url, "ann");
    const { sealSecret } = await import("@/lib/security/secret-box");
    const pending = JSON.parse(openSecret("sso-pending", begun!.pending)) as Record<string, unknown>;
    const tampered = sealSecret("sso-pending", JSON.stringify({ ...pending, n: "not-the-nonce" }));
    expect(await completeSsoSignIn(tampered, back)).toMatchObject({ ok: false });
  });

  it("an e-mail outside the covered domains is refused (SSO.DOMAIN_NOT_COVERED), and an unverified one (SSO.EMAIL_NOT_VERIFIED)", async () => {
    // The provider asserts eve@elsewhere.test although the flow began for a covered address.
    const begun = await beginSsoSignIn("someone@acme-sso.test", REDIRECT);
    const back = await loginAtProvider(begun!.url, "outside");
    expect(await completeSsoSignIn(begun!.pending, back)).toMatchObject({ ok: false, violations: [{ code: "SSO.DOMAIN_NOT_COVERED" }] });
    expect((await signInAs("unverified")).result).toMatchObject({ ok: false, violations: [{ code: "SSO.EMAIL_NOT_VERIFIED" }] });
  });

  it("a first sign-on creates the account only for an invited address, and accepts the invitation; no self-sign-up", async () => {
    expect((await signInAs("stranger")).result).toMatchObject({ ok: false, violations: [{ code: "SSO.NOT_INVITED" }] });
    expect(await db().user.findUnique({ where: { email: "stranger@acme-sso.test" } })).toBeNull();
    await db().invitation.create({ data: { tenantId: s.tenantId, email: "newbie@acme-sso.test", permissions: ["compute:read"], tokenHash: hashInvitationToken("newbie-token-0123456789abc"), expiresAt: new Date(Date.now() + 3_600_000) } });
    // The invitation's page offers single sign-on (and no password: this organization does not allow them).
    expect(await describeInvitationLink("newbie-token-0123456789abc")).toMatchObject({ found: true, accountExists: false, sso: { passwordAllowed: false } });
    const { result } = await signInAs("newbie");
    expect(result).toMatchObject({ ok: true, value: { email: "newbie@acme-sso.test", name: "New Bie" } });
    const m = await db().membership.findFirst({ where: { tenantId: s.tenantId, user: { email: "newbie@acme-sso.test" } }, select: { permissions: true } });
    expect(m).toEqual({ permissions: ["compute:read"] });
    expect(await db().invitation.findUnique({ where: { tokenHash: hashInvitationToken("newbie-token-0123456789abc") }, select: { acceptedAt: true } })).not.toMatchObject({ acceptedAt: null });
  });

  it("with passwords not allowed for the covered domains, the right password alone no longer signs in (audited)", async () => {
    expect(await checkSignIn({ email: "ann@acme-sso.test", password: "password" })).toEqual({ ok: false, reason: "sso_required" });
    expect(await checkSignIn({ email: "ann@acme-sso.test", password: "wrong" })).toEqual({ ok: false, reason: "invalid" });
    await setSso(s.org, { issuer, clientId: "console", domains: ["acme-sso.test"], passwordAllowed: true });
    expect(await checkSignIn({ email: "ann@acme-sso.test", password: "password" })).toMatchObject({ ok: true });
    await setSso(s.org, { issuer, clientId: "console", domains: ["acme-sso.test"], passwordAllowed: false });
  });

  it("an account with two-factor on is refused when the provider asserts no second factor (SSO.SECOND_FACTOR)", async () => {
    await setTotpSecretForTest("ann@acme-sso.test");
    expect((await signInAs("ann")).result).toMatchObject({ ok: false, violations: [{ code: "SSO.SECOND_FACTOR" }] });
  });
});
