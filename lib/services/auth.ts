import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db/client";
import { findUserByEmail } from "@/lib/db/users";
import { recordAudit } from "@/lib/db/audit";

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

async function auditSignIn(user: { id: string; email: string }, action: "auth.sign_in" | "auth.sign_in_failed" | "auth.sign_in_throttled", details: SignInDetails = {}) {
  const organizationId = await organizationOf(user.id);
  if (organizationId) await recordAudit({ organizationId, actorType: "USER", actorId: user.id, actorLabel: user.email, action, outcome: action === "auth.sign_in" ? "SUCCEEDED" : "DENIED", details });
}

/**
 * An attempt refused before the password was looked at (too many failures, too fast): audited
 * on the account when it exists, so that its organization's owners see someone is trying.
 */
export async function auditThrottledSignIn(email: string, details: SignInDetails): Promise<void> {
  const user = await findUserByEmail(email.trim().toLowerCase());
  if (user) await auditSignIn(user, "auth.sign_in_throttled", details);
}

/** Checks an email and password; `details` (the address the attempt came from) go into its audit row. */
export async function verifyCredentials(email: string, password: string, details: SignInDetails = {}): Promise<SignedInUser | null> {
  const normalized = email.trim().toLowerCase();
  if (!normalized || !password) return null;
  const user = await findUserByEmail(normalized);
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user) return null;
  if (!ok || user.disabledAt) {
    await auditSignIn(user, "auth.sign_in_failed", details);
    return null;
  }
  await auditSignIn(user, "auth.sign_in", details);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
