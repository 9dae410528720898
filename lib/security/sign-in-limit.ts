import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { limiter } from "@/lib/rate-limit";
import { blockKey, blockedUntil, clearKey, countFailure } from "@/lib/db/sign-in-throttle";
import { auditThrottledSignIn, checkSignIn, type SignedInUser } from "@/lib/services/auth";

// The sign-in limit, enforced inside the Credentials provider's authorize(): there the e-mail has
// been parsed by next-auth whatever the body's encoding (form or JSON) and whatever spelling of the
// path reached it (/callback/credential%73), so no request that can sign in escapes the count.
// The address is the one the serving process computed from the socket (server.mjs), never one the
// client wrote.
//
// Two layers, both per account and per address:
// 1. a rate: 5 attempts a second (DOMAIN.md), shared by every instance (lib/rate-limit);
// 2. exponential backoff on failures: after `free` failures in a row, each further failure blocks
//    the key for 1 s, 2 s, 4 s … up to `capSeconds`; while blocked, even the right password is
//    refused without being checked. Failures are forgotten an hour after the last one; an
//    account's are cleared by a successful sign-in, an address's are not (an attacker could
//    otherwise reset its count by signing in to an account of its own between guesses).

export const SIGN_IN_BACKOFF = {
  account: { free: 5, capSeconds: 15 * 60 },
  address: { free: 20, capSeconds: 15 * 60 },
  forgetAfterSeconds: 60 * 60,
} as const;

type Rule = { free: number; capSeconds: number };

/** How long a key is blocked after its n-th failure in a row: 0 up to `free`, then 1, 2, 4 … seconds, capped. */
export function backoffSeconds(failures: number, rule: Rule): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.capSeconds, 2 ** (failures - rule.free - 1));
}

/** Thrown out of authorize(): next-auth turns it into error=RateLimited; the route makes that a 429. */
export class SignInRefused extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("RateLimited");
    this.name = "SignInRefused";
  }
}

/**
 * Thrown out of authorize() when the password is right but the account has two-factor on and no
 * code came: next-auth answers error=TotpRequired, and the form asks for the code. Not a failure
 * (nothing is counted), not a success (the account's failures are not forgotten).
 */
export class SecondFactorRequired extends Error {
  constructor() {
    super(TOTP_REQUIRED);
    this.name = "SecondFactorRequired";
  }
}
export const TOTP_REQUIRED = "TotpRequired";

/** The password was right, but the account's organization signs this domain in by single sign-on only. */
export class SingleSignOnRequired extends Error {
  constructor() {
    super(SSO_REQUIRED);
    this.name = "SingleSignOnRequired";
  }
}
export const SSO_REQUIRED = "SsoRequired";

/** Carries a refusal's wait from authorize() back to the route handler, which sets Retry-After. */
export const signInScope = new AsyncLocalStorage<{ retryAfterSeconds?: number; unavailable?: boolean }>();

const accountKey = (email: string) => `account:${email}`;
const addressKey = (address: string) => `address:${address}`;

/** The account an attempt names, as the limits count it: trimmed, lower-cased, bounded. */
export function accountOf(email: unknown): string {
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 200) : "";
}

async function refuse(email: string, address: string, retryAfterSeconds: number, audit: boolean): Promise<never> {
  const store = signInScope.getStore();
  if (store) store.retryAfterSeconds = retryAfterSeconds;
  if (audit && email) await auditThrottledSignIn(email, { address, retryAfterSeconds });
  throw new SignInRefused(retryAfterSeconds);
}

/**
 * One sign-in attempt through both limits. Returns the user, or null for wrong credentials or a
 * wrong second-factor code (one answer whatever went wrong); throws SignInRefused while the
 * account or the address is limited, SecondFactorRequired when the password is right and a code
 * is needed.
 */
export async function signInWithLimits(input: { email: unknown; password: unknown; code?: unknown; address: string }, now: () => Date = () => new Date()): Promise<SignedInUser | null> {
  const email = accountOf(input.email);
  const password = typeof input.password === "string" ? input.password : "";
  const code = typeof input.code === "string" ? input.code.slice(0, 64) : "";
  const { address } = input;

  // The address first: an attempt it refuses does not spend the account's budget (a client
  // spraying from one address cannot lock someone else's account out as a side effect).
  let rate = await limiter("signInAddress").consume(address);
  if (rate.ok && email) rate = await limiter("signInAccount").consume(email);
  // Not audited: a flood refused by the rate must cost no query (the backoff refusals below are
  // at most 5 a second per account, and those the owners see).
  if (!rate.ok) return refuse(email, address, rate.retryAfterSeconds, false);

  const keys = email ? [addressKey(address), accountKey(email)] : [addressKey(address)];
  const t = now();
  const until = await blockedUntil(keys, t);
  if (until) return refuse(email, address, Math.max(1, Math.ceil((until.getTime() - t.getTime()) / 1000)), true);

  // A wrong code counts exactly as a wrong password: the same keys, the same backoff.
  const check = await checkSignIn({ email, password, code }, { address }, t);
  if (check.ok) {
    await clearKey(accountKey(email));
    return check.user;
  }
  if (check.reason === "code_required") throw new SecondFactorRequired();
  if (check.reason === "sso_required") throw new SingleSignOnRequired();
  await Promise.all([
    countAndBlock(addressKey(address), SIGN_IN_BACKOFF.address, t),
    email ? countAndBlock(accountKey(email), SIGN_IN_BACKOFF.account, t) : null,
  ]);
  return null;
}

async function countAndBlock(key: string, rule: Rule, t: Date) {
  const failures = await countFailure(key, t, SIGN_IN_BACKOFF.forgetAfterSeconds);
  const seconds = backoffSeconds(failures, rule);
  if (seconds > 0) await blockKey(key, new Date(t.getTime() + seconds * 1000));
}

/**
 * The account's backoff, for a code typed outside the sign-in (confirming an enrolment, turning
 * two-factor off): whoever holds a session must not be able to try every code either. Seconds to
 * wait, or 0.
 */
export async function accountWaitSeconds(email: string, now: Date): Promise<number> {
  const until = await blockedUntil([accountKey(accountOf(email))], now);
  return until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : 0;
}

/** A wrong code outside the sign-in counts as a failed sign-in of the account. */
export async function countAccountFailure(email: string, now: Date): Promise<void> {
  await countAndBlock(accountKey(accountOf(email)), SIGN_IN_BACKOFF.account, now);
}
