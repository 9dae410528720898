import "server-only";
import { db, type Tx } from "./client";

export async function findUserByEmail(email: string, tx: Tx = db()) {
  return tx.user.findUnique({ where: { email } });
}

export async function getUserOrThrow(id: string, tx: Tx = db()) {
  return tx.user.findUniqueOrThrow({ where: { id }, select: { id: true, email: true, name: true, locale: true } });
}
