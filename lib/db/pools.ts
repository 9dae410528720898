import "server-only";
import { NotFoundError } from "@/lib/errors";
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

// ── pools and hosts ──

/** What the pool page shows of the pool itself. */
export async function getPoolRow(tenantId: string, poolId: string, tx: Tx = db()) {
  const pool = await tx.computePool.findFirst({
    where: { id: poolId, tenantId },
    select: { id: true, name: true, azId: true, nodeTypeCode: true, activatedMemoryGb: true, haEnabled: true, status: true, createdAt: true, nodeType: { select: { label: true, ramGb: true } } },
  });
  if (!pool) throw new NotFoundError("pool", poolId);
  return pool;
}

/** One page of a pool's VMs, with the host each runs on. */
export async function listPoolVms(tenantId: string, poolId: string, page: { skip: number; take: number }, tx: Tx = db()) {
  const where = { tenantId, poolId };
  const [total, rows] = await Promise.all([
    tx.vm.count({ where }),
    tx.vm.findMany({
      where,
      orderBy: [{ name: "asc" }],
      skip: page.skip,
      take: page.take,
      select: { id: true, name: true, powerState: true, memoryGb: true, cpu: true, host: { select: { id: true, name: true } }, busyActivityId: true },
    }),
  ]);
  return { total, rows };
}

/** The pools whose figures a page of hosts needs: counts and the memory of running VMs, per pool. */
export async function poolSummaries(tenantId: string, poolIds: readonly string[], tx: Tx = db()) {
  const ids = [...new Set(poolIds)];
  const [pools, hosts, used] = await Promise.all([
    tx.computePool.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, name: true, nodeTypeCode: true, activatedMemoryGb: true, haEnabled: true } }),
    tx.host.groupBy({ by: ["poolId", "status"], where: { tenantId, poolId: { in: ids } }, _count: { _all: true } }),
    tx.vm.groupBy({ by: ["poolId"], where: { tenantId, poolId: { in: ids }, powerState: "POWERED_ON" }, _sum: { memoryGb: true } }),
  ]);
  return pools.map((p) => {
    const mine = hosts.filter((h) => h.poolId === p.id);
    return {
      ...p,
      hosts: mine.reduce((n, h) => n + h._count._all, 0),
      // as the placement rules see them: a host not connected carries nothing
      hostsInMaintenance: mine.filter((h) => h.status !== "CONNECTED").reduce((n, h) => n + h._count._all, 0),
      usedGb: used.find((u) => u.poolId === p.id)?._sum.memoryGb ?? 0,
    };
  });
}
