import "server-only";
import { loadDailyFigures, loadDriverVms, loadPoolAnnotations, loadPoolDashboardRow, loadPoolSeries, type AnnotationRow } from "@/lib/db/metric-series";
import { forecastWindow, poolForecast } from "@/lib/metrics/forecast";
import { MEMORY_PRESSURE_LIMIT, NODE_TYPES, type NodeTypeCode } from "@/lib/domain/catalogue";
import { hostUsage, memoryCapacityGb, poolMemory, pressureLimitGb, withinPressureLimit, type PoolState } from "@/lib/domain/pool";
import { DAY_MS, HOUR_MS } from "@/lib/metrics/rollup";
import { overPeriods } from "@/lib/metrics/series";
import { TOP_DRIVERS, attributeDrivers, peakPoint } from "@/lib/metrics/drivers";
import { TELEMETRY_SLOT_MS } from "@/lib/infra/telemetry";
import { RANGE_MS, type DashboardRange } from "@/lib/validation/dashboards";
import { NotFoundError } from "@/lib/errors";
import { assertPermission, type TenantContext } from "./context";
import { slaReasons } from "./dashboards-sla";

// The pool dashboard. The lines (85 %, activated, physical), headroom, N+1
// and per-host figures come from the domain over the inventory; the history from the stored series.

/**
 * One point of the pool's chart. `line85Gb` and `activatedGb` are the line and capacity in force
 * at that time (recorded with the sample), so a host added today does not redraw past breaches;
 * `overMinutes` the minutes of the point's bucket spent above that line, summed from the samples.
 */
export type PoolMemoryPoint = { at: number; usedGb: number; usedMaxGb: number; balloonedGb: number; cpuPct: number; line85Gb: number; activatedGb: number; overMinutes: number };
export type HostSeriesPoint = { at: number } & Record<string, number>;

export type PoolDashboard = Awaited<ReturnType<typeof getPoolDashboard>>;

export async function getPoolDashboard(ctx: TenantContext, poolId: string, range: DashboardRange, now = new Date()) {
  assertPermission(ctx, "metric:read");
  const tenantId = ctx.tenant.id;
  const from = new Date(now.getTime() - RANGE_MS[range]);
  // Four reads side by side: the pool aggregated in SQL (running memory per host), its series,
  // its daily rows for the forecast and what happened to it in the range.
  const [row, series, daily, events, driverVms] = await Promise.all([
    loadPoolDashboardRow(tenantId, poolId),
    loadPoolSeries(tenantId, poolId, { from, to: now }),
    loadDailyFigures([tenantId], "POOL", "mem_used_gb", forecastWindow(now.getTime()), [poolId]),
    loadPoolAnnotations(tenantId, poolId, { from, to: now }),
    loadDriverVms(tenantId, { poolId }, TOP_DRIVERS),
  ]);
  if (!row) throw new NotFoundError("pool", poolId);
  const pool = { id: row.id, name: row.name, azId: row.azId, nodeTypeCode: row.nodeTypeCode, haEnabled: row.haEnabled };
  const placedGb = row.hosts.reduce((s, h) => s + h.onGb, 0);
  // The domain's pool, its VMs summed per host (what memory and per-host load depend on).
  const state: PoolState = {
    id: row.id,
    name: row.name,
    nodeType: row.nodeTypeCode as NodeTypeCode,
    activatedMemoryGb: row.activatedMemoryGb,
    haEnabled: row.haEnabled,
    hosts: row.hosts.map((h) => ({ id: h.id, name: h.name, maintenance: h.status !== "CONNECTED" })),
    vms: [
      ...row.hosts.filter((h) => h.onGb > 0).map((h) => ({ id: `running-on-${h.id}`, memoryGb: h.onGb, hostId: h.id, poweredOn: true, datastoreId: "", iopsDemand: 0 })),
      ...(row.usedGb > placedGb ? [{ id: "running-unplaced", memoryGb: row.usedGb - placedGb, hostId: null, poweredOn: true, datastoreId: "", iopsDemand: 0 }] : []),
    ],
    affinityRules: [],
  };
  const vmCount = new Map(row.hosts.map((h) => [h.id, h.vms]));
  const memory = poolMemory(state);
  const poolSeries = { resolution: series.resolution, points: series.points.filter((p) => p.resourceId === poolId) };
  const hostSeries = { points: series.points.filter((p) => p.resourceId !== poolId) };
  const bucketMs = poolSeries.resolution === "RAW" ? TELEMETRY_SLOT_MS : poolSeries.resolution === "HOUR" ? HOUR_MS : DAY_MS;

  const byAt = new Map<number, PoolMemoryPoint>();
  for (const p of poolSeries.points) {
    const at = p.at.getTime();
    const row = byAt.get(at) ?? { at, usedGb: 0, usedMaxGb: 0, balloonedGb: 0, cpuPct: 0, line85Gb: memory.pressureLimitGb, activatedGb: memory.capacityGb, overMinutes: 0 };
    if (p.metric === "mem_used_gb") {
      row.usedGb = round1(p.avg);
      row.usedMaxGb = round1(p.max);
      // Rows written before lines were recorded fall back to today's.
      if (p.threshold !== null) row.line85Gb = round1(p.threshold);
      if (p.capacity !== null) row.activatedGb = round1(p.capacity);
      row.overMinutes = p.overMinutes;
    } else if (p.metric === "mem_ballooned_gb") row.balloonedGb = round1(p.avg);
    else row.cpuPct = round1(p.avg);
    byAt.set(at, row);
  }
  const points = [...byAt.values()].sort((a, b) => a.at - b.at);

  const hostNames = new Map(state.hosts.map((h) => [h.id, h.name ?? h.id]));
  const hostByAt = new Map<number, HostSeriesPoint>();
  for (const p of hostSeries.points) {
    const at = p.at.getTime();
    const row = hostByAt.get(at) ?? ({ at } as HostSeriesPoint);
    row[p.resourceId] = round1(p.avg);
    hostByAt.set(at, row);
  }

  // Losing one more host: the capacity of the others, and whether today's load stays under 85 % of it.
  const afterLossGb = memoryCapacityGb(state.nodeType, state.activatedMemoryGb, memory.availableHostCount - 1);
  const overLine = overPeriods(points, bucketMs);
  const peak = points.reduce((m, p) => Math.max(m, p.usedMaxGb), 0);
  const usage = hostUsage(state);
  const peakAt = peakPoint(points, (p) => p.usedMaxGb);
  return {
    pool: { ...pool, nodeTypeLabel: NODE_TYPES[state.nodeType].label, nodeRamGb: NODE_TYPES[state.nodeType].ramGb },
    range,
    resolution: poolSeries.resolution,
    memory,
    lines: { pressureGb: memory.pressureLimitGb, activatedGb: memory.capacityGb, physicalGb: memory.physicalGb, pressurePct: MEMORY_PRESSURE_LIMIT * 100 },
    nPlusOne: {
      ok: memory.nPlusOneOk,
      capacityAfterLossGb: afterLossGb,
      limitAfterLossGb: pressureLimitGb(afterLossGb),
      /** Memory that can still start with one host down, before its 85 % line. */
      headroomAfterLossGb: Math.max(0, pressureLimitGb(afterLossGb) - memory.usedGb),
      peakFits: withinPressureLimit(peak, afterLossGb),
    },
    slaWhy: slaReasons(memory.availableHostCount, pool.haEnabled),
    points,
    /** Days until the consumed peaks cross today's 85 % line (FORECAST_METHOD, on daily peaks). */
    forecast: poolForecast(daily.get(poolId) ?? [], memory.pressureLimitGb, now.getTime()),
    /** What happened in the range, for the charts' marks and the events table: outages, maintenance, memory and HA changes, deliveries. */
    annotations: toAnnotations(events),
    /** Consumed memory at the last sample of the range (observed), beside `memory.usedGb` (allocated: the running VMs' configured memory). */
    consumedNowGb: points.at(-1)?.usedGb ?? null,
    peakGb: peak,
    /** What drove the peak: its consumed memory split across the running VMs by configured memory (lib/metrics/drivers.ts). */
    drivers: peakAt ? { at: peakAt.at, ...attributeDrivers(peakAt.usedMaxGb, driverVms, 0.1) } : null,
    /** Buckets (raw: runs of samples) whose samples went past the line in force, with the minutes they spent there. */
    overLine,
    /** Minutes above the line in force, summed from the samples: 24 h, 7 d and 30 d agree. */
    overLineMinutes: points.reduce((s, p) => s + p.overMinutes, 0),
    hosts: state.hosts.map((h) => {
      const u = usage.find((x) => x.hostId === h.id)!;
      const last = [...hostByAt.values()].at(-1)?.[h.id];
      return { id: h.id, name: hostNames.get(h.id)!, maintenance: h.maintenance, usedGb: u.usedGb, shareGb: u.shareGb, usedRatio: u.usedRatio, vmCount: vmCount.get(h.id) ?? 0, sampledGb: last ?? null };
    }),
    hostPoints: [...hostByAt.values()].sort((a, b) => a.at - b.at),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The memory chart as CSV: each row with the 85 % line and the activated memory in force at its
 * time (what the alert would have compared against then), and its minutes above that line.
 * Consumed is the observed memory; the VMs' configured memory ("allocated") is a figure of today.
 */
export function poolMemoryCsv(d: Pick<PoolDashboard, "points" | "lines">) {
  return {
    header: ["at", "consumed_gb_avg", "consumed_gb_max", "ballooned_gb", "cpu_pct", "line_85_gb", "activated_gb", "minutes_above_85", "physical_gb_today"],
    rows: d.points.map((p) => [new Date(p.at).toISOString(), p.usedGb, p.usedMaxGb, p.balloonedGb, p.cpuPct, p.line85Gb, p.activatedGb, p.overMinutes, d.lines.physicalGb]),
  };
}

export type Annotation = {
  kind: AnnotationRow["kind"];
  at: number;
  /** An outage's end (null: still down). */
  endAt: number | null;
  name: string;
  /** A change's figure before and after (activated GB, HA on/off). */
  before: number | boolean | null;
  after: number | boolean | null;
};

/** The stored events as chart annotations; a change carries the figure it moved from and to. */
export function toAnnotations(rows: readonly AnnotationRow[]): Annotation[] {
  const figure = (side: unknown): number | boolean | null => {
    if (!side || typeof side !== "object") return null;
    const v = (side as Record<string, unknown>).activatedMemoryGb ?? (side as Record<string, unknown>).haEnabled;
    return typeof v === "number" || typeof v === "boolean" ? v : null;
  };
  return rows.map((r) => {
    const d = (r.details ?? {}) as { before?: unknown; after?: unknown };
    return { kind: r.kind, at: r.at.getTime(), endAt: r.endedAt ? r.endedAt.getTime() : null, name: r.name, before: figure(d.before), after: figure(d.after) };
  });
}
