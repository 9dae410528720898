import "server-only";
import { db } from "@/lib/db/client";
import { listAvailabilityEvents, loadSlaInventory } from "@/lib/db/metric-series";
import { lastReplicatedPoint } from "@/lib/db/replications";
import { SLA_MIN_HOSTS, SLA_TARGET } from "@/lib/domain/catalogue";
import { slaViolations } from "@/lib/domain/pool";
import { rpoStatus } from "@/lib/domain/replication";
import type { Violation } from "@/lib/domain/result";
import { monthlyAvailability } from "@/lib/domain/sla";
import { downtimeMinutes, monthOf } from "@/lib/metrics/series";
import { hasPermission } from "@/lib/permissions";
import { assertPermission, type TenantContext } from "./context";

// The SLA dashboard. Each readable tenant's month so far against 99.99 %
// (downtime minutes from AvailabilityEvent, through lib/domain/sla.ts monthlyAvailability), then
// for the current tenant: each pool's SLA eligibility and why not, RPO compliance of each
// replication (lib/domain/replication.ts rpoStatus), and backup coverage.

export type SlaDashboard = Awaited<ReturnType<typeof getSlaDashboard>>;

/**
 * Every reason a pool is outside the 99.99 % SLA, not only the first: too few hosts available
 * *and* HA off are two things to fix. The domain's slaViolations names one cause at a time (a
 * refusal needs one), so each cause is asked on its own.
 */
export function slaReasons(availableHosts: number, haEnabled: boolean): Violation[] {
  return [...slaViolations(availableHosts, true), ...slaViolations(Math.max(availableHosts, SLA_MIN_HOSTS), haEnabled)];
}

/** The tenants of the context's organization in which the actor may read metrics (a token: its own tenant only). */
async function readableTenants(ctx: TenantContext) {
  const self = { id: ctx.tenant.id, slug: ctx.tenant.slug, name: ctx.tenant.name };
  if (ctx.actor.type !== "user") return [self];
  const memberships = await db().membership.findMany({
    where: { userId: ctx.actor.userId, tenant: { organizationId: ctx.tenant.organizationId } },
    select: { permissions: true, tenant: { select: { id: true, slug: true, name: true } } },
    orderBy: { tenant: { name: "asc" } },
  });
  const out = memberships.filter((m) => hasPermission(m.permissions, "metric:read")).map((m) => m.tenant);
  return out.some((t) => t.id === self.id) ? out : [self, ...out];
}

export async function getSlaDashboard(ctx: TenantContext, now = new Date()) {
  assertPermission(ctx, "metric:read");
  const tenantId = ctx.tenant.id;
  const month = monthOf(now);
  const [[tenants, events], inventory] = await Promise.all([
    readableTenants(ctx).then(async (ts) => [ts, await listAvailabilityEvents(ts.map((t) => t.id), month.start, now)] as const),
    loadSlaInventory(tenantId),
  ]);
  const { pools, replications } = inventory;
  const coverage = { total: inventory.coverage.total, uncovered: inventory.coverage.uncovered, runningUncovered: inventory.coverage.running };

  const names = new Map<string, string>();
  for (const p of pools) names.set(p.id, p.name);
  // Hosts are named only where an outage needs it.
  const hostIds = events.filter((e) => e.tenantId === tenantId && e.resourceType === "HOST").map((e) => e.resourceId);
  if (hostIds.length > 0) for (const h of await db().host.findMany({ where: { tenantId, id: { in: hostIds } }, select: { id: true, name: true } })) names.set(h.id, h.name);
  const elapsedMinutes = (now.getTime() - month.start.getTime()) / 60_000;
  const tenantRows = tenants.map((t) => {
    const own = events.filter((e) => e.tenantId === t.id);
    const down = downtimeMinutes(own, month.start, now);
    const a = monthlyAvailability(down, month.days);
    return {
      ...t,
      current: t.id === tenantId,
      downtimeMinutes: a.downtimeMinutes,
      allowedMinutes: a.allowedDowntimeMinutes,
      budgetUsedPct: a.allowedDowntimeMinutes > 0 ? (a.downtimeMinutes / a.allowedDowntimeMinutes) * 100 : 0,
      /** Availability of the month so far (the elapsed minutes), and of the whole month if nothing else happens. */
      availabilitySoFar: elapsedMinutes > 0 ? 1 - a.downtimeMinutes / elapsedMinutes : 1,
      availability: a.availability,
      targetMet: a.targetMet,
      incidents: own.length,
    };
  });

  return {
    /** `day` of `days`: the cost page's count too (today included). */
    month: { start: month.start.getTime(), days: month.days, day: month.day, elapsedMinutes },
    target: SLA_TARGET,
    tenants: tenantRows,
    events: events
      .filter((e) => e.tenantId === tenantId)
      .map((e) => ({ id: e.id, resourceType: e.resourceType, resourceName: names.get(e.resourceId) ?? e.resourceId, startedAt: e.startedAt.getTime(), minutes: downtimeMinutes([e], month.start, now), open: e.endedAt === null, cause: e.cause })),
    pools: pools.map((p) => {
      const why: Violation[] = slaReasons(p.connected, p.haEnabled);
      return { id: p.id, name: p.name, azId: p.azId, hosts: p.hosts, availableHosts: p.connected, haEnabled: p.haEnabled, eligible: why.length === 0, why };
    }),
    replications: replications.map((r) => {
      const point = lastReplicatedPoint(r, now);
      const s = rpoStatus(r.promisedRpoMinutes, point, now);
      return { id: r.id, kind: r.kind, status: r.status, name: r.name, sourceAzId: r.sourceAzId, targetAzId: r.targetAzId, promisedRpoMinutes: r.promisedRpoMinutes, lastReplicatedAt: point?.getTime() ?? null, lagMinutes: s.lagMinutes, rpo: s.status };
    }),
    backup: { ...coverage, covered: coverage.total - coverage.uncovered, coveragePct: coverage.total > 0 ? ((coverage.total - coverage.uncovered) / coverage.total) * 100 : 100 },
  };
}
