import "server-only";
import { fleetPoolRows } from "@/lib/db/dashboards-views";
import { loadDailyFigures } from "@/lib/db/metric-series";
import { latestPoolConsumption, poolMinutesAboveLine, poolOpenAlertCounts } from "@/lib/db/dashboards-capacity";
import type { NodeTypeCode } from "@/lib/domain/catalogue";
import { poolMemory, withinPressureLimit } from "@/lib/domain/pool";
import { FORECAST_METHOD, forecastWindow, poolForecast, type Forecast } from "@/lib/metrics/forecast";
import { resolutionFor } from "@/lib/metrics/rollup";
import { RANGE_MS, type CapacitySort, type DashboardRange } from "@/lib/validation/dashboards";
import type { SortDir } from "@/lib/list-query";
import { assertPermission, type TenantContext } from "./context";
import { visibleTenants, type VisibleTenant } from "./visible-tenants";

// The operators' capacity table: every pool of every tenant the person may open with metric:read
// (the bell's gate, visible-tenants.ts), each with its allocated and consumed share of the memory
// its hosts can carry, its time consumed above the line over the range, the days until its consumed
// peaks reach the line, and its unresolved alerts. Five reads for the whole table, one per kind of
// figure; the figures themselves are the domain's (poolMemory, withinPressureLimit, poolForecast).

/** How long a consumed sample counts as "now": the pool dashboard's 24 h chart ends on the same one. */
const CONSUMED_WINDOW_MS = RANGE_MS["24h"];
/**
 * Pools are hardware orders (a tenant holds a few, 32 hosts each at most), so the whole set is
 * figured and sorted in memory; the page shows at most this many of the sorted rows.
 */
export const CAPACITY_SHOWN = 500;

export type CapacityAlertState = "open" | "acknowledged" | "none";

export type CapacityRow = {
  id: string;
  name: string;
  tenant: VisibleTenant;
  hosts: number;
  /** What the available hosts can carry (activated memory, less a host in maintenance). */
  capacityGb: number;
  /** Allocated: the configured memory of the running VMs, what CPOOL.MEMORY_PRESSURE and the planner count. */
  allocatedGb: number;
  allocatedRatio: number | null;
  /** Above the line by allocated memory: the rule refuses a placement that would go further. */
  allocatedAboveLine: boolean;
  /** Consumed: what the hosts report at the last sample of the last 24 h (null: no telemetry). */
  consumedGb: number | null;
  consumedRatio: number | null;
  consumedAt: number | null;
  consumedAboveLine: boolean;
  /** The line itself (GB), today's, as the domain draws it. */
  lineGb: number;
  /** Minutes consumed above the line in force at the time, over the range. */
  overLineMinutes: number;
  /** Days until the consumed daily peaks reach today's line (FORECAST_METHOD). */
  forecast: Forecast;
  alerts: { open: number; acknowledged: number; state: CapacityAlertState };
};

/** The tenants the table reads: a person's visible ones; a token (bound to one tenant) or the system, its own. */
async function capacityTenants(ctx: TenantContext): Promise<VisibleTenant[]> {
  assertPermission(ctx, "metric:read");
  const own = { id: ctx.tenant.id, slug: ctx.tenant.slug, name: ctx.tenant.name };
  if (ctx.actor.type !== "user") return [own];
  return visibleTenants(ctx.actor, "metric:read");
}

export async function capacityRows(ctx: TenantContext, range: DashboardRange, now = new Date()): Promise<{ tenants: VisibleTenant[]; rows: CapacityRow[]; method: typeof FORECAST_METHOD }> {
  const tenants = await capacityTenants(ctx);
  const ids = tenants.map((t) => t.id);
  const from = new Date(now.getTime() - RANGE_MS[range]);
  const [pools, consumed, over, alerts, daily] = await Promise.all([
    fleetPoolRows(ids),
    latestPoolConsumption(ids, new Date(now.getTime() - CONSUMED_WINDOW_MS), now),
    poolMinutesAboveLine(ids, resolutionFor(RANGE_MS[range]), { from, to: now }),
    poolOpenAlertCounts(ids),
    loadDailyFigures(ids, "POOL", "mem_used_gb", forecastWindow(now.getTime())),
  ]);
  const tenant = new Map(tenants.map((t) => [t.id, t]));
  const rows = pools.map((p): CapacityRow => {
    const m = poolMemory({ nodeType: p.nodeTypeCode as NodeTypeCode, hosts: p.hosts, hostsInMaintenance: p.maintenance, activatedMemoryGb: p.activatedMemoryGb, haEnabled: p.haEnabled, usedGb: p.usedGb });
    const c = consumed.get(p.id) ?? null;
    const a = alerts.get(p.id) ?? { open: 0, acknowledged: 0 };
    return {
      id: p.id,
      name: p.name,
      tenant: tenant.get(p.tenantId)!,
      hosts: m.hostCount,
      capacityGb: m.capacityGb,
      allocatedGb: m.usedGb,
      allocatedRatio: m.capacityGb > 0 ? m.usedRatio : null,
      allocatedAboveLine: m.inPressure,
      consumedGb: c?.gb ?? null,
      consumedRatio: c && m.capacityGb > 0 ? c.gb / m.capacityGb : null,
      consumedAt: c?.at.getTime() ?? null,
      consumedAboveLine: c !== null && !withinPressureLimit(c.gb, m.capacityGb),
      lineGb: m.pressureLimitGb,
      overLineMinutes: over.get(p.id) ?? 0,
      forecast: poolForecast(daily.get(p.id) ?? [], m.pressureLimitGb, now.getTime()),
      alerts: { ...a, state: a.open > 0 ? "open" : a.acknowledged > 0 ? "acknowledged" : "none" },
    };
  });
  return { tenants, rows: sortCapacity(rows, "tenant", "asc"), method: FORECAST_METHOD };
}

const ALERT_RANK: Record<CapacityAlertState, number> = { none: 0, acknowledged: 1, open: 2 };

/** A row's value in a column; null sorts last whichever the direction (no telemetry, no forecast). */
function keyOf(r: CapacityRow, sort: CapacitySort): number | string | null {
  switch (sort) {
    case "consumed":
      return r.consumedRatio;
    case "allocated":
      return r.allocatedRatio;
    case "overLine":
      return r.overLineMinutes;
    case "forecast":
      return r.forecast.kind === "crosses" ? r.forecast.days : null;
    case "alerts":
      return ALERT_RANK[r.alerts.state] * 1_000_000 + r.alerts.open + r.alerts.acknowledged;
    case "tenant":
      return r.tenant.name;
    case "pool":
      return r.name;
  }
}

/** The table in one column's order, then by tenant and pool name (and id, so the order is total). */
export function sortCapacity(rows: readonly CapacityRow[], sort: CapacitySort, dir: SortDir): CapacityRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const cmp = (a: number | string, b: number | string) => (typeof a === "string" ? a.localeCompare(b as string) : a - (b as number));
  return [...rows].sort((x, y) => {
    const a = keyOf(x, sort);
    const b = keyOf(y, sort);
    if (a !== b) {
      if (a === null) return 1;
      if (b === null) return -1;
      const c = cmp(a, b);
      if (c !== 0) return sign * c;
    }
    return x.tenant.name.localeCompare(y.tenant.name) || x.name.localeCompare(y.name) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  });
}

/** The table as the page shows it: sorted, at most CAPACITY_SHOWN rows, with how many there are. */
export async function capacityTable(ctx: TenantContext, q: { range: DashboardRange; sort: CapacitySort; dir: SortDir }, now = new Date()) {
  const { tenants, rows, method } = await capacityRows(ctx, q.range, now);
  return { tenants, total: rows.length, rows: sortCapacity(rows, q.sort, q.dir).slice(0, CAPACITY_SHOWN), method };
}
