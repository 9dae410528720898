// Partition upkeep of the metric tables (prisma/migrations/20261207160000_metric_partitions):
// MetricSample by UTC day of `at`, MetricRollup by resolution and UTC month of `bucket`, each with a
// DEFAULT partition for anything outside the created ranges. The work is one SQL function,
// `metric_partitions_upkeep`, run in one transaction under an advisory lock, so two instances
// calling it at once wait for each other and the second finds nothing left to do.
// No `server-only`: the start script and the bench run this outside Next.
import { floorDay, retentionCutoffs, rollupDays, rollupHours, type SqlClient } from "./rollup";

/** Partitions created ahead of now: raw samples by day, rollups by month. */
export const DAYS_AHEAD = 3;
export const MONTHS_AHEAD = 2;

export type PartitionUpkeep = {
  /** Partitions created (rows the DEFAULT partition held for their range moved into them). */
  created: number;
  /** Partitions dropped, wholly older than their retention cutoff. */
  dropped: string[];
  /** Rows deleted from the DEFAULT partitions, older than the cutoffs. */
  deleted: { raw: number; hour: number; day: number };
};

const ts = (n: number) => new Date(n).toISOString();

/**
 * Creates the partitions from each retention cutoff to DAYS_AHEAD days / MONTHS_AHEAD months past
 * `now`, and with `drop` (the retention job) drops those wholly older than the cutoffs: raw samples
 * go by whole UTC days once the day is past the 48 h window, hourly and daily rollups by whole months.
 */
export async function upkeepMetricPartitions(db: SqlClient, now: number, { drop = true }: { drop?: boolean } = {}): Promise<PartitionUpkeep> {
  const c = retentionCutoffs(now);
  const [row] = await db.$queryRawUnsafe<{ r: PartitionUpkeep }[]>(
    `SELECT metric_partitions_upkeep(($1::timestamptz AT TIME ZONE 'UTC'), ($2::timestamptz AT TIME ZONE 'UTC'), ($3::timestamptz AT TIME ZONE 'UTC'), ($4::timestamptz AT TIME ZONE 'UTC'), $5::boolean, $6::int, $7::int) AS r`,
    ts(now),
    ts(c.raw),
    ts(c.hour),
    ts(c.day),
    drop,
    DAYS_AHEAD,
    MONTHS_AHEAD,
  );
  const r = row!.r;
  return { created: r.created, dropped: r.dropped, deleted: { raw: Number(r.deleted.raw), hour: Number(r.deleted.hour), day: Number(r.deleted.day) } };
}

/** The partitions of a metric table with their range (DEFAULT excluded), oldest first. */
export async function metricPartitions(db: SqlClient, table: "MetricSample" | "MetricRollup"): Promise<{ name: string; lead: string | null; from: Date; to: Date }[]> {
  return db.$queryRawUnsafe(`SELECT name, lead, lower_at AS "from", upper_at AS "to" FROM metric_partitions($1) ORDER BY lead NULLS FIRST, lower_at`, table);
}

export type RetentionResult = { dropped: string[]; deleted: PartitionUpkeep["deleted"]; created: number };

/**
 * The retention job: the raw days about to go are rolled up first (so a rollup job that stopped
 * for a while loses nothing), then the upkeep drops the partitions wholly past their window and
 * creates the ones ahead. No row-by-row DELETE but of strays in the DEFAULT partitions.
 */
export async function runRetention(db: SqlClient, now: number): Promise<RetentionResult> {
  // What goes: whole days before the day holding the raw cutoff (the SQL floors it the same way).
  const rawBefore = floorDay(retentionCutoffs(now).raw);
  const [oldest] = await db.$queryRawUnsafe<{ at: Date | null }[]>(`SELECT min("at") AS at FROM "MetricSample" WHERE "at" < ($1::timestamptz AT TIME ZONE 'UTC')`, ts(rawBefore));
  if (oldest?.at) {
    await rollupHours(db, oldest.at.getTime(), rawBefore);
    await rollupDays(db, oldest.at.getTime(), rawBefore);
  }
  const r = await upkeepMetricPartitions(db, now);
  return { dropped: r.dropped, deleted: r.deleted, created: r.created };
}
