import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import { Prisma } from "@/lib/generated/prisma/client";
import { RPO_AT_RISK_RATIO, STORAGE_TIER_CODES, type NodeTypeCode, type StorageTierCode } from "@/lib/domain/catalogue";
import type { PoolMemorySummary } from "@/lib/domain/pool";
import { datastoreFigures } from "@/lib/domain/storage";
import { pageWindow } from "@/lib/list-query";
import type { ReplicationListQuery, ReplicationSort } from "@/lib/validation/data-protection";
import { listDatastores } from "./datastores";
import { db, type Tx } from "./client";
import { afterSql, countUnless } from "./keyset";

// Replications between AZs, and what the standby site of a tenant holds for them.

// ───────────────────────── The list ─────────────────────────

// A synchronous mirror that runs has no lag: every acknowledged write is on both sites (README,
// Decisions). Its last replicated point is "now"; paused or copying, it is what was recorded.
const METRO_ACTIVE = Prisma.sql`(r.kind = 'METRO_MIRROR' AND r.status = 'ACTIVE')`;

/**
 * The RPO status as SQL, so that the list filters and pages in the database. It must say what
 * lib/domain's rpoStatus says for the same row and instant (a test holds them together):
 * initial copy without any point yet, breach past the promise, at risk past 80 % of it, ok below.
 */
export function rpoCondition(status: "initial_copy" | "ok" | "at_risk" | "breach", now: Prisma.Sql): Prisma.Sql {
  const promise = Prisma.sql`make_interval(secs => r."promisedRpoMinutes" * 60.0)`;
  const atRisk = Prisma.sql`make_interval(secs => r."promisedRpoMinutes" * 60.0 * ${RPO_AT_RISK_RATIO})`;
  switch (status) {
    case "initial_copy":
      return Prisma.sql`(NOT ${METRO_ACTIVE} AND r."lastReplicatedAt" IS NULL)`;
    case "breach":
      return Prisma.sql`(NOT ${METRO_ACTIVE} AND r."lastReplicatedAt" < ${now} - ${promise})`;
    case "at_risk":
      return Prisma.sql`(NOT ${METRO_ACTIVE} AND r."lastReplicatedAt" >= ${now} - ${promise} AND r."lastReplicatedAt" < ${now} - ${atRisk})`;
    case "ok":
      return Prisma.sql`(${METRO_ACTIVE} OR r."lastReplicatedAt" >= ${now} - ${atRisk})`;
  }
}

const SORT: Record<ReplicationSort, Prisma.Sql> = {
  // A replication always has its VM or its datastore; '' keeps the key comparable if neither is left.
  subject: Prisma.sql`COALESCE(v.name, d.name, '')`,
  kind: Prisma.sql`r.kind::text`,
  lastReplicatedAt: Prisma.sql`r."lastReplicatedAt"`,
};

export const REPLICATION_SELECT = {
  id: true,
  kind: true,
  sourceAzId: true,
  targetAzId: true,
  promisedRpoMinutes: true,
  lastReplicatedAt: true,
  status: true,
  standbyTierCode: true,
  busyActivityId: true,
  createdAt: true,
  vm: { select: { id: true, name: true, memoryGb: true, writeRateMbps: true } },
  datastore: { select: { id: true, name: true, tierCode: true, sizeGib: true } },
} satisfies Prisma.ReplicationSelect;

/** One page of a tenant's replications, filtered by kind, RPO status and subject name, in the database. */
export async function listReplications<Q extends ReplicationListQuery & Partial<Paging>>(tenantId: string, q: Q, now: Date, tx: Tx = db()) {
  // Stored timestamps are UTC wall-clock times (timestamp without zone): compare with the same.
  const at = Prisma.sql`CAST(${now.toISOString().replace("Z", "")} AS timestamp(3))`;
  const where = Prisma.join(
    [
      Prisma.sql`r."tenantId" = ${tenantId}`,
      ...(q.kind ? [Prisma.sql`r.kind::text = ${q.kind}`] : []),
      ...(q.q ? [Prisma.sql`COALESCE(v.name, d.name) ILIKE ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`] : []),
      ...(q.rpo ? [rpoCondition(q.rpo, at)] : []),
    ],
    " AND ",
  );
  const from = Prisma.sql`FROM "Replication" r LEFT JOIN "Vm" v ON v.id = r."vmId" AND v."tenantId" = r."tenantId" LEFT JOIN "Datastore" d ON d.id = r."datastoreId" AND d."tenantId" = r."tenantId"`;
  const dir = Prisma.raw(q.dir === "desc" ? "DESC NULLS LAST" : "ASC NULLS FIRST");
  const w = pageWindow(q, 0);
  if (q.after && q.sort !== "subject") throw new Error(`keyset paging of replications sorted by ${q.sort} is not written`);
  // The keyset's row comparison needs one direction for the key and the id.
  const after = afterSql([SORT.subject], Prisma.sql`r.id`, q.dir, q.after);
  const idDir = Prisma.raw(q.after || q.sort === "subject" ? (q.dir === "desc" ? "DESC" : "ASC") : "ASC");
  const [count, page] = await Promise.all([
    countUnless(q, async () => Number((await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n ${from} WHERE ${where}`)[0]?.n ?? 0)),
    tx.$queryRaw<{ id: string }[]>`SELECT r.id ${from} WHERE ${where} ${after ? Prisma.sql`AND ${after}` : Prisma.empty} ORDER BY ${SORT[q.sort]} ${dir}, r.id ${idDir} LIMIT ${w.take} OFFSET ${w.skip}`,
  ]);
  const ids = page.map((p) => p.id);
  const rows = await tx.replication.findMany({ where: { tenantId, id: { in: ids } }, select: REPLICATION_SELECT });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { total: count, rows: ids.flatMap((id) => byId.get(id) ?? []) };
}

/** The instant a replication's standby last matched: a running Metro Mirror is always current. */
export function lastReplicatedPoint(r: { kind: string; status: string; lastReplicatedAt: Date | null }, now: Date): Date | null {
  return r.kind === "METRO_MIRROR" && r.status === "ACTIVE" ? now : r.lastReplicatedAt;
}

// ───────────────────────── The standby site ─────────────────────────

export type StandbyStorage = {
  tier: StorageTierCode;
  /** Free space of the tenant's datastores of this tier in the AZ, beyond swap files and the 10 % snapshot reserve. */
  freeGib: number;
  /** Already held by the standby copies of other replications in this AZ and tier. */
  standbyCopiesGib: number;
  /** free − standby copies: what a new standby copy may take. */
  availableGib: number;
  datastoreCount: number;
};

/**
 * What the tenant's datastores in `azId` can still take, per tier: the sum of what each may take
 * beyond its swap files and snapshot reserve (lib/domain's datastoreFigures), less the standby
 * copies already placed there (a mirror's copy is its datastore's size; a VM replica is its disks).
 */
export async function loadStandbyStorage(tenantId: string, azId: string, tx: Tx = db()): Promise<Record<StorageTierCode, StandbyStorage>> {
  const [stores, copies] = await Promise.all([
    listDatastores(tenantId, tx),
    tx.replication.findMany({
      where: { tenantId, targetAzId: azId, status: { not: "FAILED_OVER" } },
      select: { standbyTierCode: true, datastore: { select: { sizeGib: true } }, vm: { select: { disks: { select: { sizeGib: true } } } } },
    }),
  ]);
  const out = Object.fromEntries(STORAGE_TIER_CODES.map((tier) => [tier, { tier, freeGib: 0, standbyCopiesGib: 0, availableGib: 0, datastoreCount: 0 }])) as Record<StorageTierCode, StandbyStorage>;
  for (const ds of stores) {
    if (ds.azId !== azId || ds.status !== "ACTIVE") continue;
    const tier = ds.tierCode as StorageTierCode;
    out[tier].freeGib += datastoreFigures({ tier, sizeGib: ds.sizeGib, usedGib: ds.usedGib, provisionedGib: ds.provisionedGib, vms: ds.vms }).availableGib;
    out[tier].datastoreCount += 1;
  }
  for (const c of copies) {
    const tier = c.standbyTierCode as StorageTierCode | null;
    if (!tier || !(tier in out)) continue;
    out[tier].standbyCopiesGib += c.datastore?.sizeGib ?? c.vm?.disks.reduce((n, d) => n + d.sizeGib, 0) ?? 0;
  }
  for (const s of Object.values(out)) s.availableGib = Math.max(0, s.freeGib - s.standbyCopiesGib);
  return out;
}

export type StandbyPool = { id: string; name: string; memory: PoolMemorySummary; reservedForReplicasGb: number };

/** The tenant's pools in `azId` as the standby-reservation rule sees them, with the memory already reserved for replicas. */
export async function loadStandbyPools(tenantId: string, azId: string, tx: Tx = db()): Promise<StandbyPool[]> {
  const pools = await tx.computePool.findMany({
    where: { tenantId, azId, status: "ACTIVE" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, nodeTypeCode: true, activatedMemoryGb: true, haEnabled: true, _count: { select: { hosts: true } } },
  });
  const ids = pools.map((p) => p.id);
  if (ids.length === 0) return [];
  const [used, down, replicas] = await Promise.all([
    tx.vm.groupBy({ by: ["poolId"], where: { tenantId, poolId: { in: ids }, powerState: "POWERED_ON" }, _sum: { memoryGb: true } }),
    // Like loadPoolState: a host that is not connected carries nothing.
    tx.host.groupBy({ by: ["poolId"], where: { tenantId, poolId: { in: ids }, status: { not: "CONNECTED" } }, _count: { _all: true } }),
    tx.replication.findMany({ where: { tenantId, kind: "VM_REPLICATION", status: { not: "FAILED_OVER" }, standbyPoolId: { in: ids } }, select: { standbyPoolId: true, vm: { select: { memoryGb: true } } } }),
  ]);
  return pools.map((p) => ({
    id: p.id,
    name: p.name,
    memory: {
      nodeType: p.nodeTypeCode as NodeTypeCode,
      hosts: p._count.hosts,
      hostsInMaintenance: down.find((d) => d.poolId === p.id)?._count._all ?? 0,
      activatedMemoryGb: p.activatedMemoryGb,
      haEnabled: p.haEnabled,
      usedGb: used.find((u) => u.poolId === p.id)?._sum.memoryGb ?? 0,
    },
    reservedForReplicasGb: replicas.filter((r) => r.standbyPoolId === p.id).reduce((n, r) => n + (r.vm?.memoryGb ?? 0), 0),
  }));
}
