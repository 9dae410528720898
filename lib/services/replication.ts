import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import { db, type Tx } from "@/lib/db/client";
import { lockVmOrThrow, type LockedVm } from "@/lib/db/vms";
import { listDatastores } from "@/lib/db/datastores";
import { lastReplicatedPoint, listReplications as listReplicationRows, loadStandbyPools, loadStandbyStorage, type StandbyStorage } from "@/lib/db/replications";
import { REGIONS, STORAGE_TIER_CODES, VM_REPLICATION_RTO_MINUTES, type StorageTierCode } from "@/lib/domain/catalogue";
import { poolMemory } from "@/lib/domain/pool";
import { checkGlobalMirror, checkMetroMirror, checkRpoCompliance, checkVmReplication, vmReplicationRpoMinutes, type StorageMirrorTerms } from "@/lib/domain/replication";
import { decide, type Decision, type LocalizedText, type Violation } from "@/lib/domain/result";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { EnableStorageMirrorInput, EnableVmReplicationInput, ReplicationListQuery, StopReplicationInput, StorageMirrorKind } from "@/lib/validation/data-protection";
import { ACTIVITY_SELECT, toActivityView } from "./activities";
import { change, changeResource, type Accepted } from "./change";
import { assertPermission, type TenantContext } from "./context";
import { lockRows } from "./tx";

// Replication between two AZs of the tenant's region: a VM (VM replication: a replica with memory
// reserved on a standby pool and the same storage), or a datastore (Global Mirror, asynchronous;
// Metro Mirror, synchronous: a standby copy of the same size and tier). The rules are
// lib/domain's; what "available on the standby site" means is lib/db/replications.ts's.
// Enabling reserves at once (the replication exists in INITIAL_COPY and counts against the
// standby site); the activity's end makes it ACTIVE with its first replicated point, or removes it.

const KIND_LABEL: Record<string, LocalizedText> = {
  VM_REPLICATION: { en: "VM replication", fr: "réplication de VM" },
  GLOBAL_MIRROR: { en: "Global Mirror", fr: "Global Mirror" },
  METRO_MIRROR: { en: "Metro Mirror", fr: "Metro Mirror" },
};

/** The other AZs of the tenant's region: where a standby may go. */
export function standbyZones(ctx: TenantContext): string[] {
  return (REGIONS.find((r) => r.code === ctx.tenant.regionId)?.zones ?? []).map((z) => z.code);
}

// ───────────────────────── Reads ─────────────────────────

export type ReplicationRow = Awaited<ReturnType<typeof listReplications>>["rows"][number];

/** One page of the tenant's replications, each with its RPO status measured now (and the breach warning when broken). */
export async function listReplications<Q extends ReplicationListQuery & Partial<Paging>>(ctx: TenantContext, q: Q, now = new Date()) {
  assertPermission(ctx, "backup:read");
  const { total, rows } = await listReplicationRows(ctx.tenant.id, q, now);
  const busyIds = rows.flatMap((r) => (r.busyActivityId ? [r.busyActivityId] : []));
  const activities = busyIds.length ? await db().activity.findMany({ where: { tenantId: ctx.tenant.id, id: { in: busyIds } }, select: ACTIVITY_SELECT }) : [];
  const byId = new Map(activities.map((a) => [a.id, toActivityView(a)]));
  return {
    total,
    rows: rows.map((r) => {
      const point = lastReplicatedPoint(r, now);
      const d = checkRpoCompliance({ id: r.id, promisedRpoMinutes: r.promisedRpoMinutes, lastReplicatedAt: point }, now);
      return {
        ...r,
        lastReplicatedAt: point,
        // checkRpoCompliance accepts with a warning on a breach: its value is the status either way.
        rpo: d.ok ? d.value : { lagMinutes: null, compliant: false, status: "breach" as "initial_copy" | "ok" | "at_risk" | "breach" },
        rpoWarnings: d.ok ? d.warnings : d.violations,
        busy: r.busyActivityId ? (byId.get(r.busyActivityId) ?? null) : null,
      };
    }),
  };
}

/** The tenant's datastores with the mirror protecting each, for the mirror section of the page. */
export async function listMirrorCandidates(ctx: TenantContext) {
  assertPermission(ctx, "backup:read");
  const tenantId = ctx.tenant.id;
  const [stores, mirrors, encrypted] = await Promise.all([
    listDatastores(tenantId),
    db().replication.findMany({ where: { tenantId, datastoreId: { not: null } }, select: { id: true, kind: true, targetAzId: true, status: true, datastoreId: true, busyActivityId: true } }),
    db().vm.groupBy({ by: ["datastoreId"], where: { tenantId, encryption: { not: "NONE" } }, _count: { _all: true } }),
  ]);
  return stores.map((s) => ({
    id: s.id,
    name: s.name,
    azId: s.azId,
    tierCode: s.tierCode as StorageTierCode,
    tierLabel: s.tier.label,
    sizeGib: s.sizeGib,
    status: s.status,
    encryptedVms: encrypted.find((e) => e.datastoreId === s.id)?._count._all ?? 0,
    mirror: mirrors.find((m) => m.datastoreId === s.id && m.status !== "FAILED_OVER") ?? null,
  }));
}

// ───────────────────────── VM replication ─────────────────────────

export type VmReplicationPreview = {
  vm: { id: string; name: string; memoryGb: number; storageGib: number; writeRateMbps: number; azId: string };
  standbyAzId: string;
  rpoMinutes: number;
  rtoMinutes: number;
  /** The standby pool the replica's memory would be reserved on (the one with most room), or null without one. */
  pool: { id: string; name: string; headroomGb: number; reservedForReplicasGb: number; freeGb: number } | null;
  /** Where the replica's disks would go: the tier with most room in the standby AZ (Mass Storage excluded). */
  storage: StandbyStorage;
  /** Every refusal and warning Submit would meet. */
  violations: Violation[];
};

type VmReplicationPlan = { decision: Decision<{ rpoMinutes: number }>; preview: VmReplicationPreview; standbyPoolId: string | null; standbyTier: StorageTierCode };

async function planVmReplication(tx: Tx, ctx: TenantContext, vmId: string, standbyAzId: string): Promise<VmReplicationPlan> {
  const tenantId = ctx.tenant.id;
  const vm = await tx.vm.findFirst({ where: { id: vmId, tenantId }, select: { id: true, name: true, memoryGb: true, writeRateMbps: true, pool: { select: { azId: true } } } });
  if (!vm) throw new NotFoundError("vm", vmId);
  const [pools, storage, disks] = await Promise.all([
    loadStandbyPools(tenantId, standbyAzId, tx),
    loadStandbyStorage(tenantId, standbyAzId, tx),
    tx.vmDisk.aggregate({ where: { tenantId, vmId }, _sum: { sizeGib: true } }),
  ]);
  // The replica's memory goes to the standby pool with most room left below 85 %.
  const pool =
    pools
      .map((p) => {
        const headroomGb = poolMemory(p.memory).headroomGbBefore85;
        return { id: p.id, name: p.name, memory: p.memory, headroomGb, reservedForReplicasGb: p.reservedForReplicasGb, freeGb: Math.max(0, headroomGb - p.reservedForReplicasGb) };
      })
      .sort((a, b) => b.freeGb - a.freeGb)[0] ?? null;
  // A replica is a copy of capacity, not of performance: any flash tier takes it, the roomiest first.
  const tier = STORAGE_TIER_CODES.filter((t) => t !== "MASS")
    .map((t) => storage[t])
    .sort((a, b) => b.availableGib - a.availableGib)[0]!;
  const subject = { id: vm.id, name: vm.name, memoryGb: vm.memoryGb, storageGib: disks._sum.sizeGib ?? 0, writeRateMbps: vm.writeRateMbps, azId: vm.pool.azId };
  const d = checkVmReplication({
    vm: { ...subject, azCode: subject.azId },
    standby: { azCode: standbyAzId, pool: pool?.memory ?? null, reservedForReplicasGb: pool?.reservedForReplicasGb ?? 0, availableStorageGib: tier.availableGib },
  });
  const violations = d.ok ? d.warnings : d.violations;
  return {
    decision: d.ok ? decide(d.warnings, { rpoMinutes: d.value.rpoMinutes }) : d,
    standbyPoolId: pool?.id ?? null,
    standbyTier: tier.tier,
    preview: {
      vm: subject,
      standbyAzId,
      // shown even when the replication is refused for another reason
      rpoMinutes: d.ok ? d.value.rpoMinutes : vmReplicationRpoMinutes(subject.writeRateMbps),
      rtoMinutes: VM_REPLICATION_RTO_MINUTES,
      pool: pool && { id: pool.id, name: pool.name, headroomGb: pool.headroomGb, reservedForReplicasGb: pool.reservedForReplicasGb, freeGb: pool.freeGb },
      storage: tier,
      violations,
    },
  };
}

/** What enabling would decide, before Submit: nothing is written or locked. */
export async function previewVmReplication(ctx: TenantContext, input: EnableVmReplicationInput): Promise<Decision<VmReplicationPreview>> {
  assertPermission(ctx, "replication:write");
  return decide([], (await planVmReplication(db(), ctx, input.vmId, input.standbyAzId)).preview);
}

export async function enableVmReplication(ctx: TenantContext, input: EnableVmReplicationInput): Promise<Decision<Accepted & { replicationId: string }>> {
  assertPermission(ctx, "replication:write");
  const tenantId = ctx.tenant.id;
  return changeResource<LockedVm, { replicationId: string }>(
    ctx,
    { action: "replication.vm_enable", activity: "replication.vm_enable" },
    {
      // The VM, then the standby site: two replicas aimed at one standby site queue on its pools,
      // then its datastores (the house order), each deciding on what the other reserved.
      lock: async (tx) => {
        const vm = await lockVmOrThrow(tx, tenantId, input.vmId);
        const [pools, stores] = await Promise.all([
          tx.computePool.findMany({ where: { tenantId, azId: input.standbyAzId }, select: { id: true } }),
          tx.datastore.findMany({ where: { tenantId, azId: input.standbyAzId }, select: { id: true } }),
        ]);
        await lockRows(tx, "ComputePool", tenantId, pools.map((p) => p.id));
        await lockRows(tx, "Datastore", tenantId, stores.map((s) => s.id));
        return vm;
      },
      target: (vm) => ({ type: "vm", id: vm.id, name: vm.name }),
      // The replication it makes holds the activity, not the VM.
      busy: { column: (vm) => vm.busyActivityId, mark: null },
    },
    async (tx, vm) => {
      const existing = await tx.replication.findFirst({ where: { tenantId, vmId: vm.id, kind: "VM_REPLICATION", status: { not: "FAILED_OVER" } }, select: { targetAzId: true } });
      if (existing) throw new ConflictError({ en: `${vm.name} is already replicated to ${existing.targetAzId}.`, fr: `${vm.name} est déjà répliquée vers ${existing.targetAzId}.` });
      const plan = await planVmReplication(tx, ctx, vm.id, input.standbyAzId);
      if (!plan.decision.ok) return plan.decision;
      const rpoMinutes = plan.decision.value.rpoMinutes;
      const r = await tx.replication.create({
        data: {
          tenantId,
          kind: "VM_REPLICATION",
          sourceAzId: plan.preview.vm.azId,
          targetAzId: input.standbyAzId,
          vmId: vm.id,
          promisedRpoMinutes: rpoMinutes,
          status: "INITIAL_COPY",
          standbyPoolId: plan.standbyPoolId,
          standbyTierCode: plan.standbyTier,
        },
        select: { id: true },
      });
      return decide(plan.decision.warnings, {
        after: { kind: "VM_REPLICATION", standbyAz: input.standbyAzId, rpoMinutes, reservedGb: vm.memoryGb, standbyGib: plan.preview.vm.storageGib, standbyPool: plan.preview.pool?.name ?? null, standbyTier: plan.standbyTier },
        payload: { replicationId: r.id },
        value: { replicationId: r.id },
        also: [{ type: "replication", id: r.id, name: `${vm.name} → ${input.standbyAzId}` }],
        onStarted: (t: Tx, activityId: string) => t.replication.update({ where: { id: r.id }, data: { busyActivityId: activityId } }),
      });
    },
  );
}

// ───────────────────────── Storage mirrors ─────────────────────────

export type StorageMirrorPreview = {
  datastore: { id: string; name: string; tier: StorageTierCode; sizeGib: number; azId: string };
  kind: StorageMirrorKind;
  standbyAzId: string;
  /** The standby AZ's room in the datastore's own tier. */
  storage: StandbyStorage;
  encryptedVms: string[];
  terms: StorageMirrorTerms | null;
  violations: Violation[];
};

type MirrorPlan = { decision: Decision<StorageMirrorTerms>; preview: StorageMirrorPreview };

async function planMirror(tx: Tx, ctx: TenantContext, input: EnableStorageMirrorInput): Promise<MirrorPlan> {
  const tenantId = ctx.tenant.id;
  const ds = await tx.datastore.findFirst({ where: { id: input.datastoreId, tenantId }, select: { id: true, name: true, tierCode: true, sizeGib: true, azId: true } });
  if (!ds) throw new NotFoundError("datastore", input.datastoreId);
  const tier = ds.tierCode as StorageTierCode;
  const [vms, storage] = await Promise.all([
    // Every VM with a disk on the volume: its data is what the mirror copies.
    tx.vm.findMany({ where: { tenantId, OR: [{ datastoreId: ds.id }, { disks: { some: { datastoreId: ds.id } } }] }, select: { id: true, name: true, encryption: true }, orderBy: { name: "asc" } }),
    loadStandbyStorage(tenantId, input.standbyAzId, tx),
  ]);
  // Built apart from the call on purpose: the mirror checks take more than the first shape of this
  // input (each VM's encryption state, the standby copy's tier), and a value carrying both shapes compiles against either.
  const mirrorInput = {
    datastore: { id: ds.id, name: ds.name, tier, sizeGib: ds.sizeGib, azCode: ds.azId },
    vms: vms.map((v) => ({ id: v.id, name: v.name, encrypted: v.encryption !== "NONE", encryption: v.encryption })),
    standby: { azCode: input.standbyAzId, tier, availableGib: storage[tier].availableGib },
  };
  const decision = input.kind === "GLOBAL_MIRROR" ? checkGlobalMirror(mirrorInput) : checkMetroMirror(mirrorInput);
  return {
    decision,
    preview: {
      datastore: { id: ds.id, name: ds.name, tier, sizeGib: ds.sizeGib, azId: ds.azId },
      kind: input.kind,
      standbyAzId: input.standbyAzId,
      storage: storage[tier],
      encryptedVms: vms.filter((v) => v.encryption !== "NONE").map((v) => v.name),
      terms: decision.ok ? decision.value : null,
      violations: decision.ok ? decision.warnings : decision.violations,
    },
  };
}

export async function previewStorageMirror(ctx: TenantContext, input: EnableStorageMirrorInput): Promise<Decision<StorageMirrorPreview>> {
  assertPermission(ctx, "replication:write");
  return decide([], (await planMirror(db(), ctx, input)).preview);
}

const MIRROR_KIND: Record<StorageMirrorKind, { action: "replication.global_mirror_enable" | "replication.metro_mirror_enable"; activity: "replication.global_mirror_enable" | "replication.metro_mirror_enable" }> = {
  GLOBAL_MIRROR: { action: "replication.global_mirror_enable", activity: "replication.global_mirror_enable" },
  METRO_MIRROR: { action: "replication.metro_mirror_enable", activity: "replication.metro_mirror_enable" },
};

export async function enableStorageMirror(ctx: TenantContext, input: EnableStorageMirrorInput): Promise<Decision<Accepted & { replicationId: string }>> {
  assertPermission(ctx, "replication:write");
  const tenantId = ctx.tenant.id;
  return change<{ replicationId: string }>(ctx, MIRROR_KIND[input.kind], async (tx) => {
    const ds = await tx.datastore.findFirst({ where: { id: input.datastoreId, tenantId }, select: { id: true, name: true, status: true } });
    if (!ds) throw new NotFoundError("datastore", input.datastoreId);
    // The VMs first (an encryption starting on one of them waits for this decision, or this one
    // sees it), then the volume and the standby AZ's datastores: the house order.
    const vms = await tx.vm.findMany({ where: { tenantId, OR: [{ datastoreId: ds.id }, { disks: { some: { datastoreId: ds.id } } }] }, select: { id: true } });
    await lockRows(tx, "Vm", tenantId, vms.map((v) => v.id));
    const standbyStores = await tx.datastore.findMany({ where: { tenantId, azId: input.standbyAzId }, select: { id: true } });
    await lockRows(tx, "Datastore", tenantId, [ds.id, ...standbyStores.map((s) => s.id)]);
    if (ds.status !== "ACTIVE") throw new ConflictError({ en: `${ds.name} is not in service yet; mirror it once it is delivered.`, fr: `${ds.name} n’est pas encore en service ; mettez-le en miroir une fois livré.` });
    const existing = await tx.replication.findFirst({ where: { tenantId, datastoreId: ds.id, status: { not: "FAILED_OVER" } }, select: { kind: true, targetAzId: true } });
    if (existing) {
      const k = KIND_LABEL[existing.kind]!;
      throw new ConflictError({ en: `${ds.name} is already protected by ${k.en} to ${existing.targetAzId}.`, fr: `${ds.name} est déjà protégé par ${k.fr} vers ${existing.targetAzId}.` });
    }
    const { decision, preview } = await planMirror(tx, ctx, input);
    const target = { type: "datastore", id: ds.id, name: ds.name };
    if (!decision.ok) return { target, decision };
    const r = await tx.replication.create({
      data: {
        tenantId,
        kind: input.kind,
        sourceAzId: preview.datastore.azId,
        targetAzId: input.standbyAzId,
        datastoreId: ds.id,
        promisedRpoMinutes: decision.value.rpoMinutes,
        status: "INITIAL_COPY",
        standbyTierCode: preview.datastore.tier,
      },
      select: { id: true },
    });
    return {
      target,
      decision: decide(decision.warnings, {
        after: { kind: input.kind, standbyAz: input.standbyAzId, standbyGib: decision.value.standbyGib, rpoMinutes: decision.value.rpoMinutes, licenceTib: decision.value.licenceTib },
        payload: { replicationId: r.id },
        value: { replicationId: r.id },
        also: [{ type: "replication", id: r.id, name: `${ds.name} → ${input.standbyAzId}` }],
        onStarted: (t: Tx, activityId: string) => t.replication.update({ where: { id: r.id }, data: { busyActivityId: activityId } }),
      }),
    };
  });
}

// ───────────────────────── Stop ─────────────────────────

export async function stopReplication(ctx: TenantContext, input: StopReplicationInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "replication:write");
  const tenantId = ctx.tenant.id;
  return changeResource(
    ctx,
    { action: "replication.stop", activity: "replication.stop" },
    {
      lock: async (tx) => {
        await lockRows(tx, "Replication", tenantId, [input.replicationId]);
        const r = await tx.replication.findFirst({
          where: { id: input.replicationId, tenantId },
          select: { id: true, kind: true, sourceAzId: true, targetAzId: true, status: true, busyActivityId: true, vm: { select: { id: true, name: true } }, datastore: { select: { id: true, name: true } } },
        });
        if (!r) throw new NotFoundError("replication", input.replicationId);
        const subject = r.vm ? { type: "vm", ...r.vm } : r.datastore ? { type: "datastore", ...r.datastore } : null;
        return { ...r, subject, name: `${subject?.name ?? r.id} → ${r.targetAzId}` };
      },
      target: (r) => ({ type: "replication", id: r.id, name: r.name }),
      busy: { column: (r) => r.busyActivityId, mark: (tx, r, activityId) => tx.replication.update({ where: { id: r.id }, data: { busyActivityId: activityId } }) },
    },
    async (_tx, r) =>
      decide([], {
        before: { kind: r.kind, sourceAz: r.sourceAzId, standbyAz: r.targetAzId, status: r.status },
        payload: { replicationId: r.id },
        also: r.subject ? [r.subject] : [],
      }),
  );
}
