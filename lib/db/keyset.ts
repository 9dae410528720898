import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { After, Counted, KeyValue, SortDir } from "@/lib/list-query";

// Keyset paging in the database: "after the row (key, id)" instead of "skip N rows", so a row
// created or deleted before the page does not shift it. The order must end with the id, in the
// direction given here, so that (key, id) names one place in it.

/**
 * The rows after `after` in an order on one column then the id. Written as a range on the column
 * minus the rows of its last value already seen, not as an OR of the two cases: the range walks
 * the (tenantId, column) index, the OR made PostgreSQL sort every remaining row (bench/audit-log).
 */
export function afterWhere<W extends object = Record<string, unknown>>(field: string, dir: SortDir, idDir: SortDir, after: After | undefined): W {
  if (!after) return {} as W;
  const value = after.key[0] ?? null;
  return {
    AND: [{ [field]: dir === "asc" ? { gte: value } : { lte: value } }, { NOT: { [field]: value, id: idDir === "asc" ? { lte: after.id } : { gte: after.id } } }],
  } as W;
}

/** The same in raw SQL for a sort on several expressions, all in one direction: a row comparison. */
export function afterSql(columns: readonly Prisma.Sql[], id: Prisma.Sql, dir: SortDir, after: After | undefined): Prisma.Sql | null {
  if (!after) return null;
  const values = after.key.map((v: KeyValue) => (v instanceof Date ? Prisma.sql`CAST(${v.toISOString().replace("Z", "")} AS timestamp(3))` : Prisma.sql`${v}`));
  return Prisma.sql`(${Prisma.join([...columns, id])}) ${Prisma.raw(dir === "asc" ? ">" : "<")} (${Prisma.join([...values, Prisma.sql`${after.id}`])})`;
}

/** Counts unless the caller said not to (the API's client did not ask): null then. */
export function countUnless<Q extends { count?: boolean }>(q: Q, count: () => Promise<number>): Promise<Counted<Q>> {
  return (q.count === false ? Promise.resolve(null) : count()) as Promise<Counted<Q>>;
}
