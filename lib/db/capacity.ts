import "server-only";
import type { NodeTypeCode, StorageTierCode } from "@/lib/domain/catalogue";
import type { PoolState } from "@/lib/domain/pool";
import type { DatastoreState, StorageReplicationKind } from "@/lib/domain/storage";
import { NotFoundError } from "@/lib/errors";
import { db, type Tx } from "./client";

// The domain's states (lib/domain: PoolState, DatastoreState) read from the inventory, for the
// decisions a service takes. A VM being provisioned counts: its reservation is real.

/** A pool as the placement rules see it: hosts, every VM with its host and power, enabled rules. */
export async function loadPoolState(tenantId: string, poolId: string, tx: Tx = db()): Promise<PoolState> {
  const pool = await tx.computePool.findFirst({
    where: { id: poolId, tenantId },
    select: {
      id: true,
      name: true,
      nodeTypeCode: true,
      activatedMemoryGb: true,
      haEnabled: true,
      hosts: { select: { id: true, name: true, status: true }, orderBy: { name: "asc" } },
      vms: { select: { id: true, name: true, memoryGb: true, hostId: true, powerState: true, datastoreId: true, iopsDemand: true } },
      affinityRules: { select: { id: true, name: true, kind: true, enabled: true, vms: { select: { vmId: true } } } },
    },
  });
  if (!pool) throw new NotFoundError("pool", poolId);
  return {
    id: pool.id,
    name: pool.name,
    nodeType: pool.nodeTypeCode as NodeTypeCode,
    activatedMemoryGb: pool.activatedMemoryGb,
    haEnabled: pool.haEnabled,
    hosts: pool.hosts.map((h) => ({ id: h.id, name: h.name, maintenance: h.status !== "CONNECTED" })),
    vms: pool.vms.map((v) => ({ id: v.id, name: v.name, memoryGb: v.memoryGb, hostId: v.hostId, poweredOn: v.powerState === "POWERED_ON", datastoreId: v.datastoreId, iopsDemand: v.iopsDemand })),
    affinityRules: pool.affinityRules.map((r) => ({ id: r.id, name: r.name, kind: r.kind, enabled: r.enabled, vmIds: r.vms.map((v) => v.vmId) })),
  };
}

/** A datastore as the storage rules see it: what its disks allocate and promise, its VMs' swap and IOPS. */
export async function loadDatastoreState(tenantId: string, datastoreId: string, tx: Tx = db()): Promise<DatastoreState & { azId: string }> {
  const [ds, disks, vms, mirror] = await Promise.all([
    tx.datastore.findFirst({ where: { id: datastoreId, tenantId }, select: { id: true, name: true, azId: true, tierCode: true, sizeGib: true } }),
    tx.vmDisk.aggregate({ where: { tenantId, datastoreId }, _sum: { sizeGib: true, usedGib: true } }),
    tx.vm.findMany({ where: { tenantId, datastoreId }, select: { id: true, memoryGb: true, powerState: true, iopsDemand: true } }),
    tx.replication.findFirst({ where: { tenantId, datastoreId, kind: { in: ["GLOBAL_MIRROR", "METRO_MIRROR"] }, status: { not: "FAILED_OVER" } }, select: { kind: true } }),
  ]);
  if (!ds) throw new NotFoundError("datastore", datastoreId);
  return {
    id: ds.id,
    name: ds.name,
    azId: ds.azId,
    tier: ds.tierCode as StorageTierCode,
    sizeGib: ds.sizeGib,
    usedGib: disks._sum.usedGib ?? 0,
    provisionedGib: disks._sum.sizeGib ?? 0,
    replication: (mirror?.kind as StorageReplicationKind | undefined) ?? null,
    vms: vms.map((v) => ({ id: v.id, memoryGb: v.memoryGb, poweredOn: v.powerState === "POWERED_ON", iopsDemand: v.iopsDemand })),
  };
}
