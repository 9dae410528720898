// Rollups and retention of the metric history. Raw samples (MetricSample, every 5 minutes) are
// kept RAW_RETENTION_HOURS; hourly aggregates (avg/min/max/count) 90 days, daily ones two years
// (at least: retention drops whole day / month partitions once past the window, partitions.ts).
// A rollup also keeps the capacity and line in force at the end of its bucket and the minutes its
// samples spent above their own line (summed: a day with 225 such minutes says 225, not 1 440), so
// 24 h, 7 d and 30 d agree and a later change of capacity does not redraw past breaches.
// Hourly rows are written from raw by one INSERT … SELECT date_trunc … ON CONFLICT DO UPDATE, daily
// rows from the hourly ones (weighted by count), so a 30-day chart reads ≤ 720 rows per series
// and never a raw row. No `server-only`: the seed and the bench run these outside Next.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type SqlClient = Pick<PrismaClient, "$executeRawUnsafe" | "$queryRawUnsafe">;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const RAW_RETENTION_HOURS = 48;
export const HOUR_RETENTION_DAYS = 90;
export const DAY_RETENTION_DAYS = 730;

export type Resolution = "RAW" | "HOUR" | "DAY";

export const floorHour = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS;
export const floorDay = (at: number) => Math.floor(at / DAY_MS) * DAY_MS;

/**
 * The hours a rollup run recomputes: from `lookbackHours` before the current hour to the end of
 * the current one. Whole hours only, so a bucket is always recomputed from all of its samples
 * (re-running is harmless: ON CONFLICT replaces the row with the same figures).
 */
export function hourRollupWindow(now: number, lookbackHours = 2): { from: number; to: number } {
  const h = floorHour(now);
  return { from: h - lookbackHours * HOUR_MS, to: h + HOUR_MS };
}

/** The days a daily rollup recomputes: yesterday (late hours) and today. */
export function dayRollupWindow(now: number, lookbackDays = 1): { from: number; to: number } {
  const d = floorDay(now);
  return { from: d - lookbackDays * DAY_MS, to: d + DAY_MS };
}

/** The retention cutoffs: raw samples before `raw`, hourly rows before `hour`, daily rows before `day` (a partition goes once it is wholly before its cutoff: lib/metrics/partitions.ts). */
export function retentionCutoffs(now: number): { raw: number; hour: number; day: number } {
  return { raw: floorHour(now - RAW_RETENTION_HOURS * HOUR_MS), hour: floorDay(now - HOUR_RETENTION_DAYS * DAY_MS), day: floorDay(now - DAY_RETENTION_DAYS * DAY_MS) };
}

/** The stored resolution a chart over `rangeMs` reads: raw up to 24 h (288 points), hourly up to 7 days (168), daily beyond (30 for a month). */
export function resolutionFor(rangeMs: number): Resolution {
  if (rangeMs <= 24 * HOUR_MS) return "RAW";
  if (rangeMs <= 7 * DAY_MS) return "HOUR";
  return "DAY";
}

export type Aggregate = { avg: number; min: number; max: number; count: number; overMinutes: number };

/** avg/min/max/count of values and their minutes above the line in force for each, as the SQL rollup computes them. */
export function aggregate(values: readonly number[], thresholds: readonly (number | null)[] = []): Aggregate {
  if (values.length === 0) throw new RangeError("aggregate of no values");
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let overMinutes = 0;
  values.forEach((v, i) => {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    overMinutes += sampleOverMinutes(v, thresholds[i]);
  });
  return { avg: sum / values.length, min, max, count: values.length, overMinutes };
}

/** Daily figures from hourly ones: the average weighted by each hour's count. */
export function combine(parts: readonly Aggregate[]): Aggregate {
  if (parts.length === 0) throw new RangeError("combine of no aggregates");
  let sum = 0;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let overMinutes = 0;
  for (const p of parts) {
    sum += p.avg * p.count;
    count += p.count;
    min = Math.min(min, p.min);
    max = Math.max(max, p.max);
    overMinutes += p.overMinutes;
  }
  return { avg: sum / count, min, max, count, overMinutes };
}

// ───────────────────────── SQL ─────────────────────────

/** A JS instant as the UTC `timestamp(3)` Prisma stores. */
export const TS = (n: number) => `(to_timestamp(${n}::float8 / 1000) AT TIME ZONE 'UTC')`;
const tsParam = (i: number) => `($${i}::timestamptz AT TIME ZONE 'UTC')`;
const iso = (n: number) => new Date(n).toISOString();

const UPSERT = `ON CONFLICT ("tenantId", "resourceType", "resourceId", "metric", "resolution", "bucket")
  DO UPDATE SET "avg" = EXCLUDED."avg", "min" = EXCLUDED."min", "max" = EXCLUDED."max", "count" = EXCLUDED."count",
                "capacity" = EXCLUDED."capacity", "threshold" = EXCLUDED."threshold", "overMinutes" = EXCLUDED."overMinutes"`;

/** Minutes one raw sample stands for: the collector writes one every 5 minutes. */
export const SAMPLE_MINUTES = 5;

/**
 * Minutes a sample counts above its line: its whole slot when its value is past the threshold in
 * force when it was measured, none otherwise (and none without a line). The SQL rollup sums this.
 */
export function sampleOverMinutes(value: number, threshold: number | null | undefined): number {
  return threshold !== null && threshold !== undefined && value > threshold ? SAMPLE_MINUTES : 0;
}

/** Recomputes the hourly rows of [from, to) from raw samples (from/to are floored to hours). */
export async function rollupHours(db: SqlClient, from: number, to: number): Promise<number> {
  return db.$executeRawUnsafe(
    `INSERT INTO "MetricRollup" ("tenantId", "resourceType", "resourceId", "metric", "resolution", "bucket", "avg", "min", "max", "count", "capacity", "threshold", "overMinutes")
     SELECT "tenantId", "resourceType", "resourceId", "metric", 'HOUR', date_trunc('hour', "at"), avg("value"), min("value"), max("value"), count(*),
            (array_agg("capacity" ORDER BY "at" DESC))[1], (array_agg("threshold" ORDER BY "at" DESC))[1],
            sum(CASE WHEN "threshold" IS NOT NULL AND "value" > "threshold" THEN ${SAMPLE_MINUTES} ELSE 0 END)
     FROM "MetricSample" WHERE "at" >= ${tsParam(1)} AND "at" < ${tsParam(2)}
     GROUP BY "tenantId", "resourceType", "resourceId", "metric", date_trunc('hour', "at")
     ${UPSERT}`,
    iso(floorHour(from)),
    iso(floorHour(to + HOUR_MS - 1)),
  );
}

/** Recomputes the daily rows of [from, to) from the hourly ones (from/to are floored to days). */
export async function rollupDays(db: SqlClient, from: number, to: number): Promise<number> {
  return db.$executeRawUnsafe(
    `INSERT INTO "MetricRollup" ("tenantId", "resourceType", "resourceId", "metric", "resolution", "bucket", "avg", "min", "max", "count", "capacity", "threshold", "overMinutes")
     SELECT "tenantId", "resourceType", "resourceId", "metric", 'DAY', date_trunc('day', "bucket"), sum("avg" * "count") / sum("count"), min("min"), max("max"), sum("count"),
            (array_agg("capacity" ORDER BY "bucket" DESC))[1], (array_agg("threshold" ORDER BY "bucket" DESC))[1], sum("overMinutes")
     FROM "MetricRollup" WHERE "resolution" = 'HOUR' AND "bucket" >= ${tsParam(1)} AND "bucket" < ${tsParam(2)}
     GROUP BY "tenantId", "resourceType", "resourceId", "metric", date_trunc('day', "bucket")
     ${UPSERT}`,
    iso(floorDay(from)),
    iso(floorDay(to + DAY_MS - 1)),
  );
}

/** The recurring rollup: the last hours from raw, then the days they belong to. */
export async function runRollup(db: SqlClient, now: number): Promise<{ hours: number; days: number }> {
  const h = hourRollupWindow(now);
  const hours = await rollupHours(db, h.from, h.to);
  const d = dayRollupWindow(now);
  const days = await rollupDays(db, d.from, d.to);
  return { hours, days };
}

// Retention (runRetention) drops whole partitions: lib/metrics/partitions.ts.
