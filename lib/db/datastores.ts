import "server-only";
import { db, type Tx } from "./client";

/** A tenant's datastores with what their disks provision and use, and their VMs' swap and IOPS. */
export async function listDatastores(tenantId: string, tx: Tx = db()) {
  const [stores, disks, vms] = await Promise.all([
    tx.datastore.findMany({
      where: { tenantId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, azId: true, tierCode: true, sizeGib: true, status: true, tier: { select: { label: true } } },
    }),
    tx.vmDisk.groupBy({ by: ["datastoreId"], where: { tenantId }, _sum: { sizeGib: true, usedGib: true } }),
    tx.vm.groupBy({ by: ["datastoreId", "powerState"], where: { tenantId }, _sum: { memoryGb: true, iopsDemand: true } }),
  ]);
  const diskBy = new Map(disks.map((d) => [d.datastoreId, d._sum]));
  return stores.map((s) => {
    const mine = vms.filter((v) => v.datastoreId === s.id);
    return {
      ...s,
      provisionedGib: diskBy.get(s.id)?.sizeGib ?? 0,
      usedGib: diskBy.get(s.id)?.usedGib ?? 0,
      // aggregated VMs: one entry per power state is all the figures need
      vms: mine.map((v) => ({ memoryGb: v._sum.memoryGb ?? 0, poweredOn: v.powerState === "POWERED_ON", iopsDemand: v.powerState !== "POWERED_ON" ? 0 : (v._sum.iopsDemand ?? 0) })),
    };
  });
}

export async function countDatastores(tenantId: string, tx: Tx = db()) {
  return tx.datastore.count({ where: { tenantId } });
}
