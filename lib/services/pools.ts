import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import { db, type Tx } from "@/lib/db/client";
import { loadPoolState } from "@/lib/db/capacity";
import { listHosts as listHostRows } from "@/lib/db/hosts";
import { getPoolRow, listPoolVms, listPools as listPoolRows, poolSummaries } from "@/lib/db/pools";
import { PAGE_SIZES, pageWindow } from "@/lib/list-query";
import type { NodeTypeCode } from "@/lib/domain/catalogue";
import { availableHosts, checkActivatedMemoryChange, hostUsage, poolMemory, slaViolations, type PoolState } from "@/lib/domain/pool";
import { decide, type Decision, type Violation } from "@/lib/domain/result";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { planEvacuation, ruleBrokenBy, type VmMove } from "@/lib/domain/pool-plan";
import type { HostListQuery, HostMaintenanceInput, SetActivatedMemoryInput, SetHaInput } from "@/lib/validation/pools";
import { unfinishedActivitiesOf, type ActivityView } from "./activities";
import { changeResource, type Accepted, type ChangePlan } from "./change";
import type { AuditAction } from "@/lib/audit-actions";
import { assertPermission, type TenantContext } from "./context";
import { lockRows } from "./tx";
import type { ActivityType } from "@/lib/activity-types";

// Pools and hosts: the pages' reads (memory against the 85 % line, N+1, SLA, each host's
// load) and the changes an admin makes to a pool it already has: activated memory, HA, a host's
// maintenance. Pools and hosts themselves are ordered (lib/services/orders.ts).

// ───────────────────────── Reads ─────────────────────────

export type PoolListItem = Awaited<ReturnType<typeof listPools>>[number];

/** The tenant's pools with their memory figures (few per tenant: summed in the database). */
export async function listPools(ctx: TenantContext) {
  assertPermission(ctx, "compute:read");
  const rows = await listPoolRows(ctx.tenant.id);
  return rows.map((p) => {
    const hosts = p._count.hosts;
    const memory = poolMemory({ nodeType: p.nodeTypeCode as NodeTypeCode, hosts, hostsInMaintenance: p.hostsInMaintenance, activatedMemoryGb: p.activatedMemoryGb, haEnabled: p.haEnabled, usedGb: p.usedMemoryGb });
    return { ...p, memory };
  });
}

export type HostListItem = Awaited<ReturnType<typeof listHosts>>["rows"][number];

/** One page of hosts, each with the memory it holds against its share of its pool. */
export async function listHosts<Q extends HostListQuery & Partial<Paging>>(ctx: TenantContext, q: Q) {
  assertPermission(ctx, "compute:read");
  const tenantId = ctx.tenant.id;
  const [{ total, rows }, pools] = await Promise.all([listHostRows(tenantId, q), db().computePool.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true } })]);
  const summaries = await poolSummaries(tenantId, rows.map((r) => r.pool.id));
  const shareOf = new Map(
    summaries.map((p) => [p.id, poolMemory({ nodeType: p.nodeTypeCode as NodeTypeCode, hosts: p.hosts, hostsInMaintenance: p.hostsInMaintenance, activatedMemoryGb: p.activatedMemoryGb, haEnabled: p.haEnabled, usedGb: p.usedGb }).hostShareGb]),
  );
  const activities = await unfinishedActivitiesOf(tenantId, "host", rows.map((r) => r.id));
  return {
    total,
    pools,
    rows: rows.map((r) => {
      // A host in maintenance has no share: it carries nothing until it leaves maintenance.
      const shareGb = r.status === "CONNECTED" ? (shareOf.get(r.pool.id) ?? 0) : 0;
      return { ...r, shareGb, busy: activities.find((a) => a.resource?.id === r.id) ?? null };
    }),
  };
}

export const POOL_VM_PAGE_SIZE = PAGE_SIZES[0];

export type PoolDetailView = Awaited<ReturnType<typeof getPool>>;

/**
 * The pool page: memory against activated memory and the 85 % line, N+1, SLA eligibility and why
 * not, each host's load and what its maintenance would do (or why not), the affinity rules and
 * whether each holds today, a page of its VMs, and the state the forms decide on in the browser.
 */
export async function getPool(ctx: TenantContext, poolId: string, vmPage = 1) {
  assertPermission(ctx, "compute:read");
  const tenantId = ctx.tenant.id;
  const row = await getPoolRow(tenantId, poolId);
  const state = await loadPoolState(tenantId, poolId);
  const memory = poolMemory(state);
  const usage = new Map(hostUsage(state).map((u) => [u.hostId, u]));
  const hostRows = await db().host.findMany({ where: { tenantId, poolId }, orderBy: { name: "asc" }, select: { id: true, name: true, status: true } });
  const total = await db().vm.count({ where: { tenantId, poolId } });
  const w = pageWindow({ page: vmPage, pageSize: POOL_VM_PAGE_SIZE }, total);
  const [vms, hostActivities, poolActivities, rules] = await Promise.all([
    listPoolVms(tenantId, poolId, { skip: Math.min(w.skip, Math.max(0, (w.pages - 1) * POOL_VM_PAGE_SIZE)), take: w.take }),
    unfinishedActivitiesOf(tenantId, "host", hostRows.map((h) => h.id)),
    unfinishedActivitiesOf(tenantId, "pool", [poolId]),
    db().affinityRule.findMany({ where: { tenantId, poolId }, orderBy: { name: "asc" }, select: { id: true, name: true, kind: true, enabled: true, createdAt: true, vms: { select: { vm: { select: { id: true, name: true } } } } } }),
  ]);
  const available = availableHosts(state).length;
  return {
    ...row,
    memory,
    /** Why the pool is outside the 99.99 % SLA (CPOOL.SLA_INELIGIBLE), if it is. */
    slaWhy: slaViolations(available, row.haEnabled),
    /** What switching HA would say, before Submit. */
    haConsequence: slaViolations(available, !row.haEnabled),
    hosts: hostRows.map((h) => {
      const u = usage.get(h.id)!;
      const maintenance = h.status === "CONNECTED" ? planEvacuation(state, h.id) : null;
      return {
        ...h,
        usedGb: u.usedGb,
        shareGb: u.shareGb,
        usedRatio: u.usedRatio,
        vmCount: u.vmCount,
        busy: hostActivities.find((a) => a.resource?.id === h.id) ?? null,
        /** Entering maintenance: refused with why, or accepted with the moves it would make. */
        maintenance: maintenance ? (maintenance.ok ? { ok: true as const, warnings: maintenance.warnings, moves: maintenance.value.moves } : { ok: false as const, violations: maintenance.violations }) : null,
      };
    }),
    vms: { ...vms, page: Math.min(vmPage, w.pages), pages: w.pages },
    rules: rules.map((r) => ({ id: r.id, name: r.name, kind: r.kind, enabled: r.enabled, createdAt: r.createdAt, vms: r.vms.map((v) => v.vm), brokenBy: ruleBrokenBy(state, r.id) })),
    busy: poolActivities[0] ?? null,
    /** The state the activated-memory and affinity forms decide on in the browser; the server decides again. */
    state,
  };
}

// ───────────────────────── Changes ─────────────────────────

function conflict(en: string, fr: string): never {
  throw new ConflictError({ en, fr });
}

async function lockPoolOrThrow(tx: Tx, tenantId: string, poolId: string) {
  if ((await lockRows(tx, "ComputePool", tenantId, [poolId])) === 0) throw new NotFoundError("pool", poolId);
  return loadPoolState(tenantId, poolId, tx);
}

const poolItem = (pool: PoolState) => ({ type: "pool", id: pool.id, name: pool.name ?? pool.id });

/** A change to a pool's own settings: its lock, and no second change while one runs. */
function changePool<T = undefined>(
  ctx: TenantContext,
  poolId: string,
  kind: { action: AuditAction; activity: ActivityType },
  decideChange: (tx: Tx, pool: PoolState) => Promise<Decision<ChangePlan<T>>>,
): Promise<Decision<Accepted & T>> {
  return changeResource<PoolState, T>(ctx, kind, { lock: (tx) => lockPoolOrThrow(tx, ctx.tenant.id, poolId), target: poolItem, busy: { activities: true } }, decideChange);
}

/** Activated memory within its range; below the 85 % line of the running VMs only with a reason (audited). */
export async function setActivatedMemory(ctx: TenantContext, input: SetActivatedMemoryInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:management");
  return changePool(ctx, input.poolId, { action: "pool.set_activated_memory", activity: "pool.set_activated_memory" }, async (tx, pool) => {
    const name = poolItem(pool).name;
    if (input.activatedMemoryGb === pool.activatedMemoryGb) {
      throw new InvalidInputError({ activatedMemoryGb: { en: `${name} already has ${pool.activatedMemoryGb} GB activated.`, fr: `${name} a déjà ${pool.activatedMemoryGb} Go activés.` } });
    }
    const d = checkActivatedMemoryChange(pool, input.activatedMemoryGb, input.overrideReason ? { reason: input.overrideReason } : undefined);
    if (!d.ok) return d;
    await tx.computePool.update({ where: { id: pool.id }, data: { activatedMemoryGb: input.activatedMemoryGb } });
    const before = { activatedMemoryGb: pool.activatedMemoryGb };
    return decide(d.warnings, { before, after: { activatedMemoryGb: input.activatedMemoryGb }, payload: { before } });
  });
}

/** HA on or off; without HA (or with fewer than 2 hosts available) the pool leaves the 99.99 % SLA, which the answer says. */
export async function setHa(ctx: TenantContext, input: SetHaInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:management");
  return changePool(ctx, input.poolId, { action: "pool.set_ha", activity: "pool.set_ha" }, async (tx, pool) => {
    const name = poolItem(pool).name;
    if (pool.haEnabled === input.haEnabled) {
      conflict(`HA is already ${input.haEnabled ? "on" : "off"} on ${name}.`, `La HA est déjà ${input.haEnabled ? "activée" : "désactivée"} sur ${name}.`);
    }
    await tx.computePool.update({ where: { id: pool.id }, data: { haEnabled: input.haEnabled } });
    const before = { haEnabled: pool.haEnabled };
    return decide(slaViolations(availableHosts(pool).length, input.haEnabled), { before, after: { haEnabled: input.haEnabled }, payload: { before } });
  });
}

async function hostOrThrow(tx: Tx, tenantId: string, hostId: string) {
  const host = await tx.host.findFirst({ where: { id: hostId, tenantId }, select: { id: true, name: true, poolId: true, status: true } });
  if (!host) throw new NotFoundError("host", hostId);
  return host;
}

type LockedHost = { host: Awaited<ReturnType<typeof hostOrThrow>>; pool: PoolState; lockedVmIds: Set<string> };

/**
 * A change to a host: the VMs on it (when it moves them), then its pool (the house's order), and
 * the host read again under those locks; no second change to the host while one runs.
 */
function changeHost<T = undefined>(
  ctx: TenantContext,
  hostId: string,
  kind: { action: AuditAction; activity: ActivityType },
  withVms: boolean,
  decideChange: (tx: Tx, locked: LockedHost) => Promise<Decision<ChangePlan<T>>>,
): Promise<Decision<Accepted & T>> {
  const tenantId = ctx.tenant.id;
  return changeResource<LockedHost, T>(
    ctx,
    kind,
    {
      lock: async (tx) => {
        const found = await hostOrThrow(tx, tenantId, hostId);
        const onHost = withVms ? await tx.vm.findMany({ where: { tenantId, hostId: found.id }, select: { id: true } }) : [];
        await lockRows(tx, "Vm", tenantId, onHost.map((v) => v.id));
        const pool = await lockPoolOrThrow(tx, tenantId, found.poolId);
        return { host: await hostOrThrow(tx, tenantId, hostId), pool, lockedVmIds: new Set(onHost.map((v) => v.id)) };
      },
      target: ({ host }) => ({ type: "host", id: host.id, name: host.name }),
      busy: { activities: true },
    },
    decideChange,
  );
}

/**
 * A host enters maintenance only if the domain says the others can carry its VMs (≤ 85 %, enough
 * hosts, anti-affinity); its VMs are moved at once to the hosts the placement engine picks, and the
 * activity migrates them.
 */
export async function enterHostMaintenance(ctx: TenantContext, input: HostMaintenanceInput): Promise<Decision<Accepted & { moves: VmMove[] }>> {
  assertPermission(ctx, "compute:management");
  const tenantId = ctx.tenant.id;
  return changeHost<{ moves: VmMove[] }>(ctx, input.hostId, { action: "host.enter_maintenance", activity: "host.enter_maintenance" }, true, async (tx, { host, pool, lockedVmIds }) => {
    if (host.status !== "CONNECTED") conflict(`${host.name} is not in service (${host.status.toLowerCase()}); only a connected host enters maintenance.`, `${host.name} n’est pas en service (${host.status.toLowerCase()}) ; seul un hôte connecté passe en maintenance.`);
    const leaving = pool.vms.filter((v) => v.hostId === host.id);
    if (leaving.some((v) => !lockedVmIds.has(v.id))) conflict(`A VM was just placed on ${host.name}; try again.`, `Une VM vient d’être placée sur ${host.name} ; réessayez.`);
    const busy = await tx.vm.findMany({ where: { tenantId, id: { in: leaving.map((v) => v.id) }, busyActivityId: { not: null } }, select: { name: true } });
    if (busy.length > 0) {
      const names = busy.map((v) => v.name).join(", ");
      conflict(`Activities are changing ${names} on ${host.name}; wait for them to finish, then try again.`, `Des activités modifient ${names} sur ${host.name} ; attendez qu’elles se terminent, puis réessayez.`);
    }
    const d = planEvacuation(pool, host.id);
    if (!d.ok) return d;
    await tx.host.update({ where: { id: host.id }, data: { status: "MAINTENANCE" } });
    for (const m of d.value.moves) await tx.vm.update({ where: { id: m.vmId }, data: { hostId: m.toHostId } });
    const moves = d.value.moves;
    return decide(d.warnings, {
      before: { status: host.status },
      after: { status: "MAINTENANCE", moves: moves.map((m) => ({ vm: m.vmName, to: m.toHostName })) },
      payload: { hostId: host.id, moves: moves.map((m) => ({ vmId: m.vmId, from: m.fromHostId })) },
      also: [poolItem(pool), ...moves.map((m) => ({ type: "vm", id: m.vmId, name: m.vmName }))],
      value: { moves },
      // The VMs are migrating: no other change to them until it ends.
      onStarted: (t: Tx, activityId: string) => t.vm.updateMany({ where: { tenantId, id: { in: moves.map((m) => m.vmId) } }, data: { busyActivityId: activityId } }),
    });
  });
}

/** The host comes back into service once the activity completes; until then it carries nothing. */
export async function exitHostMaintenance(ctx: TenantContext, input: HostMaintenanceInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:management");
  return changeHost(ctx, input.hostId, { action: "host.exit_maintenance", activity: "host.exit_maintenance" }, false, async (_tx, { host, pool }) => {
    if (host.status !== "MAINTENANCE") conflict(`${host.name} is not in maintenance.`, `${host.name} n’est pas en maintenance.`);
    return decide([], { before: { status: host.status }, after: { status: "CONNECTED" }, payload: { hostId: host.id }, also: [poolItem(pool)] });
  });
}

export type { ActivityView, PoolState, Violation };
