import "server-only";
import { SAMPLE_MINUTES, type Resolution } from "@/lib/metrics/rollup";
import { db } from "./client";

// The capacity table's reads across a set of tenants: one query per kind of figure for every pool
// at once (never one per pool), each naming the tenants in its where clause. The pools themselves
// and their daily peaks come from the fleet's reads (dashboards-views.ts, metric-series.ts).

const UTC = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

/** Each pool's latest consumed-memory sample since `since` (none: no telemetry in that window). */
export async function latestPoolConsumption(tenantIds: readonly string[], since: Date, now: Date): Promise<Map<string, { at: Date; gb: number }>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await db().$queryRawUnsafe<{ resourceId: string; at: Date; value: number }[]>(
    `SELECT DISTINCT ON ("resourceId") "resourceId", at, value
       FROM "MetricSample"
      WHERE "tenantId" = ANY($1::text[]) AND "resourceType" = 'POOL' AND metric = 'mem_used_gb' AND at >= ${UTC(2)} AND at <= ${UTC(3)}
      ORDER BY "resourceId", at DESC`,
    [...tenantIds],
    since.toISOString(),
    now.toISOString(),
  );
  return new Map(rows.map((r) => [r.resourceId, { at: r.at, gb: r.value }]));
}

/**
 * Each pool's minutes of consumed memory above the line in force at the time, over [from, to], at
 * the resolution its chart reads (raw samples up to 24 h, then the rollups' summed minutes): the
 * figure the pool dashboard shows for the same range.
 */
export async function poolMinutesAboveLine(tenantIds: readonly string[], resolution: Resolution, range: { from: Date; to: Date }): Promise<Map<string, number>> {
  if (tenantIds.length === 0) return new Map();
  const which = `"tenantId" = ANY($1::text[]) AND "resourceType" = 'POOL' AND metric = 'mem_used_gb'`;
  const rows =
    resolution === "RAW"
      ? await db().$queryRawUnsafe<{ resourceId: string; minutes: number }[]>(
          `SELECT "resourceId", sum(CASE WHEN threshold IS NOT NULL AND value > threshold THEN ${SAMPLE_MINUTES} ELSE 0 END)::float8 AS minutes
             FROM "MetricSample" WHERE ${which} AND at >= ${UTC(2)} AND at <= ${UTC(3)} GROUP BY "resourceId"`,
          [...tenantIds],
          range.from.toISOString(),
          range.to.toISOString(),
        )
      : await db().$queryRawUnsafe<{ resourceId: string; minutes: number }[]>(
          `SELECT "resourceId", sum("overMinutes")::float8 AS minutes
             FROM "MetricRollup" WHERE ${which} AND resolution = $4::"RollupResolution" AND bucket >= ${UTC(2)} AND bucket <= ${UTC(3)} GROUP BY "resourceId"`,
          [...tenantIds],
          range.from.toISOString(),
          range.to.toISOString(),
          resolution,
        );
  return new Map(rows.map((r) => [r.resourceId, r.minutes]));
}

/** Each pool's alerts not yet resolved, open and acknowledged counted apart. */
export async function poolOpenAlertCounts(tenantIds: readonly string[]): Promise<Map<string, { open: number; acknowledged: number }>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await db().alert.groupBy({
    by: ["resourceId", "state"],
    where: { tenantId: { in: [...tenantIds] }, resourceType: "POOL", state: { in: ["OPEN", "ACKNOWLEDGED"] } },
    _count: { _all: true },
  });
  const out = new Map<string, { open: number; acknowledged: number }>();
  for (const r of rows) {
    const c = out.get(r.resourceId) ?? { open: 0, acknowledged: 0 };
    if (r.state === "OPEN") c.open += r._count._all;
    else c.acknowledged += r._count._all;
    out.set(r.resourceId, c);
  }
  return out;
}
