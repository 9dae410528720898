// `npm run seed:scale`: a large organization for the benchmarks, in its own database
// (DATABASE_URL; refused when it holds the demo). By default 20 tenants, 200 pools of 3 hosts,
// 2 000 datastores, 4 000 VMs, 200 Global Mirrors, and 30 days of history — raw samples for
// 24 h, hourly rows for 7 days, daily rows for 30, as retention and rollups would leave them —
// plus each VM's tags and snapshots, and a year of activities and audit events.
//
//   npm run seed:scale -- --tenants 500 --vms 100000 --datastores-per-tenant 10
//
// builds the large organization: 500 tenants of 10 pools, 100 000 VMs spread over them.
//
// The history is written by PostgreSQL itself (INSERT … SELECT over generate_series, one chunk
// at a time behind a progress bar): ≈ 8 000 series, 2.3 M raw rows. The simulated collector's
// shapes (working-day hump, quieter weekends, noise) are reproduced in SQL; the collector's own
// model would take minutes of JavaScript for as many samples.
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createOrganization, createTenant, createUser, grantMembership, seedCatalogue } from "@/lib/db/factories";
import { DEMO_ORG_SLUG } from "@/lib/db/demo-accounts";
import { ROLE_BUNDLES } from "@/lib/permissions";
import { RAW_RETENTION_HOURS } from "@/lib/metrics/rollup";
import { upkeepMetricPartitions } from "@/lib/metrics/partitions";
import { applyMigrations } from "./lib/migrate";

export const SCALE_ORG_SLUG = "scale-bench";
export const SCALE_USER_EMAIL = "scale.operator@example.test";
const { values: args } = parseArgs({
  options: {
    tenants: { type: "string", default: "20" },
    vms: { type: "string", default: "4000" },
    "datastores-per-tenant": { type: "string", default: "100" },
    "activities-per-vm": { type: "string", default: "10" },
  },
});
/** A whole number option within its bounds, or the script stops saying which and why. */
function count(name: keyof typeof args, min: number, max: number): number {
  const n = Number(args[name]);
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  console.error(`✖ --${name} must be a whole number from ${min} to ${max} (got ${args[name]}).`);
  process.exit(1);
}
const TENANTS = count("tenants", 1, 5_000);
const POOLS_PER_TENANT = 10;
const HOSTS_PER_POOL = 3;
const DATASTORES_PER_TENANT = count("datastores-per-tenant", 1, 1_000);
/** Each tenant's VMs, dealt round-robin over its pools (the total is `--vms`, give or take the rounding). */
const VMS_PER_TENANT = Math.max(1, Math.round(count("vms", 1, 1_000_000) / TENANTS));
/** A year of VM activities (power, resize, snapshots…) per VM, each with its audit event. */
const ACTIVITIES_PER_VM = count("activities-per-vm", 0, 100);
const DAYS = 30;
const RAW_HOURS = 24;
const HOUR_DAYS = 7;

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("✖ seed:scale needs DATABASE_URL, a database of its own, e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/console_scale npm run seed:scale");
  process.exit(1);
}
await applyMigrations(url, console.log);
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
// The partitions of the 30 days written below (the migrations created those of their own day).
await upkeepMetricPartitions(db, Date.now(), { drop: false });
if (await db.organization.findUnique({ where: { slug: DEMO_ORG_SLUG } })) {
  console.error("✖ This database holds the demo: seed:scale writes millions of rows, give it a database of its own.");
  process.exit(1);
}
if (await db.organization.findUnique({ where: { slug: SCALE_ORG_SLUG } })) {
  console.log("• The scale data set is already there.");
  await db.$disconnect();
  process.exit(0);
}

const t0 = Date.now();
await seedCatalogue(db);
const org = await createOrganization(db, { name: "Scale Bench SA", slug: SCALE_ORG_SLUG });
const user = await createUser(db, { email: SCALE_USER_EMAIL, name: "Scale Operator", cost: 4 });
const tiers = ["ESSENTIEL", "STANDARD", "PREMIUM", "ENTERPRISE", "ULTRA"];
const inventory = new cliProgress.SingleBar({ format: "  inventory |{bar}| {percentage}% · {value}/{total} tenants · {duration_formatted}", hideCursor: true }, cliProgress.Presets.shades_classic);
inventory.start(TENANTS, 0);
for (let i = 0; i < TENANTS; i++) {
  const tenant = await createTenant(db, { organizationId: org.id, name: `Scale ${i + 1}`, slug: `scale-${String(i + 1).padStart(Math.max(2, String(TENANTS).length), "0")}` });
  await grantMembership(db, { userId: user.id, tenantId: tenant.id, permissions: ROLE_BUNDLES.operator });
  const T = tenant.id;
  // Inventory in SQL: ids derived from names, so a rerun on a fresh database gives the same set.
  await db.$executeRawUnsafe(
    `INSERT INTO "ComputePool" (id, "tenantId", "azId", "nodeTypeCode", name, "activatedMemoryGb", "haEnabled")
     SELECT 'sp_' || md5($1 || p), $1, (ARRAY['PAR7S','TH3S','AZ07'])[1 + p % 3], 'STANDARD_V3', 'pool-' || lpad(p::text, 3, '0'), ${HOSTS_PER_POOL} * 256, true
     FROM generate_series(1, ${POOLS_PER_TENANT}) p`,
    T,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Host" (id, "tenantId", "poolId", name)
     SELECT 'sh_' || md5($1 || p || '-' || h), $1, 'sp_' || md5($1 || p), 'esx-' || lpad(p::text, 3, '0') || '-' || h
     FROM generate_series(1, ${POOLS_PER_TENANT}) p, generate_series(1, ${HOSTS_PER_POOL}) h`,
    T,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Datastore" (id, "tenantId", "azId", "tierCode", name, "sizeGib")
     SELECT 'sd_' || md5($1 || d), $1, (ARRAY['PAR7S','TH3S','AZ07'])[1 + d % 3], ($2::text[])[1 + d % 5], 'ds-' || lpad(d::text, 4, '0'), 1024 * (1 + d % 8)
     FROM generate_series(1, ${DATASTORES_PER_TENANT}) d`,
    T,
    `{${tiers.join(",")}}`,
  );
  // VM i of the tenant: pool 1 + (i - 1) mod 10, its v-th there; tags from a few teams and
  // environments (the list's tag filter), created over the last year (the list's default sort).
  await db.$executeRawUnsafe(
    `INSERT INTO "Vm" (id, "tenantId", "poolId", "hostId", "datastoreId", name, "guestOs", cpu, "memoryGb", "powerState", "iopsDemand", tags, "createdAt", "updatedAt")
     SELECT 'sv_' || md5($1 || p || '-' || v), $1, 'sp_' || md5($1 || p), 'sh_' || md5($1 || p || '-' || (1 + v % ${HOSTS_PER_POOL})),
            'sd_' || md5($1 || (1 + (p * 997 + v) % ${DATASTORES_PER_TENANT})), 'vm-' || lpad(p::text, 3, '0') || '-' || lpad(v::text, 4, '0'),
            (ARRAY['Debian 12', 'Ubuntu 24.04', 'Windows Server 2022', 'RHEL 9'])[1 + (p + v) % 4], 2, (ARRAY[4, 8, 16, 32])[1 + v % 4],
            CASE WHEN v % 5 = 0 THEN 'POWERED_OFF' ELSE 'POWERED_ON' END::"PowerState", 50 + (v * 37) % 400,
            ARRAY['env:' || (ARRAY['prod', 'preprod', 'dev'])[1 + v % 3], 'team:' || (ARRAY['web', 'data', 'erp', 'ops', 'sec'])[1 + (p + v) % 5]],
            now() - make_interval(mins => ((p * 7919 + v * 104729) % 525600)), now()
     FROM (SELECT 1 + (i - 1) % ${POOLS_PER_TENANT} AS p, 1 + (i - 1) / ${POOLS_PER_TENANT} AS v FROM generate_series(1, ${VMS_PER_TENANT}) i) x`,
    T,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "VmDisk" (id, "tenantId", "vmId", "datastoreId", label, "sizeGib", "usedGib")
     SELECT 'sk_' || v.id, v."tenantId", v.id, v."datastoreId", 'Hard disk 1', 80, 60 FROM "Vm" v WHERE v."tenantId" = $1`,
    T,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Replication" (id, "tenantId", kind, "sourceAzId", "targetAzId", "datastoreId", "promisedRpoMinutes", status, "lastReplicatedAt")
     SELECT 'sr_' || d.id, d."tenantId", 'GLOBAL_MIRROR', d."azId", CASE WHEN d."azId" = 'PAR7S' THEN 'TH3S' ELSE 'PAR7S' END, d.id, 15, 'ACTIVE', now() AT TIME ZONE 'UTC' - interval '5 minutes'
     FROM "Datastore" d WHERE d."tenantId" = $1 AND d."tierCode" IN ('ESSENTIEL', 'STANDARD', 'PREMIUM') AND (substr(d.name, 4)::int % 3) = 0 LIMIT 10`,
    T,
  );
  // One VM in seven keeps two snapshots (the provider's advice is at most three, for 72 h).
  await db.$executeRawUnsafe(
    `INSERT INTO "Snapshot" (id, "tenantId", "vmId", name, "sizeGib", "createdAt")
     SELECT 'ss_' || v.id || '-' || k, v."tenantId", v.id, 'before-change-' || k, 4 * k, now() - make_interval(hours => 30 * k)
     FROM "Vm" v, generate_series(1, 2) k WHERE v."tenantId" = $1 AND ('x' || substr(v.id, 4, 4))::bit(16)::int % 7 = 0`,
    T,
  );
  // A year of activities, each completed and audited as the console would have left them.
  if (ACTIVITIES_PER_VM > 0) {
    await db.$executeRawUnsafe(
      `INSERT INTO "Activity" (id, "tenantId", type, state, progress, "actorType", "initiatorId", "resourceType", "resourceId", "resourceName", "createdAt", "startedAt", "completedAt")
       SELECT 'sa_' || md5(v.id || '-' || k), v."tenantId", (ARRAY['vm.power_on', 'vm.power_off', 'vm.resize', 'vm.snapshot_create', 'vm.snapshot_delete'])[1 + k % 5],
              CASE WHEN k % 41 = 0 THEN 'FAILED' ELSE 'COMPLETED' END::"ActivityState", 100, 'USER', $2, 'vm', v.id, v.name, t, t + interval '2 seconds', t + interval '40 seconds'
       FROM "Vm" v, generate_series(1, ${ACTIVITIES_PER_VM}) k, LATERAL (SELECT now() - make_interval(mins => (k * 52561 + ('x' || substr(v.id, 4, 6))::bit(24)::int) % 525600) AS t) w
       WHERE v."tenantId" = $1`,
      T,
      user.id,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" (id, "organizationId", "tenantId", "actorType", "actorId", "actorLabel", action, outcome, "targetType", "targetId", "targetName", details, "createdAt")
       SELECT 'se_' || substr(a.id, 4), $2, a."tenantId", 'USER', a."initiatorId", $3, a.type, 'SUCCEEDED', 'vm', a."resourceId", a."resourceName", jsonb_build_object('activityId', a.id), a."createdAt"
       FROM "Activity" a WHERE a."tenantId" = $1`,
      T,
      org.id,
      SCALE_USER_EMAIL,
    );
  }
  inventory.increment();
}
inventory.stop();
const [inv] = (await db.$queryRawUnsafe(
  `SELECT (SELECT count(*) FROM "Vm")::int AS vms, (SELECT count(*) FROM "Snapshot")::int AS snapshots, (SELECT count(*) FROM "Replication")::int AS replications,
          (SELECT count(*) FROM "Activity")::int AS activities, (SELECT count(*) FROM "AuditEvent")::int AS audit`,
)) as [{ vms: number; snapshots: number; replications: number; activities: number; audit: number }];
const fmt = (n: number) => n.toLocaleString("en");
console.log(
  `• Inventory: ${TENANTS} tenants, ${fmt(TENANTS * POOLS_PER_TENANT)} pools, ${fmt(TENANTS * POOLS_PER_TENANT * HOSTS_PER_POOL)} hosts, ${fmt(TENANTS * DATASTORES_PER_TENANT)} datastores, ` +
    `${fmt(inv.vms)} VMs, ${fmt(inv.snapshots)} snapshots, ${fmt(inv.replications)} replications, ${fmt(inv.activities)} activities, ${fmt(inv.audit)} audit events (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
);

// One row per series with its level: pools ≈ their running VMs' memory, datastores their VMs' IOPS.
await db.$executeRawUnsafe(`DROP TABLE IF EXISTS scale_series`);
await db.$executeRawUnsafe(`
  CREATE UNLOGGED TABLE scale_series AS
  SELECT p."tenantId", 'POOL'::"MetricResource" AS rt, p.id AS rid, m.metric, m.k * COALESCE((SELECT sum(v."memoryGb") FROM "Vm" v WHERE v."poolId" = p.id AND v."powerState" = 'POWERED_ON'), 0) AS base, ('x' || substr(md5(p.id), 1, 8))::bit(32)::int AS h
    FROM "ComputePool" p, (VALUES ('mem_used_gb', 1.0), ('mem_ballooned_gb', 0.01), ('cpu_pct', 0.5)) m(metric, k)
    WHERE p."tenantId" IN (SELECT id FROM "Tenant" WHERE "organizationId" = '${org.id}')
  UNION ALL
  SELECT h."tenantId", 'HOST', h.id, m.metric, m.k * COALESCE((SELECT sum(v."memoryGb") FROM "Vm" v WHERE v."hostId" = h.id AND v."powerState" = 'POWERED_ON'), 0), ('x' || substr(md5(h.id), 1, 8))::bit(32)::int
    FROM "Host" h, (VALUES ('mem_used_gb', 1.0), ('cpu_pct', 0.5)) m(metric, k)
    WHERE h."tenantId" IN (SELECT id FROM "Tenant" WHERE "organizationId" = '${org.id}')
  UNION ALL
  SELECT d."tenantId", 'DATASTORE', d.id, m.metric,
         CASE m.metric WHEN 'iops_demand' THEN COALESCE((SELECT sum(v."iopsDemand") FROM "Vm" v WHERE v."datastoreId" = d.id AND v."powerState" = 'POWERED_ON'), 0)
                       WHEN 'latency_ms' THEN 2 ELSE d."sizeGib" * 0.4 END, ('x' || substr(md5(d.id), 1, 8))::bit(32)::int
    FROM "Datastore" d, (VALUES ('iops_demand'), ('latency_ms'), ('space_used_gb')) m(metric)
    WHERE d."tenantId" IN (SELECT id FROM "Tenant" WHERE "organizationId" = '${org.id}')
  UNION ALL
  SELECT r."tenantId", 'REPLICATION', r.id, 'lag_s', r."promisedRpoMinutes" * 60 * 0.3, ('x' || substr(md5(r.id), 1, 8))::bit(32)::int
    FROM "Replication" r WHERE r."tenantId" IN (SELECT id FROM "Tenant" WHERE "organizationId" = '${org.id}')`);
const [{ n: series }] = (await db.$queryRawUnsafe(`SELECT count(*)::int AS n FROM scale_series`)) as [{ n: number }];

// The working-day hump (07:00–19:00 Paris), damped at weekends, with a little noise per series.
const shape = (t: string) =>
  `(0.55 + 0.45 * greatest(0, sin(pi() * (extract(epoch FROM ${t}) / 3600 + 1 - 7 - 24 * floor((extract(epoch FROM ${t}) / 3600 + 1) / 24)) / 12))
       * CASE WHEN extract(isodow FROM ${t} + interval '1 hour') >= 6 THEN 0.35 ELSE 1 END + 0.05 * ((s.h # extract(epoch FROM ${t})::int) & 1023) / 1024.0)`;

const end = new Date(Math.floor(Date.now() / 300_000) * 300_000);
const dayMs = 86_400_000;
const start = new Date(Math.floor((end.getTime() - DAYS * dayMs) / dayMs) * dayMs);
const hourFrom = new Date(Math.floor((end.getTime() - HOUR_DAYS * dayMs) / dayMs) * dayMs);
const rawFrom = new Date(Math.floor((end.getTime() - Math.min(RAW_HOURS, RAW_RETENTION_HOURS) * 3_600_000) / 3_600_000) * 3_600_000);
type Chunk = { label: string; sql: string; args: unknown[] };
const chunks: Chunk[] = [];
const ts = (i: number) => `($${i}::timestamptz AT TIME ZONE 'UTC')`;
for (let d = start.getTime(); d < hourFrom.getTime(); d += 5 * dayMs) {
  const to = Math.min(d + 5 * dayMs, hourFrom.getTime());
  chunks.push({
    label: "daily",
    sql: `INSERT INTO "MetricRollup" SELECT s."tenantId", s.rt, s.rid, s.metric, 'DAY', t, s.base * ${shape("t")}, s.base * 0.4, s.base * 1.1, 288
          FROM scale_series s, generate_series(${ts(1)}, ${ts(2)} - interval '1 day', interval '1 day') t`,
    args: [new Date(d).toISOString(), new Date(to).toISOString()],
  });
}
for (let d = hourFrom.getTime(); d < rawFrom.getTime(); d += dayMs) {
  const to = Math.min(d + dayMs, rawFrom.getTime());
  chunks.push({
    label: "hourly",
    sql: `INSERT INTO "MetricRollup" SELECT s."tenantId", s.rt, s.rid, s.metric, 'HOUR', t, s.base * ${shape("t")}, s.base * 0.5 * ${shape("t")}, s.base * 1.1 * ${shape("t")}, 12
          FROM scale_series s, generate_series(${ts(1)}, ${ts(2)} - interval '1 hour', interval '1 hour') t`,
    args: [new Date(d).toISOString(), new Date(to).toISOString()],
  });
}
for (let d = rawFrom.getTime(); d <= end.getTime(); d += 2 * 3_600_000) {
  const to = Math.min(d + 2 * 3_600_000 - 300_000, end.getTime());
  chunks.push({
    label: "raw",
    sql: `INSERT INTO "MetricSample" ("tenantId", "resourceType", "resourceId", metric, value, at)
          SELECT s."tenantId", s.rt, s.rid, s.metric, s.base * ${shape("t")}, t
          FROM scale_series s, generate_series(${ts(1)}, ${ts(2)}, interval '5 minutes') t`,
    args: [new Date(d).toISOString(), new Date(to).toISOString()],
  });
}
// The hours and days of the raw window, from raw, as the rollup job does.
chunks.push({ label: "rollup", sql: "SELECT 1", args: [] });

const bar = new cliProgress.SingleBar({ format: "  history |{bar}| {percentage}% · {value}/{total} chunks · {stage} · {duration_formatted}", hideCursor: true }, cliProgress.Presets.shades_classic);
bar.start(chunks.length, 0, { stage: "" });
const t1 = Date.now();
const { rollupDays, rollupHours } = await import("@/lib/metrics/rollup");
for (const c of chunks) {
  bar.update({ stage: c.label });
  if (c.label === "rollup") {
    await rollupHours(db, rawFrom.getTime(), end.getTime() + 3_600_000);
    await rollupDays(db, hourFrom.getTime(), end.getTime() + dayMs);
  } else await db.$executeRawUnsafe(c.sql, ...c.args);
  bar.increment();
}
bar.stop();
await db.$executeRawUnsafe(`DROP TABLE scale_series`);
await db.$executeRawUnsafe(`ANALYZE`);
const [{ raw, rollups }] = (await db.$queryRawUnsafe(`SELECT (SELECT count(*) FROM "MetricSample")::int AS raw, (SELECT count(*) FROM "MetricRollup")::int AS rollups`)) as [{ raw: number; rollups: number }];
console.log(`• History: ${series} series, ${raw.toLocaleString("en")} raw samples, ${rollups.toLocaleString("en")} rollup rows in ${((Date.now() - t1) / 1000).toFixed(1)} s (total ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
await db.$disconnect();
