import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db/client";
import { findUserByEmail } from "@/lib/db/users";
import { recordAudit, type AuditInput } from "@/lib/db/audit";
import type { AuditAction } from "@/lib/audit-actions";
import { verifySecondFactor } from "./totp";

// A hash of nothing, compared against when the account does not exist, so a wrong
// email costs the same time as a wrong password (no account-existence oracle).
const DUMMY_HASH = bcrypt.hashSync("no-such-account", 10);

export type SignedInUser = { id: string; email: string; name: string; sessionVersion: number };

/** What the audit trail keeps of an attempt beside the account: where it came from, how many failures in a row. */
export type SignInDetails = { address?: string; failures?: number; retryAfterSeconds?: number };

/** The organization an account's sign-ins are audited under: its organization role, else its first tenant's. */
async function organizationOf(userId: string): Promise<string | null> {
  const member = await db().organizationMember.findFirst({ where: { userId }, select: { organizationId: true } });
  if (member) return member.organizationId;
  const m = await db().membership.findFirst({ where: { userId }, select: { tenant: { select: { organizationId: true } } } });
  return m?.tenant.organizationId ?? null;
}

/** An event of an account rather than of a tenant (a sign-in, two-factor on or off), audited under its organization. */
export async function auditAccount(user: { id: string; email: string }, action: AuditAction, outcome: "SUCCEEDED" | "DENIED", details: NonNullable<AuditInput["details"]>) {
  const organizationId = await organizationOf(user.id);
  if (organizationId) await recordAudit({ organizationId, actorType: "USER", actorId: user.id, actorLabel: user.email, action, outcome, details });
}

async function auditSignIn(user: { id: string; email: string }, action: "auth.sign_in" | "auth.sign_in_failed" | "auth.sign_in_throttled", details: SignInDetails & { factor?: string; recoveryCodesLeft?: number } = {}) {
  await auditAccount(user, action, action === "auth.sign_in" ? "SUCCEEDED" : "DENIED", details);
}

/**
 * An attempt refused before the password was looked at (too many failures, too fast): audited
 * on the account when it exists, so that its organization's owners see someone is trying.
 */
export async function auditThrottledSignIn(email: string, details: SignInDetails): Promise<void> {
  const user = await findUserByEmail(email.trim().toLowerCase());
  if (user) await auditSignIn(user, "auth.sign_in_throttled", details);
}

/**
 * The outcome of a sign-in's credentials. `code_required`: the password is right but the account
 * has two-factor authentication on and no code came with it (the form then asks for one; the
 * password alone never yields a session). `code_invalid`: the password is right, the code is not.
 */
export type SignInCheck = { ok: true; user: SignedInUser } | { ok: false; reason: "invalid" | "code_required" | "code_invalid" | "sso_required" };

/**
 * Checks an email, password and, for an account with two-factor on, a code (or a recovery code,
 * then spent). `details` (the address the attempt came from) go into its audit row.
 */
export async function checkSignIn(input: { email: string; password: string; code?: string }, details: SignInDetails = {}, now: Date = new Date()): Promise<SignInCheck> {
  const normalized = input.email.trim().toLowerCase();
  if (!normalized || !input.password) return { ok: false, reason: "invalid" };
  const user = await findUserByEmail(normalized);
  const ok = await bcrypt.compare(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user) return { ok: false, reason: "invalid" };
  if (!ok || user.disabledAt) {
    await auditSignIn(user, "auth.sign_in_failed", details);
    return { ok: false, reason: "invalid" };
  }
  // An organization whose single sign-on covers this domain and no longer allows passwords: the
  // right password is not enough (said only once it was right, so it tells nothing to a guesser).
  const domain = normalized.slice(normalized.lastIndexOf("@") + 1);
  if (await db().organizationSso.findFirst({ where: { domains: { has: domain }, passwordAllowed: false }, select: { organizationId: true } })) {
    await auditSignIn(user, "auth.sign_in_failed", { ...details, factor: "password_not_allowed" });
    return { ok: false, reason: "sso_required" };
  }
  let second: { factor?: string; recoveryCodesLeft?: number } = {};
  if (user.totpEnabledAt) {
    const code = input.code?.trim() ?? "";
    if (!code) return { ok: false, reason: "code_required" };
    const factor = await verifySecondFactor(user.id, code, now);
    if (!factor.ok) {
      await auditSignIn(user, "auth.sign_in_failed", { ...details, factor: "code" });
      return { ok: false, reason: "code_invalid" };
    }
    second = factor.via === "recovery" ? { factor: "recovery_code", recoveryCodesLeft: factor.recoveryCodesLeft } : { factor: "totp" };
  }
  await auditSignIn(user, "auth.sign_in", { ...details, ...second });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

/** Checks an email and password alone: an account with two-factor on is refused (it needs checkSignIn with a code). */
export async function verifyCredentials(email: string, password: string, details: SignInDetails = {}): Promise<SignedInUser | null> {
  const r = await checkSignIn({ email, password }, details);
  return r.ok ? r.user : null;
}
