import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { rpoCondition } from "./replications";
import { db, type Tx } from "./client";

// The fleet overview's and the cost page's reads, across a set of tenants. Every
// query sums or counts in the database, grouped per pool, datastore or tenant: no table is loaded
// whole to be counted in JavaScript. Every query names the tenants in its where clause.

const ids = (tenantIds: readonly string[]) => Prisma.sql`ARRAY[${Prisma.join(tenantIds.length ? tenantIds : [""])}]::text[]`;
/** Stored timestamps are UTC wall-clock times (timestamp without zone): compare with the same. */
const ts = (d: Date) => Prisma.sql`CAST(${d.toISOString().replace("Z", "")} AS timestamp(3))`;

export type TenantRow = { id: string; slug: string; name: string; organizationId: string };

/** Every tenant of an organization (what its owners and operators read). */
export async function listOrganizationTenants(organizationId: string, tx: Tx = db()): Promise<TenantRow[]> {
  return tx.tenant.findMany({ where: { organizationId }, orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, organizationId: true } });
}

/** The tenants of an organization where a user holds `permission`. */
export async function listTenantsWithPermission(userId: string, organizationId: string, permission: string, tx: Tx = db()): Promise<TenantRow[]> {
  const rows = await tx.membership.findMany({
    where: { userId, permissions: { has: permission }, tenant: { organizationId } },
    orderBy: { tenant: { name: "asc" } },
    select: { tenant: { select: { id: true, slug: true, name: true, organizationId: true } } },
  });
  return rows.map((r) => r.tenant);
}

/** Per pool: host counts and the memory of its running VMs, summed in the database (as the pools page counts them). */
export async function fleetPoolRows(tenantIds: readonly string[], tx: Tx = db()) {
  const rows = await tx.$queryRaw<{ id: string; tenantId: string; name: string; nodeTypeCode: string; activatedMemoryGb: number; haEnabled: boolean; hosts: bigint; maintenance: bigint; usedGb: bigint }[]>`
    SELECT p.id, p."tenantId", p.name, p."nodeTypeCode", p."activatedMemoryGb", p."haEnabled",
           COALESCE(h.hosts, 0) AS hosts, COALESCE(h.maintenance, 0) AS maintenance, COALESCE(v.used, 0) AS "usedGb"
      FROM "ComputePool" p
      LEFT JOIN (SELECT "poolId", count(*) AS hosts, count(*) FILTER (WHERE status = 'MAINTENANCE') AS maintenance
                   FROM "Host" WHERE "tenantId" = ANY(${ids(tenantIds)}) GROUP BY "poolId") h ON h."poolId" = p.id
      LEFT JOIN (SELECT "poolId", SUM("memoryGb") AS used
                   FROM "Vm" WHERE "tenantId" = ANY(${ids(tenantIds)}) AND "powerState" = 'POWERED_ON' GROUP BY "poolId") v ON v."poolId" = p.id
     WHERE p."tenantId" = ANY(${ids(tenantIds)})`;
  return rows.map((r) => ({ ...r, hosts: Number(r.hosts), maintenance: Number(r.maintenance), usedGb: Number(r.usedGb) }));
}

/**
 * Per datastore: what its disks use and provision, its VMs' memory (running and stopped) and the
 * IOPS they declare, and the latest telemetry sample of "iops_demand" since `since` (null without one).
 */
export async function fleetDatastoreRows(tenantIds: readonly string[], since: Date, tx: Tx = db()) {
  const rows = await tx.$queryRaw<
    { id: string; tenantId: string; name: string; tierCode: string; sizeGib: number; usedGib: bigint; provisionedGib: bigint; onGb: bigint; offGb: bigint; onIops: bigint; sampledIops: number | null }[]
  >`
    SELECT d.id, d."tenantId", d.name, d."tierCode", d."sizeGib",
           COALESCE(k.used, 0) AS "usedGib", COALESCE(k.provisioned, 0) AS "provisionedGib",
           COALESCE(v."onGb", 0) AS "onGb", COALESCE(v."offGb", 0) AS "offGb", COALESCE(v."onIops", 0) AS "onIops",
           m.value AS "sampledIops"
      FROM "Datastore" d
      LEFT JOIN (SELECT "datastoreId", SUM("usedGib") AS used, SUM("sizeGib") AS provisioned
                   FROM "VmDisk" WHERE "tenantId" = ANY(${ids(tenantIds)}) GROUP BY "datastoreId") k ON k."datastoreId" = d.id
      LEFT JOIN (SELECT "datastoreId",
                        SUM("memoryGb") FILTER (WHERE "powerState" = 'POWERED_ON') AS "onGb",
                        SUM("memoryGb") FILTER (WHERE "powerState" <> 'POWERED_ON') AS "offGb",
                        SUM("iopsDemand") FILTER (WHERE "powerState" = 'POWERED_ON') AS "onIops"
                   FROM "Vm" WHERE "tenantId" = ANY(${ids(tenantIds)}) GROUP BY "datastoreId") v ON v."datastoreId" = d.id
      LEFT JOIN (SELECT DISTINCT ON ("resourceId") "resourceId", value
                   FROM "MetricSample"
                  WHERE "tenantId" = ANY(${ids(tenantIds)}) AND "resourceType" = 'DATASTORE' AND metric = 'iops_demand' AND at >= ${ts(since)}
                  ORDER BY "resourceId", at DESC) m ON m."resourceId" = d.id
     WHERE d."tenantId" = ANY(${ids(tenantIds)})`;
  return rows.map((r) => ({
    ...r,
    usedGib: Number(r.usedGib),
    provisionedGib: Number(r.provisionedGib),
    onGb: Number(r.onGb),
    offGb: Number(r.offGb),
    onIops: Number(r.onIops),
  }));
}

/** Per tenant: replications at risk and in breach of their RPO (the same SQL as the replications list's filter). */
export async function fleetRpoCounts(tenantIds: readonly string[], now: Date, tx: Tx = db()) {
  const at = ts(now);
  const rows = await tx.$queryRaw<{ tenantId: string; atRisk: bigint; breach: bigint }[]>`
    SELECT r."tenantId", count(*) FILTER (WHERE ${rpoCondition("at_risk", at)}) AS "atRisk", count(*) FILTER (WHERE ${rpoCondition("breach", at)}) AS breach
      FROM "Replication" r WHERE r."tenantId" = ANY(${ids(tenantIds)}) GROUP BY r."tenantId"`;
  return new Map(rows.map((r) => [r.tenantId, { atRisk: Number(r.atRisk), breach: Number(r.breach) }]));
}

/** Per tenant: VMs without any backup policy. */
export async function fleetUncoveredVmCounts(tenantIds: readonly string[], tx: Tx = db()) {
  const rows = await tx.$queryRaw<{ tenantId: string; n: bigint }[]>`
    SELECT v."tenantId", count(*) AS n FROM "Vm" v
     WHERE v."tenantId" = ANY(${ids(tenantIds)})
       AND NOT EXISTS (SELECT 1 FROM "BackupPolicyAssignment" a WHERE a."tenantId" = v."tenantId" AND a."vmId" = v.id)
     GROUP BY v."tenantId"`;
  return new Map(rows.map((r) => [r.tenantId, Number(r.n)]));
}

/** Whether any datastore telemetry arrived since `since` for these tenants (else the IOPS count says "no telemetry yet"). */
export async function hasDatastoreTelemetry(tenantIds: readonly string[], since: Date, tx: Tx = db()) {
  const rows = await tx.$queryRaw<{ one: number }[]>`
    SELECT 1 AS one FROM "MetricSample"
     WHERE "tenantId" = ANY(${ids(tenantIds)}) AND "resourceType" = 'DATASTORE' AND metric = 'iops_demand' AND at >= ${ts(since)} LIMIT 1`;
  return rows.length > 0;
}

// ───────────────────────── Cost ─────────────────────────

/**
 * The billed inventory of some tenants, grouped per tenant and per *start day* in the month (a
 * resource that existed before the month starts on day 1): the cost page prices each group with
 * the domain's monthlyCost and prorates it by the days it is billed.
 */
export async function costInventory(tenantIds: readonly string[], monthStart: Date, tx: Tx = db()) {
  const start = ts(monthStart);
  const day = (col: Prisma.Sql) => Prisma.sql`CAST(GREATEST(1, EXTRACT(DAY FROM ${col})::int * CASE WHEN ${col} >= ${start} THEN 1 ELSE 0 END) AS int)`;
  const [hosts, datastores, vmLicences, tenants] = await Promise.all([
    tx.$queryRaw<{ tenantId: string; day: number; nodeTypeCode: string; n: bigint }[]>`
      SELECT h."tenantId", ${day(Prisma.sql`h."createdAt"`)} AS day, p."nodeTypeCode", count(*) AS n
        FROM "Host" h JOIN "ComputePool" p ON p.id = h."poolId" AND p."tenantId" = h."tenantId"
       WHERE h."tenantId" = ANY(${ids(tenantIds)}) GROUP BY 1, 2, 3`,
    // One row per datastore: the bill rounds each volume (Mass Storage by started TiB), so the
    // domain must see them one by one. Datastores are few per tenant (it is an order, not self-service).
    tx.$queryRaw<{ tenantId: string; day: number; tierCode: string; sizeGib: number; replication: string | null }[]>`
      SELECT d."tenantId", ${day(Prisma.sql`d."createdAt"`)} AS day, d."tierCode", d."sizeGib",
             (SELECT r.kind::text FROM "Replication" r WHERE r."tenantId" = d."tenantId" AND r."datastoreId" = d.id
                 AND r.kind IN ('GLOBAL_MIRROR', 'METRO_MIRROR') AND r.status <> 'FAILED_OVER' LIMIT 1) AS replication
        FROM "Datastore" d WHERE d."tenantId" = ANY(${ids(tenantIds)})`,
    tx.$queryRaw<{ tenantId: string; day: number; kind: string; n: bigint }[]>`
      SELECT "tenantId", day, kind, count(*) AS n FROM (
        SELECT a."tenantId", ${day(Prisma.sql`MIN(a."createdAt")`)} AS day, 'backup' AS kind
          FROM "BackupPolicyAssignment" a WHERE a."tenantId" = ANY(${ids(tenantIds)}) GROUP BY a."tenantId", a."vmId"
        UNION ALL
        SELECT r."tenantId", ${day(Prisma.sql`r."createdAt"`)}, 'replication'
          FROM "Replication" r WHERE r."tenantId" = ANY(${ids(tenantIds)}) AND r.kind = 'VM_REPLICATION' AND r.status <> 'FAILED_OVER'
        UNION ALL
        SELECT v."tenantId", ${day(Prisma.sql`COALESCE(v."encryptedAt", v."createdAt")`)}, 'encryption'
          FROM "Vm" v WHERE v."tenantId" = ANY(${ids(tenantIds)}) AND v.encryption = 'ENCRYPTED'
      ) x GROUP BY 1, 2, 3`,
    tx.tenant.findMany({ where: { id: { in: [...tenantIds] } }, select: { id: true, regionId: true, backupQuotaTib: true, createdAt: true } }),
  ]);
  return {
    hosts: hosts.map((h) => ({ ...h, n: Number(h.n) })),
    datastores,
    vmLicences: vmLicences.map((v) => ({ ...v, n: Number(v.n) })),
    tenants: tenants.map((t) => ({ ...t, day: t.createdAt >= monthStart ? t.createdAt.getUTCDate() : 1 })),
  };
}

// ───────────────────────── Planner and index ─────────────────────────

/** A tenant's pools and datastores by name: what the dashboards index links to and the planner offers. */
export async function listDashboardTargets(tenantId: string, tx: Tx = db()) {
  const [pools, datastores] = await Promise.all([
    tx.computePool.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true, azId: true, nodeTypeCode: true } }),
    tx.datastore.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true, azId: true, tierCode: true, sizeGib: true } }),
  ]);
  return { pools, datastores };
}
