// Retention of raw metric samples before and after partitioning (issue 17, "Beyond one database").
// Two scratch databases on the test server: one with main's layout (every migration but
// 20261207160000_metric_partitions: one MetricSample table, retention = DELETE … WHERE at < cutoff),
// one with all migrations (a partition per day, retention = DROP of the partitions wholly past
// the cutoff, through lib/metrics/partitions.ts). Both get the same `--days` of 5-minute samples for
// `--series` series (one resource × metric each), then retention removes the oldest day, then the
// next one; each removal is timed (and the VACUUM the DELETEs call for). Not in CI. Writes
// bench/results/metrics-retention-<series>x<days>d.json.
// Run: node --import tsx bench/metrics-retention.bench.ts [--series 2000] [--days 30]
// (server: TEST_PG_ADMIN_URL, else DATABASE_URL's, else postgresql://postgres@127.0.0.1:5432/postgres)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { upkeepMetricPartitions } from "@/lib/metrics/partitions";
import { DAY_MS, HOUR_MS, RAW_RETENTION_HOURS } from "@/lib/metrics/rollup";
import { migrationNames } from "../scripts/lib/migrate";
import { withDatabase } from "../scripts/lib/pg";

const root = path.resolve(import.meta.dirname, "..");
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SERIES = arg("series", 2000);
const DAYS = arg("days", 30);
const PARTITIONING = "20261207160000_metric_partitions";
const admin = process.env.TEST_PG_ADMIN_URL ?? (process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, "postgres") : "postgresql://postgres@127.0.0.1:5432/postgres");
const log = (l: string) => console.log(l);

// The history ends at the start of today (UTC); its first day is the oldest.
const end = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const start = end - DAYS * DAY_MS;
const iso = (n: number) => new Date(n).toISOString();

async function query(url: string, sql: string, args: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql, args);
  } finally {
    await c.end();
  }
}

async function freshDatabase(name: string, migrations: string[]): Promise<string> {
  await query(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await query(admin, `CREATE DATABASE "${name}"`);
  const url = withDatabase(admin, name);
  // The migration files straight through pg (one simple query each), as `migrate deploy` would.
  for (const m of migrations) await query(url, readFileSync(path.join(root, "prisma/migrations", m, "migration.sql"), "utf8"));
  await query(
    url,
    `INSERT INTO "Organization" (id, name, slug) VALUES ('bench-org', 'Bench', 'bench');
     INSERT INTO "Region" (id, name) VALUES ('bench-region', 'Bench');
     INSERT INTO "Tenant" (id, "organizationId", name, slug, "regionId") VALUES ('bench', 'bench-org', 'Bench', 'bench', 'bench-region')`,
  );
  return url;
}

async function fill(url: string, label: string): Promise<number> {
  const t0 = Date.now();
  for (let d = start; d < end; d += DAY_MS) {
    await query(
      url,
      `INSERT INTO "MetricSample" ("tenantId", "resourceType", "resourceId", metric, value, at, capacity, threshold)
       SELECT 'bench', 'POOL', 'pool-' || i, 'mem_used_gb', 300 + 200 * random(), t, 768, 652.8
       FROM generate_series($2::timestamptz AT TIME ZONE 'UTC', $3::timestamptz AT TIME ZONE 'UTC', interval '5 minutes') t, generate_series(1, $1::int) i`,
      [SERIES, iso(d), iso(d + DAY_MS - 300_000)],
    );
    process.stdout.write(`\r  ${label}: ${Math.round((d + DAY_MS - start) / DAY_MS)}/${DAYS} days`);
  }
  await query(url, `VACUUM ANALYZE "MetricSample"`);
  const rows = Number((await query(url, `SELECT count(*) AS n FROM "MetricSample"`)).rows[0].n);
  process.stdout.write(`\r  ${label}: ${rows.toLocaleString("en")} rows in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  return rows;
}

type Step = { day: string; rows: number; ms: number };
const results: { layout: string; how: string; rows: number; steps: Step[] }[] = [];
let vacuumMs = 0;

// ── Before: main's layout, DELETE ──
{
  const url = await freshDatabase("bench_retention_before", migrationNames().filter((m) => m < PARTITIONING));
  const rows = await fill(url, "unpartitioned");
  const steps: Step[] = [];
  for (let k = 1; k <= 2; k++) {
    const cutoff = start + k * DAY_MS;
    const t0 = performance.now();
    const r = await query(url, `DELETE FROM "MetricSample" WHERE at < ($1::timestamptz AT TIME ZONE 'UTC')`, [iso(cutoff)]);
    steps.push({ day: iso(cutoff - DAY_MS).slice(0, 10), rows: r.rowCount ?? 0, ms: performance.now() - t0 });
  }
  // What the DELETE leaves behind: dead rows and index entries, reclaimed by (auto)vacuum later.
  const t0 = performance.now();
  await query(url, `VACUUM "MetricSample"`);
  vacuumMs = performance.now() - t0;
  results.push({ layout: "unpartitioned (main)", how: "DELETE … WHERE at < cutoff", rows, steps });
  await query(admin, `DROP DATABASE "bench_retention_before" WITH (FORCE)`);
}

// ── After: partitioned by day, DROP through the upkeep ──
{
  const url = await freshDatabase("bench_retention_after", migrationNames());
  // The partitions of the whole history (the upkeep itself only creates those of the window).
  await query(url, `SELECT metric_partition_ensure('MetricSample', 'at', NULL, 'day', $1::timestamptz AT TIME ZONE 'UTC', $2::timestamptz AT TIME ZONE 'UTC')`, [iso(start), iso(end)]);
  const rows = await fill(url, "partitioned");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const steps: Step[] = [];
  try {
    // The instant at which the oldest k days are wholly past the raw window.
    const nowFor = (k: number) => start + k * DAY_MS + RAW_RETENTION_HOURS * HOUR_MS + 60_000;
    await upkeepMetricPartitions(db, nowFor(1), { drop: false }); // the partitions ahead, as the running console has them
    for (let k = 1; k <= 2; k++) {
      const day = iso(start + (k - 1) * DAY_MS).slice(0, 10);
      const [{ n }] = (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "MetricSample" WHERE at >= $1::timestamptz AT TIME ZONE 'UTC' AND at < $2::timestamptz AT TIME ZONE 'UTC'`, iso(start + (k - 1) * DAY_MS), iso(start + k * DAY_MS))) as [{ n: number }];
      const t0 = performance.now();
      const r = await upkeepMetricPartitions(db, nowFor(k));
      const ms = performance.now() - t0;
      if (!r.dropped.some((p) => p.startsWith(`MetricSample_${day.replaceAll("-", "")}`))) throw new Error(`the partition of ${day} was not dropped: ${JSON.stringify(r)}`);
      steps.push({ day, rows: n, ms });
    }
  } finally {
    await db.$disconnect();
  }
  results.push({ layout: "partitioned by day", how: "DROP TABLE of the day's partition (metric_partitions_upkeep)", rows, steps });
  await query(admin, `DROP DATABASE "bench_retention_after" WITH (FORCE)`);
}

log(`\nRetention of the oldest day of ${DAYS} days × ${SERIES} series of 5-minute samples (load ${loadavg().map((l) => l.toFixed(1)).join(" ")}):`);
log(`(then VACUUM of the unpartitioned table, for the dead rows of the two days: ${(vacuumMs / 1000).toFixed(2)} s; a dropped partition leaves none)`);
log("| layout | table rows | day removed | rows removed | time |");
log("|---|---|---|---|---|");
for (const r of results) for (const s of r.steps) log(`| ${r.layout} | ${r.rows.toLocaleString("en")} | ${s.day} | ${s.rows.toLocaleString("en")} | ${s.ms >= 1000 ? `${(s.ms / 1000).toFixed(2)} s` : `${s.ms.toFixed(0)} ms`} |`);
mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, `bench/results/metrics-retention-${SERIES}x${DAYS}d.json`), JSON.stringify({ at: new Date().toISOString(), series: SERIES, days: DAYS, loadavg: loadavg(), results, vacuumAfterDeleteMs: vacuumMs }, null, 2) + "\n");
