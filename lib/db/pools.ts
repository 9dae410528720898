import "server-only";
import { db, type Tx } from "./client";

export type PoolRow = Awaited<ReturnType<typeof listPools>>[number];

/**
 * A tenant's pools with their host counts and the memory of their powered-on VMs (a
 * powered-off or suspended VM holds no host memory). Sums come from the database.
 */
export async function listPools(tenantId: string, tx: Tx = db()) {
  const [pools, used, maintenance] = await Promise.all([
    tx.computePool.findMany({
      where: { tenantId },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        azId: true,
        nodeTypeCode: true,
        activatedMemoryGb: true,
        haEnabled: true,
        status: true,
        nodeType: { select: { label: true } },
        _count: { select: { hosts: true, vms: true } },
      },
    }),
    tx.vm.groupBy({ by: ["poolId"], where: { tenantId, powerState: "POWERED_ON" }, _sum: { memoryGb: true } }),
    tx.host.groupBy({ by: ["poolId"], where: { tenantId, status: "MAINTENANCE" }, _count: { _all: true } }),
  ]);
  const usedByPool = new Map(used.map((u) => [u.poolId, u._sum.memoryGb ?? 0]));
  const maintenanceByPool = new Map(maintenance.map((m) => [m.poolId, m._count._all]));
  return pools.map((p) => ({ ...p, usedMemoryGb: usedByPool.get(p.id) ?? 0, hostsInMaintenance: maintenanceByPool.get(p.id) ?? 0 }));
}

export async function countPoolsAndHosts(tenantId: string, tx: Tx = db()) {
  const [pools, hosts] = await Promise.all([tx.computePool.count({ where: { tenantId } }), tx.host.count({ where: { tenantId } })]);
  return { pools, hosts };
}
