// How fast the dashboards' data answers on a large organization (`npm run seed:scale`: 200 pools,
// 2 000 datastores, 30 days of history), and beside each the same question asked in plain SQL
// through pg (the floor: the series rows and the inventory figures the page needs, no Prisma, no
// domain), with the ratio. Also the first-load JavaScript (gzipped) of the dashboard routes from
// the .next build, if one exists. Prints p50/p95 in ms, writes bench/results/dashboards.json.
// Run: DATABASE_URL=postgresql://…/console_scale node --conditions=react-server --import tsx bench/dashboards.bench.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { firstLoadKb } from "../scripts/lib/first-load-js";

const root = path.resolve(import.meta.dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const SCALE_ORG_SLUG = "scale-bench";
const SCALE_USER_EMAIL = "scale.operator@example.test";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("✖ The dashboards bench reads the scale data set: DATABASE_URL=postgresql://…/console_scale (fill it with `npm run seed:scale`).");
  process.exit(1);
}
const { db } = await import("@/lib/db/client");
const org = await db().organization.findUnique({ where: { slug: SCALE_ORG_SLUG } });
if (!org) {
  console.error(`✖ No scale data in ${new URL(url).pathname.slice(1)}: run \`DATABASE_URL=${url} npm run seed:scale\` first.`);
  process.exit(1);
}
const { authorize } = await import("@/lib/auth/authorize");
const { getPoolDashboard } = await import("@/lib/services/dashboards-pool");
const { getDatastoreDashboard } = await import("@/lib/services/dashboards-datastore");
const { getSlaDashboard } = await import("@/lib/services/dashboards-sla");

const user = await db().user.findUniqueOrThrow({ where: { email: SCALE_USER_EMAIL } });
// The seventh tenant, whatever the data set's size (scale-07, or scale-007 of 500).
const tenant = await db().tenant.findFirstOrThrow({ where: { organizationId: org.id }, orderBy: { slug: "asc" }, skip: 6 });
const auth = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: tenant.id }, "metric:read");
if (!auth.ok) throw new Error("the scale operator cannot read metrics");
const ctx = auth.ctx;
const pool = await db().computePool.findFirstOrThrow({ where: { tenantId: tenant.id }, orderBy: { name: "asc" }, skip: 4 });
const ds = await db().datastore.findFirstOrThrow({ where: { tenantId: tenant.id, tierCode: "PREMIUM" }, orderBy: { name: "asc" } });
const tenantIds = (await db().membership.findMany({ where: { userId: user.id }, select: { tenantId: true } })).map((m) => m.tenantId);

const floorPool = new pg.Pool({ connectionString: url, max: 4 });
const q = (sql: string, args: unknown[]) => floorPool.query(sql, args).then((r) => r.rowCount ?? 0);
const RANGE = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
const since = (r: keyof typeof RANGE) => new Date(Date.now() - RANGE[r]);

/** The series of a chart, from raw up to 24 h, hourly up to 7 days, daily beyond (as the page reads them). */
function seriesSql(r: keyof typeof RANGE, type: string) {
  return r === "24h"
    ? `SELECT "resourceId", metric, at, value FROM "MetricSample" WHERE "tenantId" = $1 AND "resourceType" = '${type}' AND "resourceId" = ANY($2) AND metric = ANY($3) AND at >= $4 ORDER BY at`
    : `SELECT "resourceId", metric, bucket, avg, min, max FROM "MetricRollup" WHERE "tenantId" = $1 AND "resourceType" = '${type}' AND "resourceId" = ANY($2) AND metric = ANY($3) AND resolution = '${r === "7d" ? "HOUR" : "DAY"}' AND bucket >= $4 ORDER BY bucket`;
}

const hostIds = (await db().host.findMany({ where: { poolId: pool.id }, select: { id: true } })).map((h) => h.id);
const poolFloor = (r: keyof typeof RANGE) => () =>
  Promise.all([
    q(`SELECT p."activatedMemoryGb", p."nodeTypeCode", p."haEnabled", (SELECT count(*) FROM "Host" h WHERE h."poolId" = p.id) AS hosts FROM "ComputePool" p WHERE p.id = $1 AND p."tenantId" = $2`, [pool.id, tenant.id]),
    q(`SELECT "hostId", sum("memoryGb") FILTER (WHERE "powerState" = 'POWERED_ON'), count(*) FROM "Vm" WHERE "tenantId" = $1 AND "poolId" = $2 GROUP BY "hostId"`, [tenant.id, pool.id]),
    q(seriesSql(r, "POOL"), [tenant.id, [pool.id], ["mem_used_gb", "mem_ballooned_gb", "cpu_pct"], since(r)]),
    q(seriesSql(r, "HOST"), [tenant.id, hostIds, ["mem_used_gb"], since(r)]),
  ]);
const dsFloor = (r: keyof typeof RANGE) => () =>
  Promise.all([
    q(`SELECT "tierCode", "sizeGib" FROM "Datastore" WHERE id = $1 AND "tenantId" = $2`, [ds.id, tenant.id]),
    q(`SELECT sum("sizeGib"), sum("usedGib") FROM "VmDisk" WHERE "tenantId" = $1 AND "datastoreId" = $2`, [tenant.id, ds.id]),
    q(`SELECT sum("memoryGb") FILTER (WHERE "powerState" = 'POWERED_ON'), sum("iopsDemand") FILTER (WHERE "powerState" = 'POWERED_ON') FROM "Vm" WHERE "tenantId" = $1 AND "datastoreId" = $2`, [tenant.id, ds.id]),
    q(seriesSql(r, "DATASTORE"), [tenant.id, [ds.id], ["iops_demand", "latency_ms", "space_used_gb"], since(r)]),
  ]);
const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
const slaFloor = () =>
  Promise.all([
    q(`SELECT "tenantId", "startedAt", "endedAt" FROM "AvailabilityEvent" WHERE "tenantId" = ANY($1) AND "startedAt" < now() AND ("endedAt" IS NULL OR "endedAt" > $2)`, [tenantIds, monthStart]),
    q(`SELECT p.id, p."haEnabled", count(h.id) FILTER (WHERE h.status = 'CONNECTED') FROM "ComputePool" p LEFT JOIN "Host" h ON h."poolId" = p.id WHERE p."tenantId" = $1 GROUP BY p.id`, [tenant.id]),
    q(`SELECT id, "promisedRpoMinutes", "lastReplicatedAt" FROM "Replication" WHERE "tenantId" = $1`, [tenant.id]),
    q(`SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "BackupPolicyAssignment" a WHERE a."vmId" = v.id)) FROM "Vm" v WHERE v."tenantId" = $1`, [tenant.id]),
  ]);

const cases: { name: string; run: () => Promise<unknown>; floor: () => Promise<unknown> }[] = [
  ...(["24h", "7d", "30d"] as const).map((r) => ({ name: `pool ${r}`, run: () => getPoolDashboard(ctx, pool.id, r), floor: poolFloor(r) })),
  ...(["24h", "7d", "30d"] as const).map((r) => ({ name: `datastore ${r}`, run: () => getDatastoreDashboard(ctx, ds.id, r), floor: dsFloor(r) })),
  { name: "sla (20 tenants)", run: () => getSlaDashboard(ctx), floor: slaFloor },
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
async function time(f: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await f();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return { p50: pct(out, 50), p95: pct(out, 95) };
}

const [{ raw, rollups }] = (await db().$queryRawUnsafe(`SELECT (SELECT count(*) FROM "MetricSample")::int AS raw, (SELECT count(*) FROM "MetricRollup")::int AS rollups`)) as [{ raw: number; rollups: number }];
console.log(`dashboards on ${raw.toLocaleString("en")} raw samples and ${rollups.toLocaleString("en")} rollup rows · ${RUNS} runs each · load average ${loadavg()[0]!.toFixed(1)}`);
console.log(`${"query".padEnd(20)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}   ${"floor p50".padStart(9)} ${"floor p95".padStart(9)}   ratio p95   target`);
const results = [];
for (const c of cases) {
  // Interleaved so that both see the same machine load.
  const dash = await time(c.run);
  const floor = await time(c.floor);
  const ratio = dash.p95 / floor.p95;
  const ok = dash.p95 < 150 && ratio <= 2;
  results.push({ name: c.name, p50: +dash.p50.toFixed(1), p95: +dash.p95.toFixed(1), floorP50: +floor.p50.toFixed(1), floorP95: +floor.p95.toFixed(1), ratio: +ratio.toFixed(2), ok });
  console.log(`${c.name.padEnd(20)} ${dash.p50.toFixed(1).padStart(8)} ${dash.p95.toFixed(1).padStart(8)}   ${floor.p50.toFixed(1).padStart(9)} ${floor.p95.toFixed(1).padStart(9)}   ${ratio.toFixed(2).padStart(8)}×   ${ok ? "✓" : "✗"} (p95 < 150 ms, ≤ 2× floor)`);
}

// First-load JavaScript of the dashboard routes (gzipped, from the .next build; scripts/lib/first-load-js.ts,
// the measurement the budget check uses). `npm run bench` then prints every route against its budget.
const routes = ["/t/[tenant]/dashboards/pools/[poolId]", "/t/[tenant]/dashboards/datastores/[datastoreId]", "/t/[tenant]/dashboards/sla"];
const js: Record<string, number | null> = {};
for (const r of routes) js[r] = firstLoadKb(path.join(root, ".next"), r);
if (Object.values(js).every((v) => v === null)) console.log("first-load JS: no .next build here (run `npm run build` first)");
else for (const [r, kb] of Object.entries(js)) console.log(`first-load JS ${r}: ${kb === null ? "—" : `${kb} kB gzipped ${kb < 250 ? "✓" : "✗"} (< 250 kB)`}`);

mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/dashboards.json"), JSON.stringify({ at: new Date().toISOString(), loadavg: loadavg()[0], raw, rollups, runs: RUNS, results, firstLoadKbGzip: js }, null, 2));
await floorPool.end();
await db().$disconnect();
