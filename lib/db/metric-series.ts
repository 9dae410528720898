import "server-only";
import type { MetricResourceType } from "@/lib/metrics/names";
import { resolutionFor, type Resolution } from "@/lib/metrics/rollup";
import { db } from "./client";

// dashboards (issue 9): one series read for every chart. Up to 24 h it reads raw samples; beyond,
// the hourly rollups (never a raw row for a 7- or 30-day chart). Both reads walk an index whose
// prefix is (tenantId, resourceType, resourceId, metric) and whose last column is the time.

export type SeriesPoint = { resourceId: string; metric: string; at: Date; avg: number; min: number; max: number };

export async function loadSeries(
  tenantId: string,
  resourceType: MetricResourceType,
  resourceIds: readonly string[],
  metrics: readonly string[],
  range: { from: Date; to: Date },
): Promise<{ resolution: Resolution; points: SeriesPoint[] }> {
  const resolution = resolutionFor(range.to.getTime() - range.from.getTime());
  if (resourceIds.length === 0) return { resolution, points: [] };
  if (resolution === "RAW") {
    const rows = await db().metricSample.findMany({
      where: { tenantId, resourceType, resourceId: { in: [...resourceIds] }, metric: { in: [...metrics] }, at: { gte: range.from, lte: range.to } },
      select: { resourceId: true, metric: true, at: true, value: true },
      orderBy: { at: "asc" },
    });
    return { resolution, points: rows.map((r) => ({ resourceId: r.resourceId, metric: r.metric, at: r.at, avg: r.value, min: r.value, max: r.value })) };
  }
  const rows = await db().metricRollup.findMany({
    where: { tenantId, resourceType, resourceId: { in: [...resourceIds] }, metric: { in: [...metrics] }, resolution, bucket: { gte: range.from, lte: range.to } },
    select: { resourceId: true, metric: true, bucket: true, avg: true, min: true, max: true },
    orderBy: { bucket: "asc" },
  });
  return { resolution, points: rows.map((r) => ({ resourceId: r.resourceId, metric: r.metric, at: r.bucket, avg: r.avg, min: r.min, max: r.max })) };
}

/** Availability events of a tenant overlapping [from, to). */
export async function listAvailabilityEvents(tenantIds: readonly string[], from: Date, to: Date) {
  return db().availabilityEvent.findMany({
    where: { tenantId: { in: [...tenantIds] }, startedAt: { lt: to }, OR: [{ endedAt: null }, { endedAt: { gt: from } }] },
    select: { id: true, tenantId: true, resourceType: true, resourceId: true, startedAt: true, endedAt: true, cause: true },
    orderBy: { startedAt: "asc" },
  });
}
