import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db/client";

/**
 * An interactive transaction sized for decisions taken under row locks: a burst of writes to one
 * pool queues on its lock (seconds), not on Prisma's 2 s default wait for a connection.
 */
export function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(fn, { maxWait: 20_000, timeout: 30_000 });
}

/**
 * Locks rows for the rest of the transaction, in id order (two writers locking the same rows
 * never deadlock). The tenant is in the where clause: another tenant's row locks nothing.
 */
export async function lockRows(tx: Tx, table: "ComputePool" | "Datastore" | "Vm" | "Replication", tenantId: string, ids: readonly string[]): Promise<number> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return 0;
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM "${table}" WHERE "tenantId" = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE`,
    tenantId,
    sorted,
  );
  return rows.length;
}

/**
 * A lock on a name for the rest of the transaction (pg_advisory_xact_lock), for a decision about
 * rows that do not exist yet: two orders of one type in one tenant at the same instant queue here,
 * and the second sees the first (orders). The tenant id is part of the key.
 */
export async function lockName(tx: Tx, tenantId: string, name: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text`, `${tenantId}:${name}`);
}

/**
 * A decision taken once more when its write met a unique index: two writers that decided at the
 * same instant under different locks (two VMs given one MAC) both passed the rule before either
 * wrote; the second run sees the first's row and decides on it (a refusal, audited like any). Once
 * only: a second collision is thrown as it is.
 */
export async function onceMoreOnUniqueRace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return run();
    throw e;
  }
}
