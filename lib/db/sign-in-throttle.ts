import "server-only";
import { db, type Tx } from "./client";

// Failed sign-ins per key ("account:<email>", "address:<ip>"). A failure is counted in one
// statement (INSERT … ON CONFLICT) so that concurrent attempts cannot lose a count.

/** The latest moment any of these keys is blocked until, or null. */
export async function blockedUntil(keys: readonly string[], now: Date, tx: Tx = db()): Promise<Date | null> {
  const rows = await tx.signInThrottle.findMany({ where: { key: { in: [...keys] }, blockedUntil: { gt: now } }, select: { blockedUntil: true } });
  const times = rows.map((r) => r.blockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Counts one failure on a key and returns the count. A key whose last failure is older than
 * `forgetAfterSeconds` starts again from 1.
 */
export async function countFailure(key: string, now: Date, forgetAfterSeconds: number, tx: Tx = db()): Promise<number> {
  const forgetBefore = new Date(now.getTime() - forgetAfterSeconds * 1000);
  const rows = await tx.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."lastFailureAt" < ${forgetBefore} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "lastFailureAt" = ${now}
    RETURNING "failures"`;
  return Number(rows[0]!.failures);
}

/** Blocks a key until a moment (never shortens a block already longer). */
export async function blockKey(key: string, until: Date, tx: Tx = db()): Promise<void> {
  await tx.$executeRaw`UPDATE "SignInThrottle" SET "blockedUntil" = GREATEST(COALESCE("blockedUntil", ${until}), ${until}) WHERE "key" = ${key}`;
}

/** Forgets a key's failures (an account after a successful sign-in). */
export async function clearKey(key: string, tx: Tx = db()): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key } });
}
