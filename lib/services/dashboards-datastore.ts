import "server-only";
import { loadDailyFigures, loadDriverVms, loadDatastoreAnnotations, loadDatastoreDashboardRow, loadSeries } from "@/lib/db/metric-series";
import { toAnnotations } from "./dashboards-pool";
import { datastoreForecast, forecastWindow } from "@/lib/metrics/forecast";
import { datastoreFigures, datastoreWarnings, type DatastoreState, type StorageReplicationKind } from "@/lib/domain/storage";
import { STORAGE_TIERS, type StorageTierCode } from "@/lib/domain/catalogue";
import { TELEMETRY_SLOT_MS } from "@/lib/infra/telemetry";
import { DAY_MS, HOUR_MS } from "@/lib/metrics/rollup";
import { overPeriods } from "@/lib/metrics/series";
import { TOP_DRIVERS, attributeDrivers, peakPoint } from "@/lib/metrics/drivers";
import { RANGE_MS, type DashboardRange } from "@/lib/validation/dashboards";
import { NotFoundError } from "@/lib/errors";
import { assertPermission, type TenantContext } from "./context";

// The datastore dashboard. The IOPS limit comes from the tier computation
// (lib/domain/storage.ts iopsLimit), the space split from datastoreFigures; the history from the
// stored series, with the periods the demand went past the limit (throttled) marked.

/**
 * One point of the datastore's chart: `iopsLimit` and `sizeGib` are those in force at that time
 * (recorded with the sample; today's when the row predates them), `throttledMinutes` the minutes
 * of the bucket whose demand was past that limit, summed from the samples.
 */
export type DatastoreIopsPoint = { at: number; iops: number; iopsMax: number; latencyMs: number; spaceUsedGb: number; iopsLimit: number | null; sizeGib: number; throttledMinutes: number };
export type DatastoreDashboard = Awaited<ReturnType<typeof getDatastoreDashboard>>;

export async function getDatastoreDashboard(ctx: TenantContext, datastoreId: string, range: DashboardRange, now = new Date()) {
  assertPermission(ctx, "metric:read");
  const tenantId = ctx.tenant.id;
  const from = new Date(now.getTime() - RANGE_MS[range]);
  const [row, series, daily, events, driverVms] = await Promise.all([
    loadDatastoreDashboardRow(tenantId, datastoreId),
    loadSeries(tenantId, "DATASTORE", [datastoreId], ["iops_demand", "latency_ms", "space_used_gb"], { from, to: now }),
    loadDailyFigures([tenantId], "DATASTORE", "space_used_gb", forecastWindow(now.getTime()), [datastoreId]),
    loadDatastoreAnnotations(tenantId, datastoreId, { from, to: now }),
    loadDriverVms(tenantId, { datastoreId }, TOP_DRIVERS),
  ]);
  if (!row) throw new NotFoundError("datastore", datastoreId);
  // The domain's datastore with its VMs summed per power state (what space and IOPS depend on).
  const state: DatastoreState = {
    id: row.id,
    name: row.name,
    tier: row.tierCode as StorageTierCode,
    sizeGib: row.sizeGib,
    usedGib: row.usedGib,
    provisionedGib: row.provisionedGib,
    replication: row.mirror as StorageReplicationKind | null,
    vms: [
      { id: "running", memoryGb: row.onMemGb, poweredOn: true, iopsDemand: row.onIops },
      { id: "stopped", memoryGb: row.offMemGb, poweredOn: false, iopsDemand: 0 },
    ],
  };
  const figures = datastoreFigures(state);
  const bucketMs = series.resolution === "RAW" ? TELEMETRY_SLOT_MS : series.resolution === "HOUR" ? HOUR_MS : DAY_MS;
  const byAt = new Map<number, DatastoreIopsPoint>();
  for (const p of series.points) {
    const at = p.at.getTime();
    const r = byAt.get(at) ?? { at, iops: 0, iopsMax: 0, latencyMs: 0, spaceUsedGb: 0, iopsLimit: figures.iopsLimit, sizeGib: row.sizeGib, throttledMinutes: 0 };
    if (p.metric === "iops_demand") {
      r.iops = Math.round(p.avg);
      r.iopsMax = Math.round(p.max);
      if (p.threshold !== null) r.iopsLimit = p.threshold;
      r.throttledMinutes = p.overMinutes;
    } else if (p.metric === "latency_ms") r.latencyMs = Math.round(p.avg * 100) / 100;
    else {
      r.spaceUsedGb = Math.round(p.avg);
      if (p.capacity !== null) r.sizeGib = p.capacity;
    }
    byAt.set(at, r);
  }
  const points = [...byAt.values()].sort((a, b) => a.at - b.at);
  const peakAt = peakPoint(points, (p) => p.iopsMax);
  const throttled = overPeriods(points.map((p) => ({ at: p.at, overMinutes: p.throttledMinutes })), bucketMs);
  return {
    datastore: { id: row.id, name: row.name, azId: row.azId, tierCode: row.tierCode, sizeGib: row.sizeGib, tierLabel: STORAGE_TIERS[state.tier].label, iopsPerTb: STORAGE_TIERS[state.tier].iopsPerTb },
    range,
    resolution: series.resolution,
    figures,
    warnings: datastoreWarnings(state),
    points,
    /** Days until the daily space used reaches the datastore's size (FORECAST_METHOD, on daily averages). */
    forecast: datastoreForecast(daily.get(datastoreId) ?? [], row.sizeGib, now.getTime()),
    /** Its delivery, when it falls in the range. */
    annotations: toAnnotations(events),
    peakIops: points.reduce((m, p) => Math.max(m, p.iopsMax), 0),
    throttled,
    /** What drove the peak demand: its IOPS split across the running VMs by IOPS demand (lib/metrics/drivers.ts). */
    drivers: peakAt ? { at: peakAt.at, ...attributeDrivers(peakAt.iopsMax, driverVms, 1) } : null,
    /** Minutes past the IOPS limit in force, summed from the samples: 24 h, 7 d and 30 d agree. */
    throttledMinutes: points.reduce((s, p) => s + p.throttledMinutes, 0),
    /** The capacity split, GiB: what the disks hold, the swap files, the snapshot reserve, what is left. */
    space: [
      { key: "used", gib: figures.usedGib },
      { key: "swap", gib: figures.swapGib },
      { key: "snapshotReserve", gib: figures.snapshotReserveGib },
      { key: "free", gib: figures.availableGib },
    ] as const,
  };
}

/** The IOPS chart as CSV: each row with the IOPS limit in force at its time and its minutes throttled past it. */
export function datastoreIopsCsv(d: Pick<DatastoreDashboard, "points">) {
  return {
    header: ["at", "iops_demand_avg", "iops_demand_max", "iops_limit", "throttled_minutes", "latency_ms"],
    rows: d.points.map((p) => [new Date(p.at).toISOString(), p.iops, p.iopsMax, p.iopsLimit ?? "", p.throttledMinutes, p.latencyMs]),
  };
}
