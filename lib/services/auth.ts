import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db/client";
import { findUserByEmail } from "@/lib/db/users";
import { recordAudit } from "@/lib/db/audit";

// A hash of nothing, compared against when the account does not exist, so a wrong
// email costs the same time as a wrong password (no account-existence oracle).
const DUMMY_HASH = bcrypt.hashSync("no-such-account", 10);

export type SignedInUser = { id: string; email: string; name: string };

/** The organization an account's sign-ins are audited under: its organization role, else its first tenant's. */
async function organizationOf(userId: string): Promise<string | null> {
  const member = await db().organizationMember.findFirst({ where: { userId }, select: { organizationId: true } });
  if (member) return member.organizationId;
  const m = await db().membership.findFirst({ where: { userId }, select: { tenant: { select: { organizationId: true } } } });
  return m?.tenant.organizationId ?? null;
}

async function auditSignIn(user: { id: string; email: string }, action: "auth.sign_in" | "auth.sign_in_failed") {
  const organizationId = await organizationOf(user.id);
  if (organizationId) await recordAudit({ organizationId, actorType: "USER", actorId: user.id, actorLabel: user.email, action, outcome: action === "auth.sign_in" ? "SUCCEEDED" : "DENIED" });
}

export async function verifyCredentials(email: string, password: string): Promise<SignedInUser | null> {
  const normalized = email.trim().toLowerCase();
  if (!normalized || !password) return null;
  const user = await findUserByEmail(normalized);
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user) return null;
  if (!ok || user.disabledAt) {
    await auditSignIn(user, "auth.sign_in_failed");
    return null;
  }
  await auditSignIn(user, "auth.sign_in");
  return { id: user.id, email: user.email, name: user.name };
}
