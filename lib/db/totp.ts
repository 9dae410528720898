import "server-only";
import { db, type Tx } from "./client";

/** An account's two-factor standing: the sealed secret, whether it is on, the last step accepted. */
export async function getTotpState(userId: string, tx: Tx = db()) {
  return tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
}

/**
 * Keeps `step` as the last accepted time step, only if it is later than the one kept: of two
 * sign-ins racing with the same code, one wins. Returns whether this one did.
 */
export async function claimTotpStep(userId: string, step: number, tx: Tx = db()): Promise<boolean> {
  const r = await tx.user.updateMany({ where: { id: userId, totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
  return r.count === 1;
}

/** Spends a recovery code (by its hash): true once, false ever after. */
export async function spendRecoveryCode(userId: string, codeHash: string, at: Date, tx: Tx = db()): Promise<boolean> {
  const r = await tx.recoveryCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: at } });
  return r.count === 1;
}

export async function countRecoveryCodesLeft(userId: string, tx: Tx = db()): Promise<number> {
  return tx.recoveryCode.count({ where: { userId, usedAt: null } });
}

export async function replaceRecoveryCodes(userId: string, codeHashes: string[], tx: Tx = db()): Promise<void> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ userId, codeHash })) });
}
