import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { claimTotpStep, countRecoveryCodesLeft, getTotpState, replaceRecoveryCodes, spendRecoveryCode } from "@/lib/db/totp";
import { canonicalRecoveryCode, checkTotpCode, isRecoveryCodeShape, newRecoveryCodes, newTotpSecret, totpUri } from "@/lib/domain/totp";
import { openSecret, sealSecret } from "@/lib/security/secret-box";
import type { LocalizedText } from "@/lib/domain/result";
import { accountWaitSeconds, countAccountFailure } from "@/lib/security/sign-in-limit";
import { auditAccount } from "./auth";

// Two-factor authentication of an account (TOTP with recovery codes). Enrolment is the account
// holder's own act, from their own page: a secret is drawn and kept sealed, not yet on; the first
// code from the app turns it on and answers 10 recovery codes, once (only their hashes are kept).
// The secret is shown only during that enrolment and never returned after it.

const PURPOSE = "totp-secret";
export const TOTP_ISSUER = "Sovereign Console";

const hashRecoveryCode = (code: string) => createHash("sha256").update(canonicalRecoveryCode(code)).digest("hex");

export type TotpStatus = { enabled: boolean; recoveryCodesLeft: number };

export async function getTotpStatus(userId: string): Promise<TotpStatus> {
  const s = await getTotpState(userId);
  return { enabled: Boolean(s?.totpEnabledAt), recoveryCodesLeft: s?.totpEnabledAt ? await countRecoveryCodesLeft(userId) : 0 };
}

export type TotpRefusal = { ok: false; code: keyof typeof TOTP_REFUSALS; retryAfterSeconds?: number };

/** What each refusal says, for the account page. */
export const TOTP_REFUSALS = {
  "TOTP.ALREADY_ON": { en: "Two-factor authentication is already on for this account.", fr: "L’authentification à deux facteurs est déjà activée sur ce compte." },
  "TOTP.NOT_ON": { en: "Two-factor authentication is not on for this account.", fr: "L’authentification à deux facteurs n’est pas activée sur ce compte." },
  "TOTP.NO_ENROLMENT": { en: "Start again: no secret is waiting for confirmation.", fr: "Recommencez : aucun secret n’attend de confirmation." },
  "TOTP.TOO_MANY_CODES": { en: "Too many wrong codes for this account: wait a moment (up to 15 minutes) and try again.", fr: "Trop de codes erronés pour ce compte : patientez un moment (jusqu’à 15 minutes) et réessayez." },
  "TOTP.CODE_INVALID": { en: "That code is not right, or was already used. Type the 6 digits your app shows now.", fr: "Ce code n’est pas bon, ou a déjà servi. Saisissez les 6 chiffres que votre application affiche maintenant." },
} as const satisfies Record<string, LocalizedText>;

/** Starts (or restarts) an enrolment: a new secret, sealed, not on until confirmed. Refused when it is already on. */
export async function beginTotpEnrolment(userId: string): Promise<{ ok: true; secret: string; uri: string } | TotpRefusal> {
  const s = await getTotpState(userId);
  if (!s) throw new Error(`no user ${userId}`);
  if (s.totpEnabledAt) return { ok: false, code: "TOTP.ALREADY_ON" };
  const secret = newTotpSecret();
  await db().user.update({ where: { id: userId }, data: { totpSecret: sealSecret(PURPOSE, secret), totpLastStep: null } });
  return { ok: true, secret, uri: totpUri(secret, s.email, TOTP_ISSUER) };
}

/** The first code from the app turns two-factor on; the answer carries the 10 recovery codes, shown once. */
export async function confirmTotpEnrolment(userId: string, code: string, now: Date = new Date()): Promise<{ ok: true; recoveryCodes: string[] } | TotpRefusal> {
  const s = await getTotpState(userId);
  if (!s) throw new Error(`no user ${userId}`);
  if (s.totpEnabledAt) return { ok: false, code: "TOTP.ALREADY_ON" };
  if (!s.totpSecret) return { ok: false, code: "TOTP.NO_ENROLMENT" };
  const wait = await accountWaitSeconds(s.email, now);
  if (wait) return { ok: false, code: "TOTP.TOO_MANY_CODES", retryAfterSeconds: wait };
  const check = checkTotpCode({ secret: openSecret(PURPOSE, s.totpSecret), code, now, lastStep: null });
  if (!check.ok) {
    await countAccountFailure(s.email, now);
    return { ok: false, code: "TOTP.CODE_INVALID" };
  }
  const recoveryCodes = newRecoveryCodes((n) => randomBytes(n));
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: now, totpLastStep: check.step } });
    await replaceRecoveryCodes(userId, recoveryCodes.map(hashRecoveryCode), tx);
  });
  await auditAccount(s, "auth.totp_enabled", "SUCCEEDED", { recoveryCodes: recoveryCodes.length });
  return { ok: true, recoveryCodes };
}

type TotpState = NonNullable<Awaited<ReturnType<typeof getTotpState>>>;

/**
 * A current code from the app (not a recovery code), for an act that changes two-factor itself:
 * accepted once; a wrong one is audited under `action` and counts in the account's sign-in backoff.
 */
async function checkCurrentCode(userId: string, code: string, now: Date, action: "auth.totp_disabled" | "auth.totp_recovery_renewed"): Promise<{ ok: true; s: TotpState } | TotpRefusal> {
  const s = await getTotpState(userId);
  if (!s) throw new Error(`no user ${userId}`);
  if (!s.totpEnabledAt || !s.totpSecret) return { ok: false, code: "TOTP.NOT_ON" };
  const wait = await accountWaitSeconds(s.email, now);
  if (wait) return { ok: false, code: "TOTP.TOO_MANY_CODES", retryAfterSeconds: wait };
  const check = checkTotpCode({ secret: openSecret(PURPOSE, s.totpSecret), code, now, lastStep: s.totpLastStep });
  if (!check.ok || !(await claimTotpStep(userId, check.step))) {
    await countAccountFailure(s.email, now);
    await auditAccount(s, action, "DENIED", { reason: "code_invalid" });
    return { ok: false, code: "TOTP.CODE_INVALID" };
  }
  return { ok: true, s };
}

/** Turning it off needs a current code; it forgets the secret and the recovery codes. */
export async function disableTotp(userId: string, code: string, now: Date = new Date()): Promise<{ ok: true } | TotpRefusal> {
  const checked = await checkCurrentCode(userId, code, now, "auth.totp_disabled");
  if (!checked.ok) return checked;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
  });
  await auditAccount(checked.s, "auth.totp_disabled", "SUCCEEDED", {});
  return { ok: true };
}

/**
 * New recovery codes without turning two-factor off and on (the old ones spent or exposed): a
 * current code from the app replaces every code, used or not, with 10 new ones, shown this once.
 */
export async function renewRecoveryCodes(userId: string, code: string, now: Date = new Date()): Promise<{ ok: true; recoveryCodes: string[] } | TotpRefusal> {
  const checked = await checkCurrentCode(userId, code, now, "auth.totp_recovery_renewed");
  if (!checked.ok) return checked;
  const recoveryCodes = newRecoveryCodes((n) => randomBytes(n));
  await db().$transaction((tx) => replaceRecoveryCodes(userId, recoveryCodes.map(hashRecoveryCode), tx));
  await auditAccount(checked.s, "auth.totp_recovery_renewed", "SUCCEEDED", { recoveryCodes: recoveryCodes.length });
  return { ok: true, recoveryCodes };
}

/**
 * An operator's way back in for someone who lost both the app and the recovery codes (the CLI,
 * from a shell on the server): two-factor is turned off without a code, audited as done by the
 * operator. The person then enrols again; a tenant that requires it sends them to.
 */
export async function resetTotpByOperator(email: string): Promise<boolean> {
  const u = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, totpEnabledAt: true } });
  if (!u) return false;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: u.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: u.id } });
  });
  await auditAccount(u, "auth.totp_disabled", "SUCCEEDED", { by: "operator (cli)", wasOn: Boolean(u.totpEnabledAt) });
  return true;
}

export type SecondFactor = { ok: true; via: "totp" } | { ok: true; via: "recovery"; recoveryCodesLeft: number } | { ok: false };

/**
 * The second step of a sign-in: a code from the app (accepted once: its time step must be later
 * than the last one accepted) or a recovery code (spent). Not audited here: the sign-in is.
 */
export async function verifySecondFactor(userId: string, code: string, now: Date = new Date()): Promise<SecondFactor> {
  const s = await getTotpState(userId);
  if (!s?.totpEnabledAt || !s.totpSecret) return { ok: false };
  if (isRecoveryCodeShape(code)) {
    if (!(await spendRecoveryCode(userId, hashRecoveryCode(code), now))) return { ok: false };
    return { ok: true, via: "recovery", recoveryCodesLeft: await countRecoveryCodesLeft(userId) };
  }
  const check = checkTotpCode({ secret: openSecret(PURPOSE, s.totpSecret), code, now, lastStep: s.totpLastStep });
  return check.ok && (await claimTotpStep(userId, check.step)) ? { ok: true, via: "totp" } : { ok: false };
}
