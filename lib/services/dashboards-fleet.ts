import "server-only";
import { findOrganizationStanding } from "@/lib/db/tenancy";
import {
  fleetDatastoreRows,
  fleetPoolRows,
  fleetRpoCounts,
  fleetUncoveredVmCounts,
  hasDatastoreTelemetry,
  listOrganizationTenants,
  listTenantsWithPermission,
  type TenantRow,
} from "@/lib/db/dashboards-views";
import type { NodeTypeCode, StorageTierCode } from "@/lib/domain/catalogue";
import { poolMemory } from "@/lib/domain/pool";
import { datastoreFigures, spaceShort } from "@/lib/domain/storage";
import type { OrganizationRole } from "@/lib/auth/context";
import type { Permission } from "@/lib/permissions";
import { loadDailyFigures } from "@/lib/db/metric-series";
import { FORECAST_METHOD, datastoreForecast, forecastWindow, poolForecast, type Forecast } from "@/lib/metrics/forecast";
import { assertPermission, type TenantContext } from "./context";

// The fleet overview. One screen, every tenant the actor may read: an owner or
// operator of the organization reads all of its tenants; anyone else reads the tenants where they
// hold the dashboards' permission. Counts come from the domain's rules applied to per-pool and
// per-datastore sums the database computes.

/** How fresh a datastore's IOPS sample must be to count: older telemetry says nothing about now. */
export const IOPS_SAMPLE_WINDOW_MINUTES = 15;

export type DashboardScope = { tenants: TenantRow[]; organizationWide: boolean };

/**
 * The tenants an actor reads across, from the tenant it stands in: the whole organization for the
 * roles given (read again on every call), otherwise the tenants of that organization where it
 * holds `permission`. A token stays in its own tenant.
 */
export async function dashboardScope(ctx: TenantContext, permission: Permission, roles: readonly OrganizationRole[]): Promise<DashboardScope> {
  assertPermission(ctx, permission);
  const orgId = ctx.tenant.organizationId;
  const own: TenantRow = { id: ctx.tenant.id, slug: ctx.tenant.slug, name: ctx.tenant.name, organizationId: orgId };
  if (ctx.actor.type === "system") return { tenants: await listOrganizationTenants(orgId), organizationWide: true };
  if (ctx.actor.type === "token") return { tenants: [own], organizationWide: false };
  const standing = await findOrganizationStanding(ctx.actor.userId, orgId);
  if (!standing.disabled && standing.role !== null && roles.includes(standing.role)) return { tenants: await listOrganizationTenants(orgId), organizationWide: true };
  const tenants = await listTenantsWithPermission(ctx.actor.userId, orgId, permission);
  return { tenants: tenants.length ? tenants : [own], organizationWide: false };
}

export const FLEET_COUNTS = ["poolsInPressure", "poolsNotSlaEligible", "datastoresOverIops", "datastoresShortOfSpace", "replicationsAtRisk", "replicationsInBreach", "vmsWithoutBackup"] as const;
export type FleetCount = (typeof FLEET_COUNTS)[number];
export type FleetCounts = Record<FleetCount, number> & { pools: number; datastores: number };
export type FleetTenantRow = { tenant: TenantRow; counts: FleetCounts };
export type FleetOverview = {
  organizationWide: boolean;
  rows: FleetTenantRow[];
  totals: FleetCounts;
  /** False when no datastore sent an IOPS sample in the last 15 minutes: the IOPS count is then 0 and says so. */
  telemetry: boolean;
};

const zero = (): FleetCounts => ({ pools: 0, datastores: 0, poolsInPressure: 0, poolsNotSlaEligible: 0, datastoresOverIops: 0, datastoresShortOfSpace: 0, replicationsAtRisk: 0, replicationsInBreach: 0, vmsWithoutBackup: 0 });

export async function fleetOverview(ctx: TenantContext, now = new Date()): Promise<FleetOverview> {
  const scope = await dashboardScope(ctx, "metric:read", ["OWNER", "OPERATOR"]);
  const tenantIds = scope.tenants.map((t) => t.id);
  const since = new Date(now.getTime() - IOPS_SAMPLE_WINDOW_MINUTES * 60_000);
  const [pools, datastores, rpo, uncovered, telemetry] = await Promise.all([
    fleetPoolRows(tenantIds),
    fleetDatastoreRows(tenantIds, since),
    fleetRpoCounts(tenantIds, now),
    fleetUncoveredVmCounts(tenantIds),
    hasDatastoreTelemetry(tenantIds, since),
  ]);
  const by = new Map(scope.tenants.map((t) => [t.id, zero()]));
  for (const p of pools) {
    const c = by.get(p.tenantId);
    if (!c) continue;
    const m = poolMemory({ nodeType: p.nodeTypeCode as NodeTypeCode, hosts: p.hosts, hostsInMaintenance: p.maintenance, activatedMemoryGb: p.activatedMemoryGb, haEnabled: p.haEnabled, usedGb: p.usedGb });
    c.pools++;
    if (m.inPressure) c.poolsInPressure++;
    if (!m.slaEligible) c.poolsNotSlaEligible++;
  }
  for (const d of datastores) {
    const c = by.get(d.tenantId);
    if (!c) continue;
    const f = datastoreFigures(datastoreInput(d));
    c.datastores++;
    if (d.sampledIops !== null && f.iopsLimit !== null && d.sampledIops > f.iopsLimit) c.datastoresOverIops++;
    const short = spaceShort(f);
    if (short.reserve || short.swap) c.datastoresShortOfSpace++;
  }
  for (const [tenantId, c] of by) {
    const r = rpo.get(tenantId);
    c.replicationsAtRisk = r?.atRisk ?? 0;
    c.replicationsInBreach = r?.breach ?? 0;
    c.vmsWithoutBackup = uncovered.get(tenantId) ?? 0;
  }
  const rows = scope.tenants.map((tenant) => ({ tenant, counts: by.get(tenant.id)! }));
  const totals = zero();
  for (const r of rows) for (const k of Object.keys(totals) as (keyof FleetCounts)[]) totals[k] += r.counts[k];
  return { organizationWide: scope.organizationWide, rows, totals, telemetry };
}

export type FleetForecast = {
  tenant: TenantRow;
  kind: "pool" | "datastore";
  id: string;
  name: string;
  /** What is crossed: a pool's 85 % line (GB) or a datastore's size (GiB). */
  forecast: Forecast;
};

/**
 * Days until each pool of the readable tenants crosses its 85 % line (its daily consumed peaks)
 * and each datastore is full (its daily space used), by FORECAST_METHOD over the 30 whole days
 * before today: those that will cross first, soonest first (already there: 0), then the count
 * of the others. Two reads for the whole fleet.
 */
export async function fleetForecasts(ctx: TenantContext, now = new Date(), limit = 10): Promise<{ soonest: FleetForecast[]; others: number; method: typeof FORECAST_METHOD }> {
  const scope = await dashboardScope(ctx, "metric:read", ["OWNER", "OPERATOR"]);
  const tenantIds = scope.tenants.map((t) => t.id);
  const window = forecastWindow(now.getTime());
  const [pools, datastores, poolDays, storeDays] = await Promise.all([
    fleetPoolRows(tenantIds),
    fleetDatastoreRows(tenantIds, now),
    loadDailyFigures(tenantIds, "POOL", "mem_used_gb", window),
    loadDailyFigures(tenantIds, "DATASTORE", "space_used_gb", window),
  ]);
  const tenant = new Map(scope.tenants.map((t) => [t.id, t]));
  const all: FleetForecast[] = [];
  for (const p of pools) {
    const m = poolMemory({ nodeType: p.nodeTypeCode as NodeTypeCode, hosts: p.hosts, hostsInMaintenance: p.maintenance, activatedMemoryGb: p.activatedMemoryGb, haEnabled: p.haEnabled, usedGb: p.usedGb });
    all.push({ tenant: tenant.get(p.tenantId)!, kind: "pool", id: p.id, name: p.name, forecast: poolForecast(poolDays.get(p.id) ?? [], m.pressureLimitGb, now.getTime()) });
  }
  for (const d of datastores) all.push({ tenant: tenant.get(d.tenantId)!, kind: "datastore", id: d.id, name: d.name, forecast: datastoreForecast(storeDays.get(d.id) ?? [], d.sizeGib, now.getTime()) });
  const crossing = all
    .filter((f): f is FleetForecast & { forecast: { kind: "crosses"; days: number } } => f.forecast.kind === "crosses")
    .sort((a, b) => a.forecast.days - b.forecast.days || a.tenant.name.localeCompare(b.tenant.name) || a.name.localeCompare(b.name));
  return { soonest: crossing.slice(0, limit), others: all.length - Math.min(limit, crossing.length), method: FORECAST_METHOD };
}

/** A datastore's sums as the domain's figures take them: its VMs aggregated per power state. */
export function datastoreInput(d: { tierCode: string; sizeGib: number; usedGib: number; provisionedGib: number; onGb: number; offGb: number; onIops: number }) {
  return {
    tier: d.tierCode as StorageTierCode,
    sizeGib: d.sizeGib,
    usedGib: d.usedGib,
    provisionedGib: d.provisionedGib,
    vms: [
      { memoryGb: d.onGb, poweredOn: true, iopsDemand: d.onIops },
      { memoryGb: d.offGb, poweredOn: false, iopsDemand: 0 },
    ],
  };
}

export const DATASTORE_ATTENTION = ["iops", "space"] as const;
export type DatastoreAttention = (typeof DATASTORE_ATTENTION)[number];

/**
 * The tenant's datastores behind a fleet count, by the same rules and the same telemetry window:
 * "iops" over their limit by their latest sample, "space" short of snapshot reserve or swap space.
 * The storage list filters on these ids.
 */
export async function datastoresNeedingAttention(ctx: TenantContext, kind: DatastoreAttention, now = new Date()): Promise<Set<string>> {
  assertPermission(ctx, "storage:read");
  const rows = await fleetDatastoreRows([ctx.tenant.id], new Date(now.getTime() - IOPS_SAMPLE_WINDOW_MINUTES * 60_000));
  const out = new Set<string>();
  for (const d of rows) {
    const f = datastoreFigures(datastoreInput(d));
    const short = spaceShort(f);
    if (kind === "iops" ? d.sampledIops !== null && f.iopsLimit !== null && d.sampledIops > f.iopsLimit : short.reserve || short.swap) out.add(d.id);
  }
  return out;
}
