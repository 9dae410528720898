import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db/client";
import { listVms as listVmRows, getVmDetail, getVmForChange, getVmsForChange, lockVmOrThrow, replicationKindsOf, type LockedVm } from "@/lib/db/vms";
import { loadDatastoreState, loadDatastoreStates, loadPoolState, loadPoolStates } from "@/lib/db/capacity";
import { templateOf } from "@/lib/catalog/templates";
import type { ActivityType } from "@/lib/activity-types";
import type { AuditAction } from "@/lib/audit-actions";
import { DEMO_PRICES, NODE_TYPES, type NodeTypeCode } from "@/lib/domain/catalogue";
import { checkEncryption } from "@/lib/domain/encryption";
import { checkPowerOn, checkVmFootprint } from "@/lib/domain/vm";
import { sameZoneViolation } from "@/lib/domain/backup";
import { checkDiskController, checkDiskGrow, controllerName, systemDiskOf } from "@/lib/domain/disks";
import { findUsableVlan, listUsableVlans } from "@/lib/db/vlans";
import { addressForNewNic, freeGeneratedMac } from "@/lib/db/nics";
import { findCatalogItem } from "@/lib/db/catalog";
import type { DatastoreState } from "@/lib/domain/storage";
import { applyChange, figuresOf, type WhatIfFigures } from "@/lib/domain/what-if";
import { rpoStatus } from "@/lib/domain/replication";
import { allViolations, applyOverride, decide, type Decision, type LocalizedText, type Violation } from "@/lib/domain/result";
import type { PoolState } from "@/lib/domain/pool";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { VmListQuery } from "@/lib/validation/vm-list";
import type {
  AddDiskInput,
  BulkPowerInput,
  CreateSnapshotInput,
  CreateVmInput,
  DeleteDiskInput,
  DeleteSnapshotInput,
  DeleteVmInput,
  EncryptVmInput,
  GrowDiskInput,
  PowerVmInput,
  ResizeVmInput,
  RevertSnapshotInput,
  SetTagsInput,
  VmPowerAction,
} from "@/lib/validation/vms";
import { ACTIVITY_SELECT, busyText, toActivityView, type ActivityView } from "./activities";
import { change, changeResource, type Accepted, type ChangePlan } from "./change";
import { assertPermission, type TenantContext } from "./context";
import { lockRows, onceMoreOnUniqueRace } from "./tx";

// Virtual machines: reads for the pages and the API, and every self-service change. A change is
// decided and reserved under row locks in one transaction (VM, then pool, then datastore: one
// order, no deadlock), audited whether accepted or refused, and carried out by an activity.

// ───────────────────────── Reads ─────────────────────────

export type VmListItem = Awaited<ReturnType<typeof listVms>>["rows"][number];

/** One page of the tenant's VMs, with what the list shows beside each: its running activity, why it cannot be encrypted. */
export async function listVms<Q extends VmListQuery & Partial<Paging>>(ctx: TenantContext, q: Q) {
  assertPermission(ctx, "compute:read");
  const { total, rows } = await listVmRows(ctx.tenant.id, q);
  const ids = rows.map((r) => r.id);
  const [busy, replications, tenant] = await Promise.all([
    db().activity.findMany({ where: { tenantId: ctx.tenant.id, id: { in: rows.flatMap((r) => (r.busyActivityId ? [r.busyActivityId] : [])) } }, select: ACTIVITY_SELECT }),
    db().replication.findMany({
      where: { tenantId: ctx.tenant.id, status: { not: "FAILED_OVER" }, OR: [{ vmId: { in: ids } }, { datastoreId: { in: [...new Set(rows.map((r) => r.datastore.id))] } }] },
      select: { kind: true, vmId: true, datastoreId: true },
    }),
    encryptionTenant(ctx.tenant.id),
  ]);
  const busyById = new Map(busy.map((a) => [a.id, toActivityView(a)]));
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      busy: r.busyActivityId ? (busyById.get(r.busyActivityId) ?? null) : null,
      encryptionBlockers: encryptionDecision(tenant, {
        id: r.id,
        name: r.name,
        powerState: r.powerState,
        encryption: r.encryption,
        snapshotCount: r._count.snapshots,
        replications: replications.filter((x) => x.vmId === r.id || x.datastoreId === r.datastore.id).map((x) => x.kind),
      }),
    })),
  };
}

export type VmDetailView = Awaited<ReturnType<typeof getVm>>;

export async function getVm(ctx: TenantContext, vmId: string, now = new Date()) {
  assertPermission(ctx, "compute:read");
  const [vm, tenant] = await Promise.all([getVmDetail(ctx.tenant.id, vmId), encryptionTenant(ctx.tenant.id)]);
  const [kinds, busy, mirrors] = await Promise.all([
    replicationKindsOf(ctx.tenant.id, { id: vm.id, datastoreId: vm.datastore.id }),
    vm.busyActivityId ? db().activity.findFirst({ where: { id: vm.busyActivityId, tenantId: ctx.tenant.id }, select: ACTIVITY_SELECT }) : null,
    // The VM page shows the mirrors of its datastore beside its own replication.
    db().replication.findMany({
      where: { tenantId: ctx.tenant.id, datastoreId: vm.datastore.id, status: { not: "FAILED_OVER" } },
      select: { id: true, kind: true, sourceAzId: true, targetAzId: true, promisedRpoMinutes: true, lastReplicatedAt: true, status: true },
    }),
  ]);
  return {
    ...vm,
    busy: busy ? toActivityView(busy) : null,
    replications: vm.replications.map((r) => ({ ...r, rpo: rpoStatus(r.promisedRpoMinutes, r.lastReplicatedAt, now) })),
    datastoreReplications: mirrors.map((r) => ({ ...r, rpo: rpoStatus(r.promisedRpoMinutes, r.lastReplicatedAt, now) })),
    encryptionBlockers: encryptionDecision(tenant, { id: vm.id, name: vm.name, powerState: vm.powerState, encryption: vm.encryption, snapshotCount: vm.snapshots.length, replications: kinds }),
  };
}

/** The pools, datastores, backup policies and VLANs a new VM may use, for the create form. */
export async function vmCreateOptions(ctx: TenantContext) {
  assertPermission(ctx, "compute:read");
  const tenantId = ctx.tenant.id;
  const [pools, datastores, policies, vlans] = await Promise.all([
    db().computePool.findMany({ where: { tenantId, status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true, azId: true, nodeTypeCode: true, nodeType: { select: { label: true, threads: true, ramGb: true } } } }),
    db().datastore.findMany({ where: { tenantId, status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true, azId: true, tierCode: true, tier: { select: { label: true } } } }),
    db().backupPolicy.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    listUsableVlans(tenantId),
  ]);
  return { pools, datastores, policies, vlans };
}

// ───────────────────────── Encryption readiness ─────────────────────────

type EncryptionTenant = { keyProviderConfigured: boolean; advancedProtectionSubscribed: boolean };

async function encryptionTenant(tenantId: string, tx: Tx = db()): Promise<EncryptionTenant> {
  const t = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { keyProviderStatus: true, advancedProtectionSince: true } });
  return { keyProviderConfigured: t.keyProviderStatus === "CONFIGURED", advancedProtectionSubscribed: t.advancedProtectionSince !== null };
}

/** Why the padlock is disabled: the same decision the encryption service takes, as violations. */
function encryptionDecision(tenant: EncryptionTenant, vm: Parameters<typeof checkEncryption>[0]["vm"]): Violation[] {
  const d = checkEncryption({ tenant, vm });
  return d.ok ? [] : d.violations;
}

// ───────────────────────── The shape of every change ─────────────────────────

type Change = ChangePlan<undefined>;

/**
 * A change to one VM: locked, refused while another activity changes it, marked busy with the new
 * one. The plan's `value` (a row the change made) comes back with the activity's id.
 */
export function changeVm<T = undefined>(
  ctx: TenantContext,
  vmId: string,
  kind: { action: AuditAction; activity: ActivityType },
  decideChange: (tx: Tx, vm: LockedVm) => Promise<Decision<ChangePlan<T>>>,
): Promise<Decision<Accepted & T>> {
  return changeResource<LockedVm, T>(
    ctx,
    kind,
    {
      lock: (tx) => lockVmOrThrow(tx, ctx.tenant.id, vmId),
      target: (vm) => ({ type: "vm", id: vm.id, name: vm.name }),
      busy: { column: (vm) => vm.busyActivityId, mark: (tx, vm, activityId) => tx.vm.update({ where: { id: vm.id }, data: { busyActivityId: activityId } }) },
    },
    decideChange,
  );
}

function conflict(en: string, fr: string): never {
  throw new ConflictError({ en, fr });
}

// ───────────────────────── Create ─────────────────────────

export type VmCreatePreview = {
  before: WhatIfFigures;
  after: WhatIfFigures;
  /** Every refusal and warning the create would meet, as the create itself would decide. */
  violations: Violation[];
  hostId: string | null;
  /** What the VM adds to the monthly bill (per-VM licences; compute and storage are billed per host and datastore). */
  monthlyCost: { currency: string; total: number; lines: { label: string; total: number }[] };
  nodeType: { code: NodeTypeCode; ramGb: number; threads: number };
};

type CreatePlan = { preview: VmCreatePreview; decision: Decision<{ hostId: string | null }>; pool: PoolState; datastore: DatastoreState; vlan: { id: string; tag: number; name: string; subnet: string | null } | null };

/** The create's decision and its before/after figures: the preview shows exactly what Submit decides. */
async function planCreate(tx: Tx, ctx: TenantContext, input: CreateVmInput): Promise<CreatePlan> {
  const tenantId = ctx.tenant.id;
  const template = templateOf(input.templateCode);
  if (!template) throw new InvalidInputError({ templateCode: { en: "Pick an image from the catalogue.", fr: "Choisissez une image du catalogue." } });
  const [pool, datastore, taken, policy] = await Promise.all([
    loadPoolState(tenantId, input.poolId, tx),
    loadDatastoreState(tenantId, input.datastoreId, tx),
    tx.vm.findFirst({ where: { tenantId, name: input.name }, select: { id: true } }),
    input.backupPolicyId ? tx.backupPolicy.findFirst({ where: { tenantId, id: input.backupPolicyId }, select: { id: true, name: true, targetAzId: true } }) : null,
  ]);
  if (input.backupPolicyId && !policy) throw new NotFoundError("backup policy", input.backupPolicyId);
  // Another tenant's VLAN, never propagated here, is not found.
  const vlan = input.vlanId ? await findUsableVlan(tx, tenantId, input.vlanId) : null;
  if (input.vlanId && !vlan) throw new NotFoundError("vlan", input.vlanId);
  const poolAz = (await tx.computePool.findFirstOrThrow({ where: { id: pool.id, tenantId }, select: { azId: true } })).azId;
  const node = NODE_TYPES[pool.nodeType];
  const fields: Record<string, LocalizedText> = {};
  if (taken) fields.name = { en: `A VM named ${input.name} already exists in this tenant.`, fr: `Une VM nommée ${input.name} existe déjà dans ce tenant.` };
  if (datastore.azId !== poolAz)
    fields.datastoreId = {
      en: `${datastore.name} is in ${datastore.azId}; pool ${pool.name} is in ${poolAz}. Pick a datastore of ${poolAz}.`,
      fr: `${datastore.name} est en ${datastore.azId} ; le pool ${pool.name} est en ${poolAz}. Choisissez un datastore de ${poolAz}.`,
    };
  if (input.diskGib < template.minDiskGib)
    fields.diskGib = { en: `${template.label} needs a disk of at least ${template.minDiskGib} GiB.`, fr: `${template.label} demande un disque d’au moins ${template.minDiskGib} Gio.` };
  if (input.cpu > node.threads) fields.cpu = { en: `A ${node.label} host has ${node.threads} threads; a VM gets at most that many vCPU.`, fr: `Un hôte ${node.label} a ${node.threads} threads ; une VM a au plus autant de vCPU.` };
  if (Object.keys(fields).length > 0) throw new InvalidInputError(fields);

  // The disk comes first (thick disks take their space now), then the VM and its swap file.
  // A new VM is not encrypted (encryption is a later, powered-off, one-click action).
  const vm = { id: "new-vm", name: input.name, memoryGb: input.memoryGb, iopsDemand: template.iopsDemand, encryption: "NONE" as const };
  const disk = { sizeGib: input.diskGib, provisioning: input.diskProvisioning };
  const footprint = checkVmFootprint({
    pool,
    datastore,
    vm: { ...vm, backupPolicyCount: policy ? 1 : 0 },
    newDisks: [disk],
    start: input.powerOn,
    override: input.overrideReason ? { reason: input.overrideReason } : undefined,
  });
  // The policy's backups must land in another zone than the new VM's (BACKUP.SAME_AZ).
  const sameZone = policy ? sameZoneViolation({ id: vm.id, name: vm.name, azId: poolAz }, policy) : null;
  const decision: Decision<{ hostId: string | null }> = sameZone ? decide([sameZone, ...allViolations(footprint)], { hostId: null }) : footprint;
  const violations = allViolations(decision);
  const hostId = decision.ok ? decision.value.hostId : null;
  const withDisk: DatastoreState = {
    ...datastore,
    usedGib: datastore.usedGib + (input.diskProvisioning === "THICK" ? input.diskGib : 0),
    provisionedGib: datastore.provisionedGib + input.diskGib,
  };

  const next = applyChange({ pool, datastore: withDisk }, { kind: "add_vms", vms: [{ ...vm, poweredOn: input.powerOn }] });
  const backupLicence = policy ? DEMO_PRICES.licences.BACKUP_VM : 0;
  return {
    decision,
    pool,
    datastore,
    vlan,
    preview: {
      before: figuresOf({ pool, datastore }),
      after: figuresOf(next),
      violations,
      hostId,
      monthlyCost: { currency: DEMO_PRICES.currency, total: backupLicence, lines: policy ? [{ label: "Backup - IBM Spectrum Protect Plus", total: backupLicence }] : [] },
      nodeType: { code: pool.nodeType, ramGb: node.ramGb, threads: node.threads },
    },
  };
}

/** The what-if of a create, before Submit: nothing is written or locked. */
/**
 * A VM deployed from a template of the tenant's catalogue runs that template's OS image; its CPU,
 * memory and disk were the form's defaults and stay as given. The same rules then decide.
 */
async function fromCatalog(ctx: TenantContext, input: CreateVmInput): Promise<CreateVmInput & { catalogItemName?: string }> {
  if (!input.catalogItemId) return input;
  const item = await findCatalogItem(db(), ctx.tenant.id, input.catalogItemId);
  if (!item) throw new NotFoundError("catalogue item", input.catalogItemId);
  const t = item.kind === "TEMPLATE" && item.templateCode ? templateOf(item.templateCode) : undefined;
  if (!t) {
    throw new InvalidInputError({ catalogItemId: { en: `${item.name} is an ISO image, not a template: a VM is deployed from a template.`, fr: `${item.name} est une image ISO, pas un modèle : une VM se déploie depuis un modèle.` } });
  }
  return { ...input, templateCode: t.code as CreateVmInput["templateCode"], catalogItemName: item.name };
}

export async function previewVmCreate(ctx: TenantContext, given: CreateVmInput): Promise<Decision<VmCreatePreview>> {
  assertPermission(ctx, "compute:write");
  const input = await fromCatalog(ctx, given);
  const plan = await planCreate(db(), ctx, input);
  return decide([], plan.preview);
}

export async function createVm(ctx: TenantContext, given: CreateVmInput): Promise<Decision<Accepted & { vmId: string }>> {
  assertPermission(ctx, "compute:write");
  const input = await fromCatalog(ctx, given);
  const sshKeys = input.sshKeys ?? [];
  const template = templateOf(input.templateCode);
  // A unique index met at the same instant (the name, or the generated MAC of its adapter) is
  // decided once more: the second run sees the other's name and says so, or draws another MAC.
  return onceMoreOnUniqueRace(() => change<{ vmId: string }>(ctx, { action: "vm.create", activity: "vm.create" }, async (tx) => {
    // Two admins placing VMs into one pool queue here: each decides on what the other reserved.
    await lockRows(tx, "ComputePool", ctx.tenant.id, [input.poolId]);
    await lockRows(tx, "Datastore", ctx.tenant.id, [input.datastoreId]);
    const { decision, vlan } = await planCreate(tx, ctx, input);
    if (!decision.ok) return { target: { type: "vm", id: input.name, name: input.name }, decision };
    // Its first adapter, when a VLAN is given: VMXNET3, connected, a generated MAC no adapter of the
    // tenant has, and the lowest free address of the VLAN's subnet.
    const mac = vlan ? await freeGeneratedMac(tx, ctx.tenant.id) : null;
    const address = vlan ? await addressForNewNic(tx, vlan) : null;
    if (address && !address.ok) return { target: { type: "vm", id: input.name, name: input.name }, decision: address };
    const vm = await tx.vm.create({
      data: {
        tenantId: ctx.tenant.id,
        poolId: input.poolId,
        datastoreId: input.datastoreId,
        hostId: decision.value.hostId,
        name: input.name,
        guestOs: template!.label,
        templateCode: template!.code,
        cpu: input.cpu,
        memoryGb: input.memoryGb,
        powerState: input.powerOn ? "POWERED_ON" : "POWERED_OFF",
        status: "PROVISIONING",
        iopsDemand: template!.iopsDemand,
        writeRateMbps: template!.writeRateMbps,
        disks: {
          create: {
            tenantId: ctx.tenant.id,
            datastoreId: input.datastoreId,
            label: "Hard disk 1",
            sizeGib: input.diskGib,
            usedGib: input.diskProvisioning === "THICK" ? input.diskGib : 0,
            provisioning: input.diskProvisioning,
          },
        },
        ...(input.backupPolicyId ? { backups: { create: { tenantId: ctx.tenant.id, policyId: input.backupPolicyId } } } : {}),
        ...(vlan && mac ? { nics: { create: { tenantId: ctx.tenant.id, vlanId: vlan.id, label: "Network adapter 1", type: "VMXNET3", mac, ipAddress: address?.ok ? address.value : null, connected: true } } } : {}),
        ...(input.userData || sshKeys.length > 0 ? { cloudInit: { create: { tenantId: ctx.tenant.id, userData: input.userData ?? null, sshKeys } } } : {}),
      },
      select: { id: true, name: true },
    });
    const after = {
      pool: input.poolId,
      datastore: input.datastoreId,
      host: decision.value.hostId,
      cpu: input.cpu,
      memoryGb: input.memoryGb,
      diskGib: input.diskGib,
      powerOn: input.powerOn,
      ...(input.catalogItemName ? { catalogItem: input.catalogItemName, catalogItemId: input.catalogItemId } : {}),
      ...(input.userData || sshKeys.length > 0 ? { cloudInit: { userDataBytes: input.userData ? new TextEncoder().encode(input.userData).length : 0, sshKeys: sshKeys.length } } : {}),
      ...(vlan && mac ? { nic: { type: "VMXNET3", vlan: `${vlan.name} (VLAN ${vlan.tag})`, vlanId: vlan.id, mac, ipAddress: address?.ok ? address.value : null } } : {}),
    };
    return {
      target: { type: "vm", id: vm.id, name: vm.name },
      decision: decide(decision.warnings, {
        after,
        payload: { vmId: vm.id },
        value: { vmId: vm.id },
        onStarted: (t: Tx, activityId: string) => t.vm.update({ where: { id: vm.id }, data: { busyActivityId: activityId } }),
      }),
    };
  })).catch((e: unknown) => {
    // Two creates of one name at the same instant: the second finds the unique index.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new InvalidInputError({ name: { en: `A VM named ${input.name} already exists in this tenant.`, fr: `Une VM nommée ${input.name} existe déjà dans ce tenant.` } });
    }
    throw e;
  });
}

// ───────────────────────── Power ─────────────────────────

const POWER: Record<VmPowerAction, { action: AuditAction; activity: ActivityType }> = {
  on: { action: "vm.power_on", activity: "vm.power_on" },
  off: { action: "vm.power_off", activity: "vm.power_off" },
  restart: { action: "vm.restart", activity: "vm.restart" },
  suspend: { action: "vm.suspend", activity: "vm.suspend" },
};

type PowerInputs = { pool: PoolState; datastore: DatastoreState };

/** The power decision on given states (shared by one VM, a bulk preview and a bulk run). */
function decidePower(vm: LockedVm, action: VmPowerAction, states: PowerInputs | null, override?: string): Decision<Omit<Change, "action" | "activity">> {
  const before = { powerState: vm.powerState, hostId: vm.hostId };
  switch (action) {
    case "on": {
      if (vm.powerState === "POWERED_ON") conflict(`${vm.name} is already running.`, `${vm.name} tourne déjà.`);
      const d = checkPowerOn({
        vm: { id: vm.id, name: vm.name, memoryGb: vm.memoryGb, iopsDemand: vm.iopsDemand, powerState: vm.powerState, backupPolicyCount: vm._count.backups, encryption: vm.encryption },
        datastore: states!.datastore,
        pool: states!.pool,
        override: override ? { reason: override } : undefined,
      });
      if (!d.ok) return d;
      return decide(d.warnings, { before, after: { powerState: "POWERED_ON", hostId: d.value.hostId }, payload: { before } });
    }
    case "off":
      if (vm.powerState === "POWERED_OFF") conflict(`${vm.name} is already powered off.`, `${vm.name} est déjà arrêtée.`);
      return decide([], { before, after: { powerState: "POWERED_OFF", hostId: vm.hostId }, payload: { before } });
    case "restart":
      if (vm.powerState !== "POWERED_ON") conflict(`${vm.name} is not running; power it on instead.`, `${vm.name} ne tourne pas ; démarrez-la plutôt.`);
      return decide([], { before, after: before, payload: { before } });
    case "suspend":
      if (vm.powerState !== "POWERED_ON") conflict(`${vm.name} is not running, so it cannot be suspended.`, `${vm.name} ne tourne pas et ne peut donc pas être suspendue.`);
      return decide([], { before, after: { powerState: "SUSPENDED", hostId: vm.hostId }, payload: { before } });
  }
}

/** Locks the VM's pool, then the datastore a change lands on (its own unless told: a disk's), and loads both. */
async function loadPowerStates(tx: Tx, ctx: TenantContext, vm: LockedVm, datastoreId = vm.datastoreId): Promise<PowerInputs> {
  await lockRows(tx, "ComputePool", ctx.tenant.id, [vm.poolId]);
  await lockRows(tx, "Datastore", ctx.tenant.id, [datastoreId]);
  const [pool, datastore] = await Promise.all([loadPoolState(ctx.tenant.id, vm.poolId, tx), loadDatastoreState(ctx.tenant.id, datastoreId, tx)]);
  return { pool, datastore };
}

export async function powerVm(ctx: TenantContext, input: PowerVmInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "vm:power");
  return changeVm(ctx, input.vmId, POWER[input.action], async (tx, vm) => {
    const states = input.action === "on" ? await loadPowerStates(tx, ctx, vm) : null;
    const d = decidePower(vm, input.action, states, input.overrideReason);
    if (d.ok && d.value.after) {
      const after = d.value.after as { powerState: "POWERED_ON" | "POWERED_OFF" | "SUSPENDED"; hostId: string | null };
      await tx.vm.update({ where: { id: vm.id }, data: { powerState: after.powerState, hostId: after.hostId } });
    }
    return d;
  });
}

export type BulkItem = { vmId: string; name: string; ok: boolean; activityId?: string; violations: Violation[]; conflict?: LocalizedText };

/**
 * What a bulk power action would do to each VM, in order, each seeing the ones before it (the
 * third VM of a nearly full pool is refused even if it would fit alone). Nothing is written.
 */
export async function previewBulkPower(ctx: TenantContext, input: BulkPowerInput): Promise<Decision<BulkItem[]>> {
  assertPermission(ctx, "vm:power");
  const tenantId = ctx.tenant.id;
  // The VMs, then their pools and datastores, each read once for the whole selection; the loop
  // below decides in memory (the states it carries from one VM to the next).
  const vms = await getVmsForChange(tenantId, input.vmIds);
  const selected = [...vms.values()];
  const [poolStates, storeStates] =
    input.action === "on"
      ? await Promise.all([loadPoolStates(selected.map((v) => ({ tenantId, id: v.poolId }))), loadDatastoreStates(selected.map((v) => ({ tenantId, id: v.datastoreId })))])
      : [new Map<string, PoolState>(), new Map<string, DatastoreState>()];
  const pools = new Map<string, PoolState>(poolStates);
  const stores = new Map<string, DatastoreState>(storeStates);
  const out: BulkItem[] = [];
  for (const id of input.vmIds) {
    // another tenant's id is simply not there
    const vm = vms.get(id);
    if (!vm) continue;
    if (vm.busyActivityId) {
      out.push({ vmId: vm.id, name: vm.name, ok: false, violations: [], conflict: busyText(vm.name) });
      continue;
    }
    try {
      let states: PowerInputs | null = null;
      if (input.action === "on") {
        if (!pools.has(vm.poolId)) throw new NotFoundError("pool", vm.poolId);
        if (!stores.has(vm.datastoreId)) throw new NotFoundError("datastore", vm.datastoreId);
        states = { pool: pools.get(vm.poolId)!, datastore: stores.get(vm.datastoreId)! };
      }
      const d = decidePower(vm, input.action, states);
      out.push({ vmId: vm.id, name: vm.name, ok: d.ok, violations: d.ok ? d.warnings : d.violations });
      if (d.ok && states) {
        // The next VM sees this one running.
        const hostId = (d.value.after as { hostId: string | null }).hostId;
        const pool = states.pool;
        pools.set(vm.poolId, { ...pool, vms: pool.vms.map((v) => (v.id === vm.id ? { ...v, poweredOn: true, hostId } : v)) });
        const ds = states.datastore;
        stores.set(vm.datastoreId, { ...ds, vms: ds.vms.map((v) => (v.id === vm.id ? { ...v, poweredOn: true } : v)) as DatastoreState["vms"] });
      }
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      out.push({ vmId: vm.id, name: vm.name, ok: false, violations: [], conflict: e.text });
    }
  }
  return decide([], out);
}

/** Runs a power action on each selected VM in turn; each VM gets its own decision and activity. */
export async function bulkPower(ctx: TenantContext, input: BulkPowerInput): Promise<Decision<BulkItem[]>> {
  assertPermission(ctx, "vm:power");
  const names = new Map((await db().vm.findMany({ where: { tenantId: ctx.tenant.id, id: { in: input.vmIds } }, select: { id: true, name: true } })).map((v) => [v.id, v.name]));
  const out: BulkItem[] = [];
  for (const vmId of input.vmIds) {
    const name = names.get(vmId);
    if (name === undefined) continue; // another tenant's id is simply not there
    try {
      const d = await powerVm(ctx, { vmId, action: input.action });
      out.push(d.ok ? { vmId, name, ok: true, activityId: d.value.activityId, violations: d.warnings } : { vmId, name, ok: false, violations: d.violations });
    } catch (e) {
      if (e instanceof NotFoundError) continue;
      if (!(e instanceof ConflictError)) throw e;
      out.push({ vmId, name, ok: false, violations: [], conflict: e.text });
    }
  }
  return decide([], out);
}

// ───────────────────────── Configuration ─────────────────────────

export async function resizeVm(ctx: TenantContext, input: ResizeVmInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.resize", activity: "vm.resize" }, async (tx, vm) => {
    const node = NODE_TYPES[vm.pool.nodeTypeCode as NodeTypeCode];
    if (input.cpu > node.threads) {
      throw new InvalidInputError({ cpu: { en: `A ${node.label} host has ${node.threads} threads; a VM gets at most that many vCPU.`, fr: `Un hôte ${node.label} a ${node.threads} threads ; une VM a au plus autant de vCPU.` } });
    }
    const before = { cpu: vm.cpu, memoryGb: vm.memoryGb };
    const after = { cpu: input.cpu, memoryGb: input.memoryGb };
    // The same rules as a creation: a running VM grows on its own host (the pool's activated
    // memory and 85 % line, the host's RAM and share) and its swap file grows on its datastore.
    let warnings: Violation[] = [];
    if (input.memoryGb > vm.memoryGb) {
      const { pool, datastore } = await loadPowerStates(tx, ctx, vm);
      const d = checkVmFootprint({
        pool,
        datastore,
        vm: { id: vm.id, name: vm.name, memoryGb: input.memoryGb, iopsDemand: vm.iopsDemand, encryption: vm.encryption },
        override: input.overrideReason ? { reason: input.overrideReason } : undefined,
      });
      if (!d.ok) return d;
      warnings = d.warnings;
    }
    await tx.vm.update({ where: { id: vm.id }, data: after });
    return decide(warnings, { before, after, payload: { before } });
  });
}

// ───────────────────────── Disks ─────────────────────────

const DISK_SELECT = { id: true, label: true, datastoreId: true, sizeGib: true, usedGib: true, provisioning: true, mode: true, controllerType: true, controllerBus: true, createdAt: true } as const;

/** The next free "Hard disk N": one past the highest number in use (a deleted disk's number is not reused while a later one exists). */
function nextDiskLabel(labels: readonly string[]): string {
  const used = labels.map((l) => Number(/^Hard disk (\d+)$/.exec(l)?.[1] ?? 0));
  return `Hard disk ${Math.max(0, ...used) + 1}`;
}

const footprintVm = (vm: LockedVm) => ({ id: vm.id, name: vm.name, memoryGb: vm.memoryGb, iopsDemand: vm.iopsDemand, encryption: vm.encryption });

/**
 * A new disk on one of the VM's controllers or on a new one: the controller limits (4 SCSI and
 * 4 NVMe controllers, 15 disks each) and the same datastore rules as a creation (snapshot reserve,
 * thin over-commit, Global Mirror and encryption), all shown at once; the override reaches only the
 * advisory ones, and only when nothing hard stands beside them.
 */
export async function addDisk(ctx: TenantContext, input: AddDiskInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.disk_add", activity: "vm.disk_add" }, async (tx, vm) => {
    const disks = await tx.vmDisk.findMany({ where: { tenantId: ctx.tenant.id, vmId: vm.id }, select: { label: true, controllerType: true, controllerBus: true } });
    const placed = checkDiskController({ id: vm.id, name: vm.name, disks }, { controllerType: input.controllerType, controllerBus: input.controllerBus });
    const { pool, datastore } = await loadPowerStates(tx, ctx, vm);
    const footprint = checkVmFootprint({ pool, datastore, vm: footprintVm(vm), newDisks: [{ sizeGib: input.sizeGib, provisioning: input.provisioning }] });
    const d = decide(applyOverride([...allViolations(placed), ...allViolations(footprint)], input.overrideReason ? { reason: input.overrideReason } : undefined), undefined);
    if (!d.ok) return d;
    if (!placed.ok) return placed;
    const at = placed.value;
    const label = nextDiskLabel(disks.map((x) => x.label));
    const disk = await tx.vmDisk.create({
      data: {
        tenantId: ctx.tenant.id,
        vmId: vm.id,
        datastoreId: vm.datastoreId,
        label,
        sizeGib: input.sizeGib,
        usedGib: input.provisioning === "THICK" ? input.sizeGib : 0,
        provisioning: input.provisioning,
        mode: input.mode,
        controllerType: at.controllerType,
        controllerBus: at.controllerBus,
      },
      select: { id: true, label: true },
    });
    return decide(d.warnings, {
      after: { disk: disk.label, sizeGib: input.sizeGib, provisioning: input.provisioning, mode: input.mode, controller: controllerName(at) },
      payload: { diskId: disk.id },
    });
  });
}

async function diskOfVm(tx: Tx, ctx: TenantContext, vm: LockedVm, diskId: string) {
  // Another VM's disk, or another tenant's, is not found.
  const disk = await tx.vmDisk.findFirst({ where: { id: diskId, vmId: vm.id, tenantId: ctx.tenant.id }, select: DISK_SELECT });
  if (!disk) throw new NotFoundError("disk", diskId);
  return disk;
}

/**
 * A disk grows, never shrinks (DISK.SHRINK, hard). The growth meets the datastore's rules as a new
 * disk of the same provisioning would: a thick disk's new GiB are reserved now, a thin one's are
 * promised (over-commit, advisory).
 */
export async function growDisk(ctx: TenantContext, input: GrowDiskInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.disk_grow", activity: "vm.disk_grow" }, async (tx, vm) => {
    const disk = await diskOfVm(tx, ctx, vm, input.diskId);
    if (input.sizeGib === disk.sizeGib) {
      throw new InvalidInputError({ sizeGib: { en: `${disk.label} is already ${disk.sizeGib} GiB. Give a larger size.`, fr: `${disk.label} fait déjà ${disk.sizeGib} Gio. Indiquez une taille plus grande.` } });
    }
    const override = input.overrideReason ? { reason: input.overrideReason } : undefined;
    const grow = checkDiskGrow(disk, input.sizeGib, override);
    if (!grow.ok) return grow;
    const { pool, datastore } = await loadPowerStates(tx, ctx, vm, disk.datastoreId);
    const d = checkVmFootprint({ pool, datastore, vm: footprintVm(vm), newDisks: [{ sizeGib: grow.value.growGib, provisioning: disk.provisioning, grows: disk.label }], override });
    if (!d.ok) return d;
    const usedGib = disk.provisioning === "THICK" ? input.sizeGib : disk.usedGib;
    await tx.vmDisk.update({ where: { id: disk.id }, data: { sizeGib: input.sizeGib, usedGib } });
    return decide(d.warnings, {
      before: { disk: disk.label, sizeGib: disk.sizeGib },
      after: { disk: disk.label, sizeGib: input.sizeGib },
      payload: { diskId: disk.id, diskBefore: { sizeGib: disk.sizeGib, usedGib: disk.usedGib } },
    });
  });
}

/**
 * Deletes a disk and its data. The VM's system disk (its first) goes only with the VM. There is
 * no "detached" disk in this model: a disk removed from its VM is deleted.
 */
export async function deleteDisk(ctx: TenantContext, input: DeleteDiskInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.disk_delete", activity: "vm.disk_delete" }, async (tx, vm) => {
    const disks = await tx.vmDisk.findMany({ where: { tenantId: ctx.tenant.id, vmId: vm.id }, select: DISK_SELECT });
    const disk = disks.find((d) => d.id === input.diskId);
    if (!disk) throw new NotFoundError("disk", input.diskId);
    if (systemDiskOf(disks)?.id === disk.id) {
      conflict(
        `${disk.label} is the system disk of ${vm.name} (its first disk, the one it boots from): it cannot be deleted on its own. Delete another disk, or delete the VM.`,
        `${disk.label} est le disque système de ${vm.name} (son premier disque, celui sur lequel elle démarre) : il ne peut pas être supprimé seul. Supprimez un autre disque, ou supprimez la VM.`,
      );
    }
    return decide([], {
      before: { disk: disk.label, sizeGib: disk.sizeGib, provisioning: disk.provisioning, mode: disk.mode, controller: controllerName(disk) },
      payload: { diskId: disk.id },
    });
  });
}

export async function createSnapshot(ctx: TenantContext, input: CreateSnapshotInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.snapshot_create", activity: "vm.snapshot_create" }, async (tx, vm) => {
    const snapshot = await tx.snapshot.create({ data: { tenantId: ctx.tenant.id, vmId: vm.id, name: input.name }, select: { id: true } });
    return decide([], { after: { snapshot: input.name }, payload: { snapshotId: snapshot.id } });
  });
}

export async function deleteSnapshot(ctx: TenantContext, input: DeleteSnapshotInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.snapshot_delete", activity: "vm.snapshot_delete" }, async (tx, vm) => {
    const snapshot = await tx.snapshot.findFirst({ where: { id: input.snapshotId, vmId: vm.id, tenantId: ctx.tenant.id }, select: { id: true, name: true } });
    if (!snapshot) throw new NotFoundError("snapshot", input.snapshotId);
    return decide([], { before: { snapshot: snapshot.name }, payload: { snapshotId: snapshot.id } });
  });
}

/**
 * Reverts the VM's disks to a snapshot: what was written since is lost. Its power state and its
 * snapshots stay as they are (the snapshot is kept, and so are later ones, as the hypervisor does).
 */
export async function revertSnapshot(ctx: TenantContext, input: RevertSnapshotInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.snapshot_revert", activity: "vm.snapshot_revert" }, async (tx, vm) => {
    const snapshot = await tx.snapshot.findFirst({ where: { id: input.snapshotId, vmId: vm.id, tenantId: ctx.tenant.id }, select: { id: true, name: true, createdAt: true } });
    if (!snapshot) throw new NotFoundError("snapshot", input.snapshotId);
    return decide([], { after: { revertedTo: snapshot.name, takenAt: snapshot.createdAt.toISOString() }, payload: { snapshotId: snapshot.id } });
  });
}

export async function setTags(ctx: TenantContext, input: SetTagsInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  const tags = [...new Set(input.tags)].sort();
  return changeVm(ctx, input.vmId, { action: "vm.tags_set", activity: "vm.tags_set" }, async (tx, vm) => {
    await tx.vm.update({ where: { id: vm.id }, data: { tags } });
    return decide([], { before: { tags: vm.tags }, after: { tags }, payload: { before: { tags: vm.tags } } });
  });
}

export async function deleteVm(ctx: TenantContext, input: DeleteVmInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.delete", activity: "vm.delete" }, async (tx, vm) => {
    if (input.confirmName !== vm.name) {
      throw new InvalidInputError({ confirmName: { en: `Type ${vm.name} exactly to confirm.`, fr: `Saisissez exactement ${vm.name} pour confirmer.` } });
    }
    if (vm.powerState !== "POWERED_OFF") conflict(`${vm.name} is not powered off; power it off before deleting it.`, `${vm.name} n’est pas arrêtée ; arrêtez-la avant de la supprimer.`);
    // Its VM replication goes with it (the replica's reservation on the standby site is freed):
    // the audit row names it, and the activity removes it before the VM.
    const replications = await tx.replication.findMany({ where: { tenantId: ctx.tenant.id, vmId: vm.id }, select: { id: true, kind: true, targetAzId: true, busyActivityId: true } });
    if (replications.some((r) => r.busyActivityId)) {
      conflict(`An activity is changing the replication of ${vm.name}. Wait for it to finish, then delete the VM.`, `Une activité modifie la réplication de ${vm.name}. Attendez qu’elle se termine, puis supprimez la VM.`);
    }
    await tx.vm.update({ where: { id: vm.id }, data: { status: "DECOMMISSIONED" } });
    const removed = replications.map((r) => ({ id: r.id, kind: r.kind, standbyAz: r.targetAzId }));
    return decide([], {
      before: { name: vm.name, status: vm.status, ...(removed.length > 0 ? { replications: removed } : {}) },
      ...(removed.length > 0 ? { after: { replicationsRemoved: removed.length } } : {}),
      also: removed.map((r) => ({ type: "replication", id: r.id, name: `${vm.name} → ${r.standbyAz}` })),
      payload: { before: { status: vm.status }, replicationIds: removed.map((r) => r.id) },
    });
  });
}

export async function encryptVm(ctx: TenantContext, input: EncryptVmInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:management");
  return changeVm(ctx, input.vmId, { action: "vm.encrypt", activity: "vm.encrypt" }, async (tx, vm) => {
    const [tenant, kinds] = await Promise.all([encryptionTenant(ctx.tenant.id, tx), replicationKindsOf(ctx.tenant.id, vm, tx)]);
    const d = checkEncryption({ tenant, vm: { id: vm.id, name: vm.name, powerState: vm.powerState, encryption: vm.encryption, snapshotCount: vm._count.snapshots, replications: kinds } });
    if (!d.ok) return d;
    await tx.vm.update({ where: { id: vm.id }, data: { encryption: "ENCRYPTING" } });
    return decide(d.warnings, { before: { encryption: vm.encryption }, after: { encryption: "ENCRYPTED" }, payload: {} });
  });
}

export type { ActivityView };

// ───────────────────────── The REST API's shapes of the same changes ─────────────────────────

async function vmSize(ctx: TenantContext, vmId: string) {
  const vm = await db().vm.findFirst({ where: { id: vmId, tenantId: ctx.tenant.id, status: { not: "DECOMMISSIONED" } }, select: { name: true, cpu: true, memoryGb: true } });
  if (!vm) throw new NotFoundError("vm", vmId);
  return vm;
}

/** DELETE /compute/vms/{id}: the request itself is the confirmation the console asks for by name. */
export async function deleteVmById(ctx: TenantContext, vmId: string): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return deleteVm(ctx, { vmId, confirmName: (await vmSize(ctx, vmId)).name });
}

/** PATCH /compute/vms/{id} with cpu and/or memoryGb: what is left out keeps its value. */
export async function resizeVmPartially(ctx: TenantContext, input: { vmId: string; cpu?: number; memoryGb?: number; overrideReason?: string }): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  const now = await vmSize(ctx, input.vmId);
  return resizeVm(ctx, { vmId: input.vmId, cpu: input.cpu ?? now.cpu, memoryGb: input.memoryGb ?? now.memoryGb, overrideReason: input.overrideReason });
}
