import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VmListQuery } from "@/lib/validation/vm-list";
import { db, type Tx } from "./client";

export type VmRow = Awaited<ReturnType<typeof listVms>>["rows"][number];

/** One page of a tenant's VMs, filtered, sorted and counted in the database. */
export async function listVms(tenantId: string, q: VmListQuery, tx: Tx = db()) {
  const where: Prisma.VmWhereInput = {
    tenantId,
    ...(q.q ? { name: { contains: q.q, mode: "insensitive" } } : {}),
    ...(q.state ? { powerState: q.state } : {}),
  };
  const [total, rows] = await Promise.all([
    tx.vm.count({ where }),
    tx.vm.findMany({
      where,
      // name breaks ties so that pages never overlap or skip a row
      orderBy: q.sort === "name" ? [{ name: q.dir }] : [{ [q.sort]: q.dir }, { name: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: {
        id: true,
        name: true,
        powerState: true,
        memoryGb: true,
        cpu: true,
        encryption: true,
        createdAt: true,
        pool: { select: { name: true } },
        host: { select: { name: true } },
        datastore: { select: { name: true } },
      },
    }),
  ]);
  return { total, rows };
}

export async function countVmsByPowerState(tenantId: string, tx: Tx = db()) {
  const groups = await tx.vm.groupBy({ by: ["powerState"], where: { tenantId }, _count: { _all: true } });
  const out = { POWERED_ON: 0, POWERED_OFF: 0, SUSPENDED: 0 };
  for (const g of groups) out[g.powerState] = g._count._all;
  return out;
}
