import "server-only";
import type { NodeTypeCode, StorageTierCode } from "@/lib/domain/catalogue";
import type { PoolState } from "@/lib/domain/pool";
import type { DatastoreState, StorageReplicationKind } from "@/lib/domain/storage";
import { NotFoundError } from "@/lib/errors";
import { db, type Tx } from "./client";

// The domain's states (lib/domain: PoolState, DatastoreState) read from the inventory, for the
// decisions a service takes. A VM being provisioned counts: its reservation is real.

/** What names a pool or a datastore: its tenant with it, so another tenant's is not found. */
export type Owned = { tenantId: string; id: string };

const POOL_STATE_SELECT = {
  id: true,
  tenantId: true,
  name: true,
  azId: true,
  nodeTypeCode: true,
  activatedMemoryGb: true,
  haEnabled: true,
  hosts: { select: { id: true, name: true, status: true }, orderBy: { name: "asc" } },
  vms: { select: { id: true, name: true, memoryGb: true, hostId: true, powerState: true, datastoreId: true, iopsDemand: true } },
  affinityRules: { select: { id: true, name: true, kind: true, enabled: true, vms: { select: { vmId: true } } } },
} as const;

/**
 * Several pools as the placement rules see them, read together: one statement per relation
 * whatever the number of pools (a list page, a bulk preview, the review queue), never one round
 * per pool. Keyed by pool id; a pool of another tenant than the one named with it is left out.
 */
export async function loadPoolStates(owned: readonly Owned[], tx: Tx = db()): Promise<Map<string, PoolState & { tenantId: string; azId: string }>> {
  const out = new Map<string, PoolState & { tenantId: string; azId: string }>();
  if (owned.length === 0) return out;
  const pools = await tx.computePool.findMany({
    where: { id: { in: [...new Set(owned.map((o) => o.id))] }, tenantId: { in: [...new Set(owned.map((o) => o.tenantId))] } },
    select: POOL_STATE_SELECT,
  });
  for (const pool of pools) {
    if (!owned.some((o) => o.id === pool.id && o.tenantId === pool.tenantId)) continue;
    out.set(pool.id, {
      id: pool.id,
      tenantId: pool.tenantId,
      azId: pool.azId,
      name: pool.name,
      nodeType: pool.nodeTypeCode as NodeTypeCode,
      activatedMemoryGb: pool.activatedMemoryGb,
      haEnabled: pool.haEnabled,
      hosts: pool.hosts.map((h) => ({ id: h.id, name: h.name, maintenance: h.status !== "CONNECTED" })),
      vms: pool.vms.map((v) => ({ id: v.id, name: v.name, memoryGb: v.memoryGb, hostId: v.hostId, poweredOn: v.powerState === "POWERED_ON", datastoreId: v.datastoreId, iopsDemand: v.iopsDemand })),
      affinityRules: pool.affinityRules.map((r) => ({ id: r.id, name: r.name, kind: r.kind, enabled: r.enabled, vmIds: r.vms.map((v) => v.vmId) })),
    });
  }
  return out;
}

/** A pool as the placement rules see it: hosts, every VM with its host and power, enabled rules. */
export async function loadPoolState(tenantId: string, poolId: string, tx: Tx = db()): Promise<PoolState> {
  const pool = (await loadPoolStates([{ tenantId, id: poolId }], tx)).get(poolId);
  if (!pool) throw new NotFoundError("pool", poolId);
  const { tenantId: _t, azId: _a, ...state } = pool;
  return state;
}

/** Several datastores as the storage rules see them, read together (one statement per figure, not per datastore). */
export async function loadDatastoreStates(owned: readonly Owned[], tx: Tx = db()): Promise<Map<string, DatastoreState & { azId: string; tenantId: string }>> {
  const out = new Map<string, DatastoreState & { azId: string; tenantId: string }>();
  if (owned.length === 0) return out;
  const ids = [...new Set(owned.map((o) => o.id))];
  const tenantIds = [...new Set(owned.map((o) => o.tenantId))];
  const [stores, disks, vms, mirrors] = await Promise.all([
    tx.datastore.findMany({ where: { id: { in: ids }, tenantId: { in: tenantIds } }, select: { id: true, tenantId: true, name: true, azId: true, tierCode: true, sizeGib: true } }),
    tx.vmDisk.groupBy({ by: ["tenantId", "datastoreId"], where: { tenantId: { in: tenantIds }, datastoreId: { in: ids } }, _sum: { sizeGib: true, usedGib: true } }),
    tx.vm.findMany({ where: { tenantId: { in: tenantIds }, datastoreId: { in: ids } }, select: { id: true, tenantId: true, datastoreId: true, memoryGb: true, powerState: true, iopsDemand: true } }),
    tx.replication.findMany({ where: { tenantId: { in: tenantIds }, datastoreId: { in: ids }, kind: { in: ["GLOBAL_MIRROR", "METRO_MIRROR"] }, status: { not: "FAILED_OVER" } }, select: { tenantId: true, datastoreId: true, kind: true } }),
  ]);
  for (const ds of stores) {
    if (!owned.some((o) => o.id === ds.id && o.tenantId === ds.tenantId)) continue;
    const sums = disks.find((d) => d.datastoreId === ds.id && d.tenantId === ds.tenantId)?._sum;
    const mirror = mirrors.find((m) => m.datastoreId === ds.id && m.tenantId === ds.tenantId);
    out.set(ds.id, {
      id: ds.id,
      tenantId: ds.tenantId,
      name: ds.name,
      azId: ds.azId,
      tier: ds.tierCode as StorageTierCode,
      sizeGib: ds.sizeGib,
      usedGib: sums?.usedGib ?? 0,
      provisionedGib: sums?.sizeGib ?? 0,
      replication: (mirror?.kind as StorageReplicationKind | undefined) ?? null,
      vms: vms.filter((v) => v.datastoreId === ds.id && v.tenantId === ds.tenantId).map((v) => ({ id: v.id, memoryGb: v.memoryGb, poweredOn: v.powerState === "POWERED_ON", iopsDemand: v.iopsDemand })),
    });
  }
  return out;
}

/** A datastore as the storage rules see it: what its disks allocate and promise, its VMs' swap and IOPS. */
export async function loadDatastoreState(tenantId: string, datastoreId: string, tx: Tx = db()): Promise<DatastoreState & { azId: string }> {
  const ds = (await loadDatastoreStates([{ tenantId, id: datastoreId }], tx)).get(datastoreId);
  if (!ds) throw new NotFoundError("datastore", datastoreId);
  const { tenantId: _t, ...state } = ds;
  return state;
}
