import { describe, it, expect, beforeAll, afterEach, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import { totpCodeAt } from "@/lib/domain/totp";
import { SecondFactorRequired, SignInRefused, signInWithLimits } from "@/lib/security/sign-in-limit";
import { setTotpRequiredAction } from "@/lib/actions/iam/set-totp-required";
import { beginTotpEnrolmentAction } from "@/lib/actions/account/begin-totp-enrolment";
import { renewRecoveryCodesAction } from "@/lib/actions/account/renew-recovery-codes";
import { signInAs, signOut } from "@/test/integration/session";
import { call, memberWithToken } from "@/test/api/fixture";
import { verifyCredentials } from "./auth";
import { beginTotpEnrolment, confirmTotpEnrolment, disableTotp, getTotpStatus, renewRecoveryCodes, resetTotpByOperator } from "./totp";
import { getTotpRequirement, setTotpRequired } from "./totp-requirement";

// Two-factor authentication against a real database: enrolment, the second step of a sign-in
// (through the same limits as the password), recovery codes, and a tenant that requires it. The
// clock is passed in: a code is computed from the secret at that time, as the app would.
vi.mock("@/lib/rate-limit", () => ({ limiter: () => ({ consume: async () => ({ ok: true }) }) }));

const PASSWORD = "correct horse battery";
const t0 = new Date("2026-12-07T10:00:00Z").getTime();
const at = (seconds: number) => new Date(t0 + seconds * 1000);
let n = 0;
const addr = () => `198.51.100.${++n}`;
let org: { id: string };

type U = { id: string; email: string; name: string };

/** An account in a tenant of the organization (an account's events are audited under its organization). */
async function member(tenantId?: string, permissions: readonly Permission[] = PERMISSIONS) {
  const u = (await createUser(db(), { password: PASSWORD, cost: 4 })) as U;
  const tenant = tenantId ?? (await createTenant(db(), { organizationId: org.id })).id;
  await grantMembership(db(), { userId: u.id, tenantId: tenant, permissions, isOwner: permissions === PERMISSIONS });
  return u;
}

/** Enrols `u` at t0 and returns its secret and recovery codes. */
async function enrolled(u: U) {
  const begun = await beginTotpEnrolment(u.id);
  if (!begun.ok) throw new Error(begun.code);
  const done = await confirmTotpEnrolment(u.id, totpCodeAt(begun.secret, at(0)), at(0));
  if (!done.ok) throw new Error(done.code);
  return { secret: begun.secret, recoveryCodes: done.recoveryCodes };
}

const signIn = (u: U, code: string | undefined, when: Date, address = addr()) => signInWithLimits({ email: u.email, password: PASSWORD, code, address }, () => when);
const failure = (p: Promise<unknown>) => p.then(() => "signed in", (e: unknown) => (e instanceof SecondFactorRequired ? "code required" : e instanceof SignInRefused ? "refused" : Promise.reject(e)));

beforeAll(async () => {
  org = await createOrganization(db());
});
afterEach(() => signOut());

describe("enrolment", () => {
  it("shows the secret once as an otpauth URI, keeps it sealed, and turns on only with a right first code, answering 10 recovery codes kept hashed", async () => {
    const u = await member();
    const begun = await beginTotpEnrolment(u.id);
    if (!begun.ok) throw new Error(begun.code);
    expect(begun.uri).toMatch(new RegExp(`^otpauth://totp/.*\\?secret=${begun.secret}&`));
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(row.totpSecret).not.toContain(begun.secret);
    expect(row.totpEnabledAt).toBeNull();
    expect(await getTotpStatus(u.id)).toEqual({ enabled: false, recoveryCodesLeft: 0 });

    expect(await confirmTotpEnrolment(u.id, "000000", at(0))).toEqual({ ok: false, code: "TOTP.CODE_INVALID" });
    expect(await getTotpStatus(u.id)).toMatchObject({ enabled: false });

    const done = await confirmTotpEnrolment(u.id, totpCodeAt(begun.secret, at(0)), at(0));
    if (!done.ok) throw new Error(done.code);
    expect(done.recoveryCodes).toHaveLength(10);
    expect(await getTotpStatus(u.id)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    const stored = await db().recoveryCode.findMany({ where: { userId: u.id }, select: { codeHash: true } });
    expect(stored.map((c) => c.codeHash)).not.toContain(done.recoveryCodes[0]!.replace("-", ""));
    expect(await db().auditEvent.findFirst({ where: { actorId: u.id, action: "auth.totp_enabled" }, select: { outcome: true } })).toEqual({ outcome: "SUCCEEDED" });
    // On: no new secret is drawn (the one in use is never shown again).
    expect(await beginTotpEnrolment(u.id)).toEqual({ ok: false, code: "TOTP.ALREADY_ON" });
  });

  it("is turned off only with a current code (a wrong one audited), which forgets the secret and the recovery codes", async () => {
    const u = await member();
    const { secret } = await enrolled(u);
    expect(await disableTotp(u.id, "123456", at(60))).toEqual({ ok: false, code: "TOTP.CODE_INVALID" });
    // The code already used to confirm is not current either.
    expect(await disableTotp(u.id, totpCodeAt(secret, at(0)), at(10))).toEqual({ ok: false, code: "TOTP.CODE_INVALID" });
    expect(await db().auditEvent.count({ where: { actorId: u.id, action: "auth.totp_disabled", outcome: "DENIED" } })).toBe(2);
    expect(await disableTotp(u.id, totpCodeAt(secret, at(60)), at(60))).toEqual({ ok: true });
    expect(await getTotpStatus(u.id)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect(await db().user.findUniqueOrThrow({ where: { id: u.id }, select: { totpSecret: true } })).toEqual({ totpSecret: null });
    expect(await db().recoveryCode.count({ where: { userId: u.id } })).toBe(0);
    expect(await verifyCredentials(u.email, PASSWORD)).toMatchObject({ id: u.id });
  });

  it("can be reset by an operator (the CLI) for someone who lost the app and the codes, audited", async () => {
    const u = await member();
    await enrolled(u);
    expect(await resetTotpByOperator(u.email.toUpperCase())).toBe(true);
    expect(await getTotpStatus(u.id)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect(await verifyCredentials(u.email, PASSWORD)).toMatchObject({ id: u.id });
    expect(await db().auditEvent.findFirst({ where: { actorId: u.id, action: "auth.totp_disabled" }, select: { details: true } })).toMatchObject({ details: { by: "operator (cli)", wasOn: true } });
    expect(await resetTotpByOperator("nobody@example.test")).toBe(false);
  });

  it("counts wrong codes at confirmation in the account's backoff: a session cannot try every code", async () => {
    const u = await member();
    const begun = await beginTotpEnrolment(u.id);
    if (!begun.ok) throw new Error(begun.code);
    for (let i = 0; i < 6; i++) expect(await confirmTotpEnrolment(u.id, "000000", at(0))).toEqual({ ok: false, code: "TOTP.CODE_INVALID" });
    expect(await confirmTotpEnrolment(u.id, totpCodeAt(begun.secret, at(0)), at(0))).toEqual({ ok: false, code: "TOTP.TOO_MANY_CODES", retryAfterSeconds: 1 });
    expect(await confirmTotpEnrolment(u.id, totpCodeAt(begun.secret, at(2)), at(2))).toMatchObject({ ok: true });
  });

  it("needs a session (the account actions act on the caller's own account)", async () => {
    expect(await beginTotpEnrolmentAction(null, {})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    const u = await member();
    signInAs(u);
    const r = await beginTotpEnrolmentAction(null, {});
    expect(r).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^[A-Z2-7]{32}$/) } });
  });
});

describe("signing in with two-factor on", () => {
  it("never yields a session for the password alone: the answer is 'code required', counted as nothing", async () => {
    const u = await member();
    await enrolled(u);
    expect(await failure(signIn(u, undefined, at(60)))).toBe("code required");
    expect(await failure(signIn(u, "", at(60)))).toBe("code required");
    expect(await verifyCredentials(u.email, PASSWORD)).toBeNull();
    expect(await db().signInThrottle.count({ where: { key: `account:${u.email}` } })).toBe(0);
  });

  it("takes the code of now once: a wrong code and a replayed one are refused and audited as failed sign-ins", async () => {
    const u = await member();
    const { secret } = await enrolled(u);
    expect(await signIn(u, "000000", at(60))).toBeNull();
    const code = totpCodeAt(secret, at(60));
    expect(await signIn(u, code, at(60))).toMatchObject({ id: u.id });
    expect(await signIn(u, code, at(75))).toBeNull();
    const audit = await db().auditEvent.findMany({ where: { actorId: u.id, action: { in: ["auth.sign_in", "auth.sign_in_failed"] } }, orderBy: { createdAt: "asc" }, select: { action: true, details: true } });
    expect(audit.map((a) => [a.action, (a.details as { factor?: string }).factor])).toEqual([
      ["auth.sign_in_failed", "code"],
      ["auth.sign_in", "totp"],
      ["auth.sign_in_failed", "code"],
    ]);
  });

  it("counts wrong codes in the account's backoff like wrong passwords: after 5 free ones, even the right code waits", async () => {
    const u = await member();
    const { secret } = await enrolled(u);
    for (let i = 0; i < 6; i++) expect(await signIn(u, "000000", at(60))).toBeNull();
    expect(await failure(signIn(u, totpCodeAt(secret, at(60)), at(60)))).toBe("refused");
    expect(await signIn(u, totpCodeAt(secret, at(62)), at(62))).toMatchObject({ id: u.id });
  });

  it("renews the recovery codes with a current code, two-factor staying on: the old codes no longer sign in, the new ones do", async () => {
    const u = await member();
    const { secret, recoveryCodes: old } = await enrolled(u);
    expect(await signIn(u, old[0]!, at(30))).toMatchObject({ id: u.id });
    expect(await getTotpStatus(u.id)).toEqual({ enabled: true, recoveryCodesLeft: 9 });
    // A recovery code is not a current code, and a wrong code is audited.
    expect(await renewRecoveryCodes(u.id, old[1]!, at(60))).toEqual({ ok: false, code: "TOTP.CODE_INVALID" });
    expect(await db().auditEvent.count({ where: { actorId: u.id, action: "auth.totp_recovery_renewed", outcome: "DENIED" } })).toBe(1);

    const renewed = await renewRecoveryCodes(u.id, totpCodeAt(secret, at(60)), at(60));
    if (!renewed.ok) throw new Error(renewed.code);
    expect(renewed.recoveryCodes).toHaveLength(10);
    expect(renewed.recoveryCodes).not.toContain(old[1]);
    expect(await getTotpStatus(u.id)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    expect(await signIn(u, old[1]!, at(90))).toBeNull();
    expect(await signIn(u, renewed.recoveryCodes[0]!, at(120))).toMatchObject({ id: u.id });
    expect(await db().auditEvent.findFirst({ where: { actorId: u.id, action: "auth.totp_recovery_renewed", outcome: "SUCCEEDED" }, select: { details: true } })).toEqual({ details: { recoveryCodes: 10 } });
    // The same code of now is not taken twice, and an account without two-factor has nothing to renew.
    expect(await renewRecoveryCodes(u.id, totpCodeAt(secret, at(60)), at(70))).toEqual({ ok: false, code: "TOTP.CODE_INVALID" });
    expect(await renewRecoveryCodes((await member()).id, "123456", at(60))).toEqual({ ok: false, code: "TOTP.NOT_ON" });
    expect(await renewRecoveryCodesAction(null, { code: "123456" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("takes a recovery code instead, once; it is then spent", async () => {
    const u = await member();
    const { recoveryCodes } = await enrolled(u);
    const code = recoveryCodes[3]!;
    expect(await signIn(u, code.toUpperCase(), at(60))).toMatchObject({ id: u.id });
    expect(await signIn(u, code, at(90))).toBeNull();
    expect(await getTotpStatus(u.id)).toEqual({ enabled: true, recoveryCodesLeft: 9 });
    expect(await db().auditEvent.findFirst({ where: { actorId: u.id, action: "auth.sign_in" }, select: { details: true } })).toMatchObject({ details: { factor: "recovery_code", recoveryCodesLeft: 9 } });
  });
});

describe("a tenant that requires two-factor", () => {
  it("sends its members without it away from the console (IAM.TOTP_REQUIRED), not its tokens; audited; lifted by enrolling", async () => {
    const t = await createTenant(db(), { organizationId: org.id });
    const owner = await member(t.id);
    const ownerCtx = await authorize({ type: "user", userId: owner.id, email: owner.email, name: owner.name }, { id: t.id });
    if (!ownerCtx.ok) throw new Error(ownerCtx.reason);
    const { user: bob, secret: token } = await memberWithToken(t.id);

    expect(await setTotpRequired(ownerCtx.ctx, { required: true })).toMatchObject({ ok: true, value: { required: true } });
    expect(await db().auditEvent.findFirst({ where: { tenantId: t.id, action: "iam.totp_required_set" }, select: { actorId: true, details: true } })).toEqual({ actorId: owner.id, details: { before: false, after: true } });

    const bobActor = { type: "user" as const, userId: bob.id, email: bob.email, name: bob.name, address: "127.0.0.1" };
    const r = await authorize(bobActor, { id: t.id });
    expect(r).toMatchObject({ ok: false, reason: "TOTP_REQUIRED", code: "IAM.TOTP_REQUIRED", tenantSlug: t.slug });
    if (!r.ok && r.reason === "TOTP_REQUIRED") expect(r.message.en).toMatch(/requires two-factor authentication/);
    // His personal access token still answers.
    expect((await call("iam/two-factor", "GET", { token })).status).toBe(200);
    // As do actions: refused with the rule's sentence.
    signInAs(bob);
    expect(await setTotpRequiredAction(t.id, null, { required: "false" })).toMatchObject({ ok: false, code: "FORBIDDEN", formError: expect.stringMatching(/IAM.TOTP_REQUIRED/) });

    await enrolled(bob);
    expect(await authorize(bobActor, { id: t.id })).toMatchObject({ ok: true });
    // The owner, without two-factor, is sent to enrol too.
    expect(await authorize({ type: "user", userId: owner.id, email: owner.email, name: owner.name }, { id: t.id })).toMatchObject({ ok: false, reason: "TOTP_REQUIRED" });
  });

  it("is set with iam:write; another tenant's setting is not found; the API reads and writes it", async () => {
    const a = await createTenant(db(), { organizationId: org.id });
    const b = await createTenant(db(), { organizationId: org.id });
    const owner = await member(a.id);
    const reader = await member(a.id, ["iam:read"]);
    const { secret: token } = await memberWithToken(a.id);
    signInAs(reader);
    expect(await setTotpRequiredAction(a.id, null, { required: "true" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(owner);
    expect(await setTotpRequiredAction(b.id, null, { required: "true" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db().tenant.findUniqueOrThrow({ where: { id: b.id }, select: { requireTotp: true } })).toEqual({ requireTotp: false });
    expect(await setTotpRequiredAction(a.id, null, { required: "on" })).toMatchObject({ ok: true, data: { required: true } });

    const got = await call("iam/two-factor", "GET", { token });
    expect(await got.json()).toMatchObject({ required: true, members: 3 });
    const put = await call("iam/two-factor", "PUT", { token, body: { required: false } });
    expect(put.status).toBe(200);
    const ctx = await authorize({ type: "system", name: "test" }, { id: a.id });
    if (!ctx.ok) throw new Error(ctx.reason);
    expect(await getTotpRequirement(ctx.ctx)).toMatchObject({ required: false });
  });
});
