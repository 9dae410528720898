// Two-factor authentication by time-based one-time codes (RFC 6238) and recovery codes: pure
// functions of a secret, a code and a clock. Storage, encryption and the audit are the service's.
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";
import { TOTP_SETTINGS } from "./catalogue";
import { decide, msg, violation, type Decision, type LocalizedText } from "./result";

const { periodSeconds, digits, windowSteps } = TOTP_SETTINGS;

/** A fresh secret, base32 (what an authenticator app is given), 160 bits as RFC 4226 recommends. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app scans (as a QR code) or is given by hand. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret, digits, period: periodSeconds });
}

/** The code a secret shows at a time (tests, and the e2e's "phone"). The secret is base32, or raw bytes. */
export function totpCodeAt(secret: string | Uint8Array, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000), digits, period: periodSeconds });
}

/** A code as people type it: digits, spaces and dashes tolerated ("287 082"). */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, "");
}

export type TotpCheck = { ok: true; step: number } | { ok: false };

/**
 * Whether `code` is the secret's code at `now`, one step either side, and for a later time step
 * than `lastStep` (the last one accepted): a code, once used, is refused for the rest of its
 * window, and so is any code older than it. Returns the step matched, to be kept as the new last.
 */
export function checkTotpCode(input: { secret: string | Uint8Array; code: string; now: Date; lastStep: number | null }): TotpCheck {
  const token = normalizeCode(input.code);
  if (!new RegExp(`^\\d{${digits}}$`).test(token)) return { ok: false };
  const r = verifySync({
    secret: input.secret,
    token,
    epoch: Math.floor(input.now.getTime() / 1000),
    period: periodSeconds,
    digits,
    epochTolerance: windowSteps * periodSeconds,
    ...(input.lastStep !== null ? { afterTimeStep: input.lastStep } : {}),
  });
  // verifySync answers for TOTP and HOTP alike; only a TOTP result carries its time step.
  return r.valid && "timeStep" in r ? { ok: true, step: r.timeStep } : { ok: false };
}

// Recovery codes: 10 characters of a 31-letter alphabet without look-alikes (about 49 bits each), shown
// as xxxxx-xxxxx. Typed case- and dash-insensitively.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** `count` new recovery codes from `random` bytes (crypto's in the service, fixed in tests). */
export function newRecoveryCodes(randomBytes: (n: number) => Uint8Array, count: number = TOTP_SETTINGS.recoveryCodes): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as it is stored (before hashing): lower case, no dashes or spaces. */
export function canonicalRecoveryCode(code: string): string {
  return normalizeCode(code).toLowerCase();
}

/** Whether what was typed looks like a recovery code rather than a 6-digit code. */
export function isRecoveryCodeShape(code: string): boolean {
  return /^[a-z0-9]{10}$/.test(canonicalRecoveryCode(code)) && !/^\d+$/.test(canonicalRecoveryCode(code));
}

/**
 * A tenant that requires two-factor authentication opens only to members who have it on
 * (IAM.TOTP_REQUIRED). Personal access tokens are not asked: a token is its own secret, issued by
 * a member who signed in, and an API client has no code to give.
 */
export function checkTotpRequirement(input: { required: boolean; enrolled: boolean; tenantName: string }): Decision<undefined> {
  if (!input.required || input.enrolled) return decide([], undefined);
  return decide([violation("IAM.TOTP_REQUIRED", totpRequiredMessage(input.tenantName))], undefined);
}

export function totpRequiredMessage(tenantName: string): LocalizedText {
  return msg(
    () => `IAM.TOTP_REQUIRED: ${tenantName} requires two-factor authentication of its members, and your account does not have it on. Turn it on from your account's security page, then open ${tenantName} again.`,
    () => `IAM.TOTP_REQUIRED : ${tenantName} exige l’authentification à deux facteurs de ses membres, et votre compte ne l’a pas activée. Activez-la depuis la page de sécurité de votre compte, puis rouvrez ${tenantName}.`,
  );
}
