import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VmListQuery, VmSortColumn } from "@/lib/validation/vm-list";
import { NotFoundError } from "@/lib/errors";
import { db, type Tx } from "./client";
import { likeLiteral } from "./like";
import { afterWhere, countUnless } from "./keyset";

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

export type VmRow = Awaited<ReturnType<typeof listVms>>["rows"][number];

/**
 * One page of a tenant's VMs, filtered, sorted and counted in the database. `q.after` (the API's
 * cursor) pages on the name, the only sort the API offers; the console pages by number.
 */
export async function listVms<Q extends VmListQuery & Partial<Paging>>(tenantId: string, q: Q, tx: Tx = db()) {
  if (q.after && q.sort !== "name") throw new Error(`keyset paging of VMs sorted by ${q.sort} is not written`);
  const where: Prisma.VmWhereInput = {
    tenantId,
    ...(q.q ? { name: { contains: likeLiteral(q.q), mode: "insensitive" } } : {}),
    ...(q.state ? { powerState: q.state } : {}),
    ...(q.tag ? { tags: { has: q.tag } } : {}),
  };
  const [total, rows] = await Promise.all([
    countUnless(q, () => tx.vm.count({ where })),
    tx.vm.findMany({
      where: q.after ? { AND: [where, afterWhere("name", q.dir, q.dir, q.after)] } : where,
      // name breaks ties so that pages never overlap or skip a row (unique in a tenant; the id
      // after it is the keyset's tie-breaker)
      orderBy: q.sort === "name" ? [ORDER.name(q.dir), { id: q.dir }] : [ORDER[q.sort](q.dir), { name: "asc" }],
      skip: q.after ? 0 : (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: {
        id: true,
        name: true,
        powerState: true,
        memoryGb: true,
        cpu: true,
        encryption: true,
        createdAt: true,
        tags: true,
        busyActivityId: true,
        pool: { select: { id: true, name: true } },
        host: { select: { name: true } },
        datastore: { select: { id: true, name: true } },
        _count: { select: { snapshots: true, backups: true } },
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

/** The VM's row, locked for the rest of the transaction; another tenant's VM is not found. */
export async function lockVmOrThrow(tx: Tx, tenantId: string, vmId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Vm" WHERE id = ${vmId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("vm", vmId);
  return getVmForChange(tenantId, vmId, tx);
}

const VM_FOR_CHANGE = {
  id: true,
  name: true,
  poolId: true,
  hostId: true,
  datastoreId: true,
  cpu: true,
  memoryGb: true,
  powerState: true,
  status: true,
  encryption: true,
  iopsDemand: true,
  tags: true,
  busyActivityId: true,
  pool: { select: { nodeTypeCode: true } },
} satisfies Prisma.VmSelect;

/**
 * The VMs' backup policies and snapshots, counted for these VMs only. Prisma's relation `_count`
 * joins a subquery that groups the whole table (every tenant's snapshots) before it joins.
 */
async function withCounts<V extends { id: string }>(tenantId: string, vms: V[], tx: Tx) {
  if (vms.length === 0) return [];
  const vmId = { in: vms.map((v) => v.id) };
  const [backups, snapshots] = await Promise.all([
    tx.backupPolicyAssignment.groupBy({ by: ["vmId"], where: { tenantId, vmId }, _count: { _all: true } }),
    tx.snapshot.groupBy({ by: ["vmId"], where: { tenantId, vmId }, _count: { _all: true } }),
  ]);
  const count = (rows: { vmId: string; _count: { _all: number } }[]) => new Map(rows.map((r) => [r.vmId, r._count._all]));
  const [b, s] = [count(backups), count(snapshots)];
  return vms.map((v) => ({ ...v, _count: { backups: b.get(v.id) ?? 0, snapshots: s.get(v.id) ?? 0 } }));
}

/** What a change to a VM decides on (lockVmOrThrow when it is about to change it). */
export async function getVmForChange(tenantId: string, vmId: string, tx: Tx = db()) {
  const vm = await tx.vm.findFirst({ where: { id: vmId, tenantId }, select: VM_FOR_CHANGE });
  if (!vm) throw new NotFoundError("vm", vmId);
  return (await withCounts(tenantId, [vm], tx))[0]!;
}

/** The same for several VMs at once (a bulk preview), keyed by id; another tenant's are not there. */
export async function getVmsForChange(tenantId: string, vmIds: readonly string[], tx: Tx = db()) {
  const vms = vmIds.length ? await tx.vm.findMany({ where: { tenantId, id: { in: [...new Set(vmIds)] } }, select: VM_FOR_CHANGE }) : [];
  return new Map((await withCounts(tenantId, vms, tx)).map((v) => [v.id, v]));
}
export type LockedVm = Awaited<ReturnType<typeof lockVmOrThrow>>;

/** Replications covering a VM: its own VM replication and the mirrors of its datastore. */
export async function replicationKindsOf(tenantId: string, vm: { id: string; datastoreId: string }, tx: Tx = db()) {
  const rows = await tx.replication.findMany({
    where: { tenantId, status: { not: "FAILED_OVER" }, OR: [{ vmId: vm.id }, { datastoreId: vm.datastoreId }] },
    select: { kind: true },
  });
  return rows.map((r) => r.kind);
}

export async function getVmDetail(tenantId: string, vmId: string, tx: Tx = db()) {
  const vm = await tx.vm.findFirst({
    where: { id: vmId, tenantId },
    select: {
      id: true,
      name: true,
      guestOs: true,
      templateCode: true,
      cpu: true,
      memoryGb: true,
      powerState: true,
      status: true,
      encryption: true,
      encryptedAt: true,
      tags: true,
      iopsDemand: true,
      writeRateMbps: true,
      busyActivityId: true,
      createdAt: true,
      pool: { select: { id: true, name: true, azId: true, nodeTypeCode: true, nodeType: { select: { label: true, threads: true } } } },
      host: { select: { id: true, name: true } },
      datastore: { select: { id: true, name: true, azId: true, tierCode: true } },
      disks: {
        select: { id: true, label: true, sizeGib: true, usedGib: true, provisioning: true, mode: true, controllerType: true, controllerBus: true, createdAt: true, datastore: { select: { name: true } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      snapshots: { select: { id: true, name: true, sizeGib: true, createdAt: true }, orderBy: { createdAt: "desc" } },
      nics: {
        select: { id: true, label: true, type: true, mac: true, ipAddress: true, connected: true, vlan: { select: { id: true, tag: true, name: true, subnet: true } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      backups: { select: { policy: { select: { id: true, name: true, retentionDays: true, retentionWeeks: true, retentionMonths: true } } } },
      replications: { select: { id: true, kind: true, sourceAzId: true, targetAzId: true, promisedRpoMinutes: true, lastReplicatedAt: true, status: true } },
    },
  });
  if (!vm) throw new NotFoundError("vm", vmId);
  return vm;
}
