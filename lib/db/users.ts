import "server-only";
import { db, type Tx } from "./client";

export async function findUserByEmail(email: string, tx: Tx = db()) {
  return tx.user.findUnique({ where: { email } });
}

export async function getUserOrThrow(id: string, tx: Tx = db()) {
  return tx.user.findUniqueOrThrow({ where: { id }, select: { id: true, email: true, name: true, locale: true } });
}

/** What a session cookie is checked against on every request: the account still active, at the cookie's session version. */
export async function getSessionStanding(id: string, tx: Tx = db()) {
  return tx.user.findUnique({ where: { id }, select: { sessionVersion: true, disabledAt: true } });
}

/** Ends every session of a user at its next request (sign-out, a password change, disabling). */
export async function endUserSessions(id: string, tx: Tx = db()): Promise<void> {
  await tx.user.updateMany({ where: { id }, data: { sessionVersion: { increment: 1 } } });
}
