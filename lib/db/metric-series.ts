import "server-only";
import type { MetricResourceType } from "@/lib/metrics/names";
import { resolutionFor, sampleOverMinutes, type Resolution } from "@/lib/metrics/rollup";
import { db } from "./client";

// One series read for every chart. Up to 24 h it reads raw samples; beyond,
// the hourly rollups (never a raw row for a 7- or 30-day chart). Both reads walk an index whose
// prefix is (tenantId, resourceType, resourceId, metric) and whose last column is the time.

export type SeriesPoint = {
  resourceId: string;
  metric: string;
  at: Date;
  avg: number;
  min: number;
  max: number;
  /** The capacity and line in force then (null: none recorded). */
  capacity: number | null;
  threshold: number | null;
  /** Minutes of the point's bucket (a raw sample: its 5-minute slot) spent above its own line. */
  overMinutes: number;
};

export async function loadSeries(
  tenantId: string,
  resourceType: MetricResourceType,
  resourceIds: readonly string[],
  metrics: readonly string[],
  range: { from: Date; to: Date },
): Promise<{ resolution: Resolution; points: SeriesPoint[] }> {
  const resolution = resolutionFor(range.to.getTime() - range.from.getTime());
  if (resourceIds.length === 0) return { resolution, points: [] };
  const which = `"tenantId" = $1 AND "resourceType" = $2::"MetricResource" AND "resourceId" = ANY($3::text[]) AND metric = ANY($4::text[])`;
  return { resolution, points: await readSeries(which, resolution, range, [tenantId, resourceType, [...resourceIds], [...metrics]]) };
}

type PackedSeries = { resourceId: string; metric: string; at: number[]; avg: number[]; min: number[] | null; max: number[] | null; capacity: (number | null)[]; threshold: (number | null)[]; over: number[] | null };

/**
 * One row per series with its points packed in arrays (array_agg in time order): a 24-hour chart
 * of six series crosses the driver as six rows instead of 1 728, which is most of its cost.
 */
async function readSeries(which: string, resolution: Resolution, range: { from: Date; to: Date }, args: unknown[]): Promise<SeriesPoint[]> {
  const n = args.length;
  const from = `($${n + 1}::timestamptz AT TIME ZONE 'UTC')`;
  const to = `($${n + 2}::timestamptz AT TIME ZONE 'UTC')`;
  const ms = (col: string) => `array_agg((extract(epoch FROM ${col}) * 1000)::float8 ORDER BY ${col})`;
  const rows =
    resolution === "RAW"
      ? await db().$queryRawUnsafe<PackedSeries[]>(
          `SELECT "resourceId", metric, ${ms("at")} AS at, array_agg(value ORDER BY at) AS avg, NULL AS min, NULL AS max,
                  array_agg(capacity ORDER BY at) AS capacity, array_agg(threshold ORDER BY at) AS threshold, NULL AS over
           FROM "MetricSample" WHERE ${which} AND at >= ${from} AND at <= ${to} GROUP BY "resourceId", metric`,
          ...args,
          range.from.toISOString(),
          range.to.toISOString(),
        )
      : await db().$queryRawUnsafe<PackedSeries[]>(
          `SELECT "resourceId", metric, ${ms("bucket")} AS at, array_agg(avg ORDER BY bucket) AS avg, array_agg(min ORDER BY bucket) AS min, array_agg(max ORDER BY bucket) AS max,
                  array_agg(capacity ORDER BY bucket) AS capacity, array_agg(threshold ORDER BY bucket) AS threshold, array_agg("overMinutes" ORDER BY bucket) AS over
           FROM "MetricRollup" WHERE ${which} AND resolution = $${n + 3}::"RollupResolution" AND bucket >= ${from} AND bucket <= ${to} GROUP BY "resourceId", metric`,
          ...args,
          range.from.toISOString(),
          range.to.toISOString(),
          resolution,
        );
  const out: SeriesPoint[] = [];
  for (const r of rows) {
    for (let i = 0; i < r.at.length; i++) {
      const avg = r.avg[i]!;
      const threshold = r.threshold[i] ?? null;
      out.push({
        resourceId: r.resourceId,
        metric: r.metric,
        at: new Date(r.at[i]!),
        avg,
        min: r.min?.[i] ?? avg,
        max: r.max?.[i] ?? avg,
        capacity: r.capacity[i] ?? null,
        threshold,
        overMinutes: r.over ? r.over[i]! : sampleOverMinutes(avg, threshold),
      });
    }
  }
  return out;
}

/** Availability events of a tenant overlapping [from, to). */
export async function listAvailabilityEvents(tenantIds: readonly string[], from: Date, to: Date) {
  return db().availabilityEvent.findMany({
    where: { tenantId: { in: [...tenantIds] }, startedAt: { lt: to }, OR: [{ endedAt: null }, { endedAt: { gt: from } }] },
    select: { id: true, tenantId: true, resourceType: true, resourceId: true, startedAt: true, endedAt: true, cause: true },
    orderBy: { startedAt: "asc" },
  });
}

// ───────────────────────── Inventory, one query each ─────────────────────────
// The dashboards need the domain's figures, not every VM: these read the pool's and the
// datastore's state aggregated in SQL (running memory per host, VMs per power state), the shapes
// the domain accepts for exactly this (PoolMemorySummary, DatastoreFiguresInput's aggregated VMs).

export type PoolDashboardRow = {
  id: string;
  name: string;
  azId: string;
  nodeTypeCode: string;
  activatedMemoryGb: number;
  haEnabled: boolean;
  /** Memory of the pool's running VMs, placed or not. */
  usedGb: number;
  hosts: { id: string; name: string; status: string; onGb: number; vms: number }[];
};

export async function loadPoolDashboardRow(tenantId: string, poolId: string): Promise<PoolDashboardRow | null> {
  const rows = await db().$queryRawUnsafe<PoolDashboardRow[]>(
    `SELECT p.id, p.name, p."azId", p."nodeTypeCode", p."activatedMemoryGb", p."haEnabled",
            (SELECT COALESCE(sum(v."memoryGb"), 0) FROM "Vm" v WHERE v."tenantId" = $1 AND v."poolId" = p.id AND v."powerState" = 'POWERED_ON')::float8 AS "usedGb",
            COALESCE((SELECT json_agg(json_build_object('id', h.id, 'name', h.name, 'status', h.status, 'onGb', COALESCE(a.on_gb, 0), 'vms', COALESCE(a.vms, 0)) ORDER BY h.name)
                      FROM "Host" h
                      LEFT JOIN (SELECT v."hostId", sum(v."memoryGb") FILTER (WHERE v."powerState" = 'POWERED_ON') AS on_gb, count(*) AS vms
                                 FROM "Vm" v WHERE v."tenantId" = $1 AND v."poolId" = $2 GROUP BY v."hostId") a ON a."hostId" = h.id
                      WHERE h."tenantId" = $1 AND h."poolId" = p.id), '[]'::json) AS hosts
     FROM "ComputePool" p WHERE p.id = $2 AND p."tenantId" = $1`,
    tenantId,
    poolId,
  );
  return rows[0] ?? null;
}

/** The pool's memory series and its hosts' in one read (the hosts found by a sub-select on the pool). */
export async function loadPoolSeries(tenantId: string, poolId: string, range: { from: Date; to: Date }): Promise<{ resolution: Resolution; points: SeriesPoint[] }> {
  const resolution = resolutionFor(range.to.getTime() - range.from.getTime());
  const which = `"tenantId" = $1 AND (("resourceType" = 'POOL' AND "resourceId" = $2 AND metric IN ('mem_used_gb', 'mem_ballooned_gb', 'cpu_pct'))
                 OR ("resourceType" = 'HOST' AND "resourceId" IN (SELECT id FROM "Host" WHERE "tenantId" = $1 AND "poolId" = $2) AND metric = 'mem_used_gb'))`;
  return { resolution, points: await readSeries(which, resolution, range, [tenantId, poolId]) };
}

export type DatastoreDashboardRow = {
  id: string;
  name: string;
  azId: string;
  tierCode: string;
  sizeGib: number;
  usedGib: number;
  provisionedGib: number;
  onMemGb: number;
  offMemGb: number;
  onIops: number;
  mirror: string | null;
};

export async function loadDatastoreDashboardRow(tenantId: string, datastoreId: string): Promise<DatastoreDashboardRow | null> {
  const rows = await db().$queryRawUnsafe<DatastoreDashboardRow[]>(
    `SELECT d.id, d.name, d."azId", d."tierCode", d."sizeGib",
            COALESCE(k.used, 0)::float8 AS "usedGib", COALESCE(k.prov, 0)::float8 AS "provisionedGib",
            COALESCE(v.on_mem, 0)::float8 AS "onMemGb", COALESCE(v.off_mem, 0)::float8 AS "offMemGb", COALESCE(v.on_iops, 0)::float8 AS "onIops",
            (SELECT r.kind::text FROM "Replication" r WHERE r."tenantId" = $1 AND r."datastoreId" = d.id AND r.kind IN ('GLOBAL_MIRROR', 'METRO_MIRROR') AND r.status <> 'FAILED_OVER' LIMIT 1) AS mirror
     FROM "Datastore" d
     LEFT JOIN LATERAL (SELECT sum("usedGib") AS used, sum("sizeGib") AS prov FROM "VmDisk" WHERE "tenantId" = $1 AND "datastoreId" = d.id) k ON true
     LEFT JOIN LATERAL (SELECT sum("memoryGb") FILTER (WHERE "powerState" = 'POWERED_ON') AS on_mem, sum("memoryGb") FILTER (WHERE "powerState" <> 'POWERED_ON') AS off_mem,
                               sum("iopsDemand") FILTER (WHERE "powerState" = 'POWERED_ON') AS on_iops FROM "Vm" WHERE "tenantId" = $1 AND "datastoreId" = d.id) v ON true
     WHERE d.id = $2 AND d."tenantId" = $1`,
    tenantId,
    datastoreId,
  );
  return rows[0] ?? null;
}

/** The SLA page's inventory of one tenant: pools with their host counts, replications with their names, backup coverage. */
export async function loadSlaInventory(tenantId: string) {
  const [pools, replications, coverage] = await Promise.all([
    db().$queryRawUnsafe<{ id: string; name: string; azId: string; haEnabled: boolean; hosts: number; connected: number }[]>(
      `SELECT p.id, p.name, p."azId", p."haEnabled", count(h.id)::int AS hosts, (count(h.id) FILTER (WHERE h.status = 'CONNECTED'))::int AS connected
       FROM "ComputePool" p LEFT JOIN "Host" h ON h."poolId" = p.id AND h."tenantId" = $1
       WHERE p."tenantId" = $1 AND p.status = 'ACTIVE' GROUP BY p.id ORDER BY p.name`,
      tenantId,
    ),
    db().$queryRawUnsafe<{ id: string; kind: string; status: string; promisedRpoMinutes: number; lastReplicatedAt: Date | null; sourceAzId: string; targetAzId: string; name: string }[]>(
      `SELECT r.id, r.kind::text, r.status::text, r."promisedRpoMinutes", r."lastReplicatedAt", r."sourceAzId", r."targetAzId", COALESCE(d.name, v.name, r.id) AS name
       FROM "Replication" r LEFT JOIN "Datastore" d ON d.id = r."datastoreId" LEFT JOIN "Vm" v ON v.id = r."vmId"
       WHERE r."tenantId" = $1 ORDER BY r.kind, r."createdAt"`,
      tenantId,
    ),
    db().$queryRawUnsafe<{ total: number; uncovered: number; running: number }[]>(
      `SELECT count(*)::int AS total,
              (count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "BackupPolicyAssignment" a WHERE a."tenantId" = $1 AND a."vmId" = v.id)))::int AS uncovered,
              (count(*) FILTER (WHERE v."powerState" = 'POWERED_ON' AND NOT EXISTS (SELECT 1 FROM "BackupPolicyAssignment" a WHERE a."tenantId" = $1 AND a."vmId" = v.id)))::int AS running
       FROM "Vm" v WHERE v."tenantId" = $1`,
      tenantId,
    ),
  ]);
  return { pools, replications, coverage: coverage[0] ?? { total: 0, uncovered: 0, running: 0 } };
}

/**
 * The daily rollups of one metric over whole days [from, to) for some tenants (and, if given,
 * some resources): one row per resource, its days packed in arrays. What the forecasts read.
 */
export async function loadDailyFigures(
  tenantIds: readonly string[],
  resourceType: MetricResourceType,
  metric: string,
  range: { from: Date; to: Date },
  resourceIds?: readonly string[],
): Promise<Map<string, { at: number; avg: number; max: number }[]>> {
  if (tenantIds.length === 0 || resourceIds?.length === 0) return new Map();
  const rows = await db().$queryRawUnsafe<{ resourceId: string; at: number[]; avg: number[]; max: number[] }[]>(
    `SELECT "resourceId", array_agg((extract(epoch FROM bucket) * 1000)::float8 ORDER BY bucket) AS at, array_agg(avg ORDER BY bucket) AS avg, array_agg(max ORDER BY bucket) AS max
     FROM "MetricRollup"
     WHERE "tenantId" = ANY($1::text[]) AND "resourceType" = $2::"MetricResource" AND metric = $3 AND resolution = 'DAY'
       AND bucket >= ($4::timestamptz AT TIME ZONE 'UTC') AND bucket < ($5::timestamptz AT TIME ZONE 'UTC')
       ${resourceIds ? `AND "resourceId" = ANY($6::text[])` : ""}
     GROUP BY "resourceId"`,
    [...tenantIds],
    resourceType,
    metric,
    range.from.toISOString(),
    range.to.toISOString(),
    ...(resourceIds ? [[...resourceIds]] : []),
  );
  return new Map(rows.map((r) => [r.resourceId, r.at.map((at, i) => ({ at, avg: r.avg[i]!, max: r.max[i]! }))]));
}

export type AnnotationRow = { kind: "outage" | "maintenance_start" | "maintenance_end" | "activated_memory" | "ha" | "delivery"; at: Date; endedAt: Date | null; name: string; details: unknown };

/**
 * What happened to a pool in [from, to], for its charts: outages of the pool or its hosts
 * (AvailabilityEvent), maintenance, activated-memory and HA changes that succeeded (the audit
 * trail), and hosts delivered (their creation). One query; another tenant's pool has none.
 */
export async function loadPoolAnnotations(tenantId: string, poolId: string, range: { from: Date; to: Date }): Promise<AnnotationRow[]> {
  return db().$queryRawUnsafe<AnnotationRow[]>(
    `WITH hosts AS (SELECT id, name FROM "Host" WHERE "tenantId" = $1 AND "poolId" = $2),
          pool AS (SELECT id, name FROM "ComputePool" WHERE "tenantId" = $1 AND id = $2)
     SELECT 'outage' AS kind, e."startedAt" AS at, e."endedAt", COALESCE(h.name, p.name) AS name, NULL::jsonb AS details
       FROM "AvailabilityEvent" e LEFT JOIN hosts h ON e."resourceType" = 'HOST' AND h.id = e."resourceId" LEFT JOIN pool p ON e."resourceType" = 'POOL' AND p.id = e."resourceId"
      WHERE e."tenantId" = $1 AND (h.id IS NOT NULL OR p.id IS NOT NULL)
        AND e."startedAt" <= ($4::timestamptz AT TIME ZONE 'UTC') AND (e."endedAt" IS NULL OR e."endedAt" >= ($3::timestamptz AT TIME ZONE 'UTC'))
     UNION ALL
     SELECT CASE a.action WHEN 'host.enter_maintenance' THEN 'maintenance_start' WHEN 'host.exit_maintenance' THEN 'maintenance_end' WHEN 'pool.set_activated_memory' THEN 'activated_memory' ELSE 'ha' END,
            a."createdAt", NULL, COALESCE(a."targetName", a."targetId"), a.details::jsonb
       FROM "AuditEvent" a
      WHERE a."tenantId" = $1 AND a.outcome = 'SUCCEEDED' AND a."createdAt" >= ($3::timestamptz AT TIME ZONE 'UTC') AND a."createdAt" <= ($4::timestamptz AT TIME ZONE 'UTC')
        AND ((a."targetType" = 'pool' AND a."targetId" = $2 AND a.action IN ('pool.set_activated_memory', 'pool.set_ha'))
          OR (a."targetType" = 'host' AND a."targetId" IN (SELECT id FROM hosts) AND a.action IN ('host.enter_maintenance', 'host.exit_maintenance')))
     UNION ALL
     SELECT 'delivery', h."createdAt", NULL, h.name, NULL FROM "Host" h
      WHERE h."tenantId" = $1 AND h."poolId" = $2 AND h."createdAt" >= ($3::timestamptz AT TIME ZONE 'UTC') AND h."createdAt" <= ($4::timestamptz AT TIME ZONE 'UTC')
     ORDER BY at`,
    tenantId,
    poolId,
    range.from.toISOString(),
    range.to.toISOString(),
  );
}

/** A datastore's delivery in [from, to] (its creation), for its charts. */
export async function loadDatastoreAnnotations(tenantId: string, datastoreId: string, range: { from: Date; to: Date }): Promise<AnnotationRow[]> {
  const d = await db().datastore.findFirst({ where: { tenantId, id: datastoreId, createdAt: { gte: range.from, lte: range.to } }, select: { name: true, createdAt: true } });
  return d ? [{ kind: "delivery", at: d.createdAt, endedAt: null, name: d.name, details: null }] : [];
}

/**
 * The running VMs behind a pool's consumed memory (`memoryGb`) or a datastore's IOPS demand
 * (`iopsDemand`): the heaviest `limit` with the weight and count of all of them, in one query.
 */
export async function loadDriverVms(tenantId: string, by: { poolId: string } | { datastoreId: string }, limit: number): Promise<{ vms: { id: string; name: string; weight: number }[]; totalWeight: number; count: number }> {
  const [col, weight, id] = "poolId" in by ? ['"poolId"', '"memoryGb"', by.poolId] : ['"datastoreId"', '"iopsDemand"', by.datastoreId];
  const rows = await db().$queryRawUnsafe<{ id: string; name: string; weight: number; total: number; n: number }[]>(
    `SELECT id, name, ${weight}::float8 AS weight, (sum(${weight}) OVER ())::float8 AS total, (count(*) OVER ())::int AS n
     FROM "Vm" WHERE "tenantId" = $1 AND ${col} = $2 AND "powerState" = 'POWERED_ON'
     ORDER BY ${weight} DESC, name LIMIT $3`,
    tenantId,
    id,
    limit,
  );
  return { vms: rows.map((r) => ({ id: r.id, name: r.name, weight: Number(r.weight) })), totalWeight: Number(rows[0]?.total ?? 0), count: Number(rows[0]?.n ?? 0) };
}
