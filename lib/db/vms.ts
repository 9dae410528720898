import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VmListQuery, VmSortColumn } from "@/lib/validation/vm-list";
import { db, type Tx } from "./client";

// The URL's sort names mapped to Prisma orderings; relations sort by their name.
const ORDER: Record<VmSortColumn, (dir: Prisma.SortOrder) => Prisma.VmOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  powerState: (dir) => ({ powerState: dir }),
  pool: (dir) => ({ pool: { name: dir } }),
  host: (dir) => ({ host: { name: dir } }),
  memoryGb: (dir) => ({ memoryGb: dir }),
  cpu: (dir) => ({ cpu: dir }),
  datastore: (dir) => ({ datastore: { name: dir } }),
  encryption: (dir) => ({ encryption: dir }),
  createdAt: (dir) => ({ createdAt: dir }),
};

/** Prisma passes `contains` to LIKE as is: escape its wildcards so "%" or "_" match themselves. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type VmRow = Awaited<ReturnType<typeof listVms>>["rows"][number];

/** One page of a tenant's VMs, filtered, sorted and counted in the database. */
export async function listVms(tenantId: string, q: VmListQuery, tx: Tx = db()) {
  const where: Prisma.VmWhereInput = {
    tenantId,
    ...(q.q ? { name: { contains: likeLiteral(q.q), mode: "insensitive" } } : {}),
    ...(q.state ? { powerState: q.state } : {}),
  };
  const [total, rows] = await Promise.all([
    tx.vm.count({ where }),
    tx.vm.findMany({
      where,
      // name breaks ties so that pages never overlap or skip a row
      orderBy: q.sort === "name" ? [ORDER.name(q.dir)] : [ORDER[q.sort](q.dir), { name: "asc" }],
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
