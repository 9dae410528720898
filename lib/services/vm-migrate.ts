import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { loadDatastoreState, loadPoolState } from "@/lib/db/capacity";
import type { LockedVm } from "@/lib/db/vms";
import { checkMigration, migrationMove } from "@/lib/domain/migration";
import { decide, type Decision, type LocalizedText } from "@/lib/domain/result";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { BulkMigrateInput, MigrateVmInput } from "@/lib/validation/vms";
import type { Accepted } from "./change";
import { assertPermission, type TenantContext } from "./context";
import { lockRows } from "./tx";
import { changeVm, type BulkItem } from "./vms";

// Live migration (vMotion, and Storage vMotion when the datastore changes): a VM goes to another
// host of its pool, another pool of the tenant, another datastore, or several at once. Where it
// lands is decided by the rules a creation meets (lib/domain/migration.ts); the move is reserved
// when decided (the VM's pool, host, datastore and disks point at the target, so two decisions
// never promise one host twice) and a failed step puts them all back.

export type MigrationPlace = { pool: string; host: string | null; datastore: string };

/** The pool, host and datastore a VM is on, by name: what the audit row's before and after say. */
async function placeOf(tx: Tx, tenantId: string, at: { poolId: string; hostId: string | null; datastoreId: string }): Promise<MigrationPlace> {
  const [pool, host, datastore] = await Promise.all([
    tx.computePool.findFirstOrThrow({ where: { id: at.poolId, tenantId }, select: { name: true } }),
    at.hostId ? tx.host.findFirst({ where: { id: at.hostId, tenantId }, select: { name: true } }) : null,
    tx.datastore.findFirstOrThrow({ where: { id: at.datastoreId, tenantId }, select: { name: true } }),
  ]);
  return { pool: pool.name, host: host?.name ?? null, datastore: datastore.name };
}

const same = (vm: string, place: MigrationPlace): LocalizedText => ({
  en: `Nothing would change: ${vm} is already on host ${place.host ?? "none"} of pool ${place.pool}, datastore ${place.datastore}. Pick another host, pool or datastore.`,
  fr: `Rien ne changerait : ${vm} est déjà sur l’hôte ${place.host ?? "aucun"} du pool ${place.pool}, datastore ${place.datastore}. Choisissez un autre hôte, pool ou datastore.`,
});

/** The targets, each the tenant's (another tenant's is not found) and usable for this VM. */
async function targetsOf(tx: Tx, tenantId: string, vm: LockedVm, input: MigrateVmInput) {
  const poolId = input.poolId ?? vm.poolId;
  const datastoreId = input.datastoreId ?? vm.datastoreId;
  const [pool, host, datastore] = await Promise.all([
    tx.computePool.findFirst({ where: { id: poolId, tenantId }, select: { id: true, name: true, azId: true, status: true } }),
    input.hostId ? tx.host.findFirst({ where: { id: input.hostId, tenantId }, select: { id: true, name: true, poolId: true, pool: { select: { name: true } } } }) : null,
    tx.datastore.findFirst({ where: { id: datastoreId, tenantId }, select: { id: true, name: true, azId: true, status: true } }),
  ]);
  if (!pool) throw new NotFoundError("pool", poolId);
  if (input.hostId && !host) throw new NotFoundError("host", input.hostId);
  if (!datastore) throw new NotFoundError("datastore", datastoreId);
  const fields: Record<string, LocalizedText> = {};
  if (pool.status !== "ACTIVE") fields.poolId = { en: `Pool ${pool.name} is not in service yet. Pick a delivered pool.`, fr: `Le pool ${pool.name} n’est pas encore en service. Choisissez un pool livré.` };
  if (host && host.poolId !== pool.id) {
    fields.hostId = {
      en: `Host ${host.name} is in pool ${host.pool.name}, not in pool ${pool.name}. Pick a host of ${pool.name}, or pool ${host.pool.name} with it.`,
      fr: `L’hôte ${host.name} est dans le pool ${host.pool.name}, pas dans le pool ${pool.name}. Choisissez un hôte de ${pool.name}, ou le pool ${host.pool.name} avec lui.`,
    };
  }
  if (datastore.status !== "ACTIVE") fields.datastoreId = { en: `Datastore ${datastore.name} is not in service yet. Pick a delivered datastore.`, fr: `Le datastore ${datastore.name} n’est pas encore en service. Choisissez un datastore livré.` };
  else if (datastore.azId !== pool.azId) {
    // The same rule as a creation: a VM's pool and datastore are in one zone.
    fields.datastoreId = {
      en: `${datastore.name} is in ${datastore.azId}; pool ${pool.name} is in ${pool.azId}. Pick a datastore of ${pool.azId}.`,
      fr: `${datastore.name} est en ${datastore.azId} ; le pool ${pool.name} est en ${pool.azId}. Choisissez un datastore de ${pool.azId}.`,
    };
  }
  if (Object.keys(fields).length > 0) throw new InvalidInputError(fields);
  return { pool, host, datastore };
}

export async function migrateVm(ctx: TenantContext, input: MigrateVmInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  const tenantId = ctx.tenant.id;
  return changeVm(ctx, input.vmId, { action: "vm.migrate", activity: "vm.migrate" }, async (tx, vm) => {
    if (vm.status !== "ACTIVE") {
      throw new ConflictError({ en: `${vm.name} is not in service (${vm.status.toLowerCase()}): it cannot be migrated.`, fr: `${vm.name} n’est pas en service (${vm.status.toLowerCase()}) : elle ne peut pas être migrée.` });
    }
    const target = await targetsOf(tx, tenantId, vm, input);
    const move = migrationMove(vm, { poolId: target.pool.id, hostId: target.host?.id, datastoreId: target.datastore.id });
    const before = await placeOf(tx, tenantId, vm);
    if (!move.hostChanges && !move.datastoreChanges) throw new InvalidInputError({ _: same(vm.name, before) });

    // The house order: the VM (locked), then its pools, then its datastores.
    await lockRows(tx, "ComputePool", tenantId, [vm.poolId, target.pool.id]);
    await lockRows(tx, "Datastore", tenantId, [vm.datastoreId, target.datastore.id]);
    const [pool, datastore, disks, rules, replicated] = await Promise.all([
      loadPoolState(tenantId, target.pool.id, tx),
      move.datastoreChanges ? loadDatastoreState(tenantId, target.datastore.id, tx) : undefined,
      tx.vmDisk.findMany({ where: { tenantId, vmId: vm.id }, select: { id: true, label: true, sizeGib: true, usedGib: true, provisioning: true, datastoreId: true } }),
      move.poolChanges
        ? tx.affinityRule.findMany({ where: { tenantId, poolId: vm.poolId, vms: { some: { vmId: vm.id } } }, select: { id: true, name: true, kind: true, enabled: true, pool: { select: { name: true } }, vms: { select: { vmId: true } } } })
        : [],
      tx.replication.findFirst({ where: { tenantId, vmId: vm.id, status: { not: "FAILED_OVER" } }, select: { id: true, sourceAzId: true } }),
    ]);
    // A VM replication copies from the VM's zone: it would lose its source in another one.
    if (replicated && replicated.sourceAzId !== target.pool.azId) {
      throw new ConflictError({
        en: `${vm.name} is replicated from ${replicated.sourceAzId}; pool ${target.pool.name} is in ${target.pool.azId}. Stop its replication first, or pick a pool of ${replicated.sourceAzId}.`,
        fr: `${vm.name} est répliquée depuis ${replicated.sourceAzId} ; le pool ${target.pool.name} est en ${target.pool.azId}. Arrêtez d’abord sa réplication, ou choisissez un pool de ${replicated.sourceAzId}.`,
      });
    }
    const d = checkMigration({
      vm: { id: vm.id, name: vm.name, memoryGb: vm.memoryGb, poweredOn: vm.powerState === "POWERED_ON", iopsDemand: vm.iopsDemand, encryption: vm.encryption, poolId: vm.poolId, hostId: vm.hostId, datastoreId: vm.datastoreId, disks },
      pool,
      hostId: target.host?.id,
      datastore,
      leavingRules: rules.map((r) => ({ id: r.id, name: r.name, kind: r.kind, enabled: r.enabled, poolName: r.pool.name, vmIds: r.vms.map((v) => v.vmId) })),
      override: input.overrideReason ? { reason: input.overrideReason } : undefined,
    });
    if (!d.ok) return d;

    const at = { poolId: target.pool.id, hostId: d.value.hostId, datastoreId: target.datastore.id };
    await tx.vm.update({ where: { id: vm.id }, data: at });
    const moved = move.datastoreChanges ? disks.filter((x) => x.datastoreId !== target.datastore.id) : [];
    if (moved.length > 0) await tx.vmDisk.updateMany({ where: { tenantId, vmId: vm.id, id: { in: moved.map((x) => x.id) } }, data: { datastoreId: target.datastore.id } });
    const after = await placeOf(tx, tenantId, at);
    return decide(d.warnings, {
      before: { ...before, running: vm.powerState === "POWERED_ON" },
      after: { ...after, ...(moved.length > 0 ? { disksCopied: moved.length, gibCopied: moved.reduce((s, x) => s + (x.provisioning === "THICK" ? x.sizeGib : x.usedGib), 0) } : {}) },
      also: [
        ...(move.poolChanges ? [{ type: "pool", id: target.pool.id, name: target.pool.name }] : []),
        ...(d.value.hostId && d.value.hostId !== vm.hostId ? [{ type: "host", id: d.value.hostId, name: after.host ?? d.value.hostId }] : []),
        ...(move.datastoreChanges ? [{ type: "datastore", id: target.datastore.id, name: target.datastore.name }] : []),
      ],
      payload: {
        // What a failed step puts back: the VM where it was, each copied disk on its datastore.
        before: { poolId: vm.poolId, hostId: vm.hostId, datastoreId: vm.datastoreId },
        disksBefore: moved.map((x) => ({ id: x.id, datastoreId: x.datastoreId })),
        storage: move.datastoreChanges,
        running: vm.powerState === "POWERED_ON",
      },
    });
  });
}

/**
 * Several VMs to one pool and/or datastore, in the order given: each its own decision (seeing the
 * room the ones before it took), audit row and activity; the rules pick each one's host. A target
 * of another tenant makes the whole request not found; a selected VM of another tenant is skipped
 * (as bulk power does); one already there, or busy, is listed with the sentence that refused it.
 */
export async function bulkMigrate(ctx: TenantContext, input: BulkMigrateInput): Promise<Decision<BulkItem[]>> {
  assertPermission(ctx, "compute:write");
  const tenantId = ctx.tenant.id;
  const [pool, datastore, vms] = await Promise.all([
    input.poolId ? db().computePool.findFirst({ where: { id: input.poolId, tenantId }, select: { id: true } }) : null,
    input.datastoreId ? db().datastore.findFirst({ where: { id: input.datastoreId, tenantId }, select: { id: true } }) : null,
    db().vm.findMany({ where: { tenantId, id: { in: input.vmIds } }, select: { id: true, name: true } }),
  ]);
  if (input.poolId && !pool) throw new NotFoundError("pool", input.poolId);
  if (input.datastoreId && !datastore) throw new NotFoundError("datastore", input.datastoreId);
  const names = new Map(vms.map((v) => [v.id, v.name]));
  const out: BulkItem[] = [];
  for (const vmId of input.vmIds) {
    const name = names.get(vmId);
    if (name === undefined) continue;
    try {
      const d = await migrateVm(ctx, { vmId, poolId: input.poolId, datastoreId: input.datastoreId, overrideReason: input.overrideReason });
      out.push(d.ok ? { vmId, name, ok: true, activityId: d.value.activityId, violations: d.warnings } : { vmId, name, ok: false, violations: d.violations });
    } catch (e) {
      if (e instanceof NotFoundError) continue;
      if (e instanceof ConflictError) out.push({ vmId, name, ok: false, violations: [], conflict: e.text });
      else if (e instanceof InvalidInputError) out.push({ vmId, name, ok: false, violations: [], conflict: Object.values(e.fields)[0] });
      else throw e;
    }
  }
  return decide([], out);
}

/** Where the tenant's VMs may go, for the Migrate dialog: its delivered pools with their hosts, its delivered datastores. */
export async function vmMigrateOptions(ctx: TenantContext) {
  assertPermission(ctx, "compute:read");
  const tenantId = ctx.tenant.id;
  const [pools, datastores] = await Promise.all([
    db().computePool.findMany({
      where: { tenantId, status: "ACTIVE" },
      orderBy: { name: "asc" },
      select: { id: true, name: true, azId: true, hosts: { where: { tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true, status: true } } },
    }),
    db().datastore.findMany({ where: { tenantId, status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true, azId: true, tierCode: true } }),
  ]);
  return { pools, datastores };
}
export type VmMigrateOptions = Awaited<ReturnType<typeof vmMigrateOptions>>;
