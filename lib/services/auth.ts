import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db/client";
import { findUserByEmail } from "@/lib/db/users";
import { recordAudit } from "@/lib/db/audit";

// A hash of nothing, compared against when the account does not exist, so a wrong
// email costs the same time as a wrong password (no account-existence oracle).
const DUMMY_HASH = bcrypt.hashSync("no-such-account", 10);

export type SignedInUser = { id: string; email: string; name: string };

export async function verifyCredentials(email: string, password: string): Promise<SignedInUser | null> {
  const normalized = email.trim().toLowerCase();
  if (!normalized || !password) return null;
  const user = await findUserByEmail(normalized);
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) {
    if (user) {
      const org = await db().organizationMember.findFirst({ where: { userId: user.id }, select: { organizationId: true } });
      const orgId = org?.organizationId ?? (await db().membership.findFirst({ where: { userId: user.id }, select: { tenant: { select: { organizationId: true } } } }))?.tenant.organizationId;
      if (orgId) await recordAudit({ organizationId: orgId, actorType: "USER", actorId: user.id, action: "auth.sign_in_failed" });
    }
    return null;
  }
  return { id: user.id, email: user.email, name: user.name };
}
