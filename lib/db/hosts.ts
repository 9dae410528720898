import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { HostListQuery } from "@/lib/validation/pools";
import { db, type Tx } from "./client";
import { likeLiteral } from "./like";
import { afterWhere, countUnless } from "./keyset";

// Hosts: the tenant's ESXi hosts, a page at a time.

const ORDER: Record<HostListQuery["sort"], (dir: Prisma.SortOrder) => Prisma.HostOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  pool: (dir) => ({ pool: { name: dir } }),
  status: (dir) => ({ status: dir }),
};

/** One page of the tenant's hosts, filtered, sorted and counted in the database, with the memory their running VMs hold. */
export async function listHosts<Q extends HostListQuery & Partial<Paging>>(tenantId: string, q: Q, tx: Tx = db()) {
  if (q.after && q.sort !== "name") throw new Error(`keyset paging of hosts sorted by ${q.sort} is not written`);
  const where: Prisma.HostWhereInput = {
    tenantId,
    ...(q.q ? { name: { contains: likeLiteral(q.q), mode: "insensitive" } } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.pool ? { poolId: q.pool } : {}),
  };
  const [total, rows] = await Promise.all([
    countUnless(q, () => tx.host.count({ where })),
    tx.host.findMany({
      where: q.after ? { AND: [where, afterWhere("name", q.dir, q.dir, q.after)] } : where,
      orderBy: q.sort === "name" ? [ORDER.name(q.dir), { id: q.dir }] : [ORDER[q.sort](q.dir), { name: "asc" }],
      skip: q.after ? 0 : (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true, name: true, status: true, pool: { select: { id: true, name: true } }, _count: { select: { vms: true } } },
    }),
  ]);
  const held = rows.length
    ? await tx.vm.groupBy({ by: ["hostId"], where: { tenantId, hostId: { in: rows.map((r) => r.id) }, powerState: "POWERED_ON" }, _sum: { memoryGb: true } })
    : [];
  const heldBy = new Map(held.map((h) => [h.hostId, h._sum.memoryGb ?? 0]));
  return { total, rows: rows.map((r) => ({ ...r, heldGb: heldBy.get(r.id) ?? 0 })) };
}
