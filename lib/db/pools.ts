import "server-only";
import { db, type Tx } from "./client";

/** A tenant's pools with their host count and the memory of their powered-on VMs (a suspended VM holds no host memory). */
export async function listPools(tenantId: string, tx: Tx = db()) {
  const [pools, used] = await Promise.all([
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
  ]);
  const usedByPool = new Map(used.map((u) => [u.poolId, u._sum.memoryGb ?? 0]));
  return pools.map((p) => ({ ...p, usedMemoryGb: usedByPool.get(p.id) ?? 0 }));
}

export async function countPoolsAndHosts(tenantId: string, tx: Tx = db()) {
  const [pools, hosts] = await Promise.all([tx.computePool.count({ where: { tenantId } }), tx.host.count({ where: { tenantId } })]);
  return { pools, hosts };
}
