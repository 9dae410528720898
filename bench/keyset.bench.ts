// The API's lists on a large tenant, and what each page costs the database: a tenant of
// BENCH_VMS VMs (20 000 unless said) beside another of the same size, 50 000 audit rows and
// 20 000 activities, on a fresh database cloned from the test template. Times the API's list
// reads (page 1, page 2, a page 200 deep reached by following the cursors, a name search, a tag,
// with and without count), counts the statements each sends, and prints the plans of the
// substring and tag searches (EXPLAIN ANALYZE) to show which index serves them. Also the
// statements of the pages that used to read in a loop (affinity rules, bulk preview, review queue).
// Not in CI: `node --conditions=react-server --import tsx bench/keyset.bench.ts`; writes
// bench/results/keyset[-BENCH_LABEL].json.
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate, dropDatabase } from "../scripts/lib/test-db";

const VMS = Number(process.env.BENCH_VMS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const LABEL = process.env.BENCH_LABEL ?? "";
const root = path.resolve(import.meta.dirname, "..");

const server = await resolveTestServer(console.log);
const template = await ensureTemplate(server.adminUrl, console.log);
const dbName = `console_bench_keyset_${process.pid}`;
process.env.DATABASE_URL = await createDatabaseFromTemplate(server.adminUrl, template, dbName);
process.env.INFRA_TIME_SCALE = "0";

const { db } = await import("@/lib/db/client");
const f = await import("@/lib/db/factories");
const { READS } = await import("@/lib/use-cases/reads");
const { memberContext } = await import("@/test/integration/context");
const { countQueries, stopQueryCounting } = await import("@/test/query-count");
const { listAffinityRules } = await import("@/lib/services/affinity");
const { previewBulkPower } = await import("@/lib/services/vms");
const { listReviewOrders } = await import("@/lib/services/orders");
const { authorizeOrganization } = await import("@/lib/auth/authorize");

const TAGS = ["env:prod", "env:dev", "team-web", "team-db", "pci"];

async function fill(tenantId: string, withHistory: boolean) {
  const { pool, hosts } = await f.createPool(db(), { tenantId, hosts: 32, activatedMemoryGb: 32 * 384 });
  const ds = await f.createDatastore(db(), { tenantId, sizeGib: 500_000 });
  for (let start = 0; start < VMS; start += 5000) {
    await db().vm.createMany({
      data: Array.from({ length: Math.min(5000, VMS - start) }, (_, k) => {
        const i = start + k;
        return {
          tenantId,
          poolId: pool.id,
          datastoreId: ds.id,
          hostId: i % 3 === 0 ? null : hosts[i % hosts.length]!.id,
          name: `${["web", "app", "db", "cache", "batch"][i % 5]}-${String(i).padStart(6, "0")}`,
          guestOs: "Debian 12",
          cpu: 1 + (i % 16),
          memoryGb: [2, 4, 8, 16][i % 4]!,
          powerState: i % 3 === 0 ? ("POWERED_OFF" as const) : ("POWERED_ON" as const),
          tags: i % 97 === 0 ? ["pci", TAGS[i % 4]!] : [TAGS[i % 4]!],
          createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        };
      }),
    });
  }
  if (!withHistory) return;
  const org = (await db().tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { organizationId: true } })).organizationId;
  for (let start = 0; start < 50_000; start += 10_000) {
    await db().auditEvent.createMany({
      data: Array.from({ length: 10_000 }, (_, k) => {
        const i = start + k;
        return { organizationId: org, tenantId, actorType: "USER" as const, actorLabel: `user-${i % 400}@corp-${i % 7}.test`, action: "vm.power_on", targetType: "vm", targetId: `vm-${i}`, targetName: `web-${String(i % VMS).padStart(6, "0")}`, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 30_000) };
      }),
    });
  }
  for (let start = 0; start < 20_000; start += 10_000) {
    await db().activity.createMany({
      data: Array.from({ length: 10_000 }, (_, k) => {
        const i = start + k;
        return { tenantId, type: "vm.power_on", state: "COMPLETED" as const, progress: 100, resourceType: "vm", resourceId: `vm-${i}`, resourceName: `app-${String(i % VMS).padStart(6, "0")}`, actorType: "SYSTEM" as const, payload: {}, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000) };
      }),
    });
  }
}

const org = await f.createOrganization(db());
const tenant = await f.createTenant(db(), { organizationId: org.id });
const other = await f.createTenant(db(), { organizationId: org.id });
const t0 = Date.now();
await fill(tenant.id, true);
await fill(other.id, false);
await db().$executeRawUnsafe("ANALYZE");
console.log(`seeded ${2 * VMS} VMs, 50 000 audit rows, 20 000 activities in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const ctx = await memberContext(tenant.id);

type ReadName = keyof typeof READS;
async function serve(name: ReadName, query: Record<string, string>) {
  const r = READS[name];
  const out = await r.serve(ctx, { params: {}, query: (r.query ? r.query.parse(query) : query) as Record<string, unknown> });
  if (!("list" in out)) throw new Error(`${name} is not a list`);
  return out;
}

/** The cursor of page n (1-based), following nextCursor from the first page. */
async function cursorOfPage(name: ReadName, query: Record<string, string>, n: number): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let p = 1; p < n; p++) {
    const out = await serve(name, { ...query, ...(cursor ? { cursor } : {}) });
    if (!out.nextCursor) throw new Error(`${name} has no page ${p + 1}`);
    cursor = out.nextCursor;
  }
  return cursor;
}

const stats = (times: number[]) => {
  times.sort((a, b) => a - b);
  return { medianMs: +times[Math.floor(times.length / 2)]!.toFixed(2), p95Ms: +times[Math.floor(times.length * 0.95)]!.toFixed(2) };
};

const cases: [string, ReadName, Record<string, string>, number][] = [
  ["VMs page 1", "listVms", { limit: "25" }, 1],
  ["VMs page 2", "listVms", { limit: "25" }, 2],
  ["VMs page 200 (5 000 deep)", "listVms", { limit: "25" }, 200],
  ["VMs page 2, count=true", "listVms", { limit: "25", count: "true" }, 2],
  ["VMs name search 'b-0012' page 1", "listVms", { limit: "25", q: "b-0012" }, 1],
  ["VMs tag 'pci' page 2", "listVms", { limit: "25", tag: "pci" }, 2],
  ["activities page 2", "listActivities", { limit: "25" }, 2],
  ["activities page 200", "listActivities", { limit: "25" }, 200],
  ["audit page 2", "listAudit", { limit: "25" }, 2],
  ["audit page 1000 (25 000 deep)", "listAudit", { limit: "25" }, 1000],
];

const api: Record<string, { medianMs: number; p95Ms: number; queries: number; items: number }> = {};
for (const [label, name, query, page] of cases) {
  const cursor = await cursorOfPage(name, query, page);
  const q = { ...query, ...(cursor ? { cursor } : {}) };
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const s = process.hrtime.bigint();
    items = (await serve(name, q)).list.length;
    if (i >= 3) times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  const { queries } = await countQueries(() => serve(name, q));
  api[label] = { ...stats(times), queries, items };
  console.log(`${label.padEnd(36)} median ${api[label].medianMs.toFixed(2).padStart(8)} ms   p95 ${api[label].p95Ms.toFixed(2).padStart(8)} ms   ${queries} statements`);
}

// ───────── Plans: which index serves the substring and tag searches ─────────
async function plan(label: string, sql: string, ...params: unknown[]) {
  const rows = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql}`, ...params);
  const text = rows.map((r) => r["QUERY PLAN"]).join("\n");
  const indexes = [...new Set([...text.matchAll(/on "?(\w+_idx|\w+_key|\w+_pkey)"?/g)].map((m) => m[1]!))];
  const ms = Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? NaN);
  console.log(`\n${label}: ${ms} ms, indexes ${indexes.join(", ") || "none (sequential scan)"}\n${text}`);
  return { ms, indexes, plan: text };
}
const plans = {
  vmNameSearchCount: await plan("VM name search, count", `SELECT count(*) FROM "Vm" WHERE "tenantId" = $1 AND name ILIKE $2`, tenant.id, "%b-0012%"),
  vmNameSearchPage: await plan("VM name search, page", `SELECT id, name FROM "Vm" WHERE "tenantId" = $1 AND name ILIKE $2 ORDER BY name, id LIMIT 26`, tenant.id, "%b-0012%"),
  vmTag: await plan("VM tag filter (Prisma's has: tags @> ARRAY[tag])", `SELECT count(*) FROM "Vm" WHERE "tenantId" = $1 AND tags @> ARRAY[$2]::text[]`, tenant.id, "pci"),
  auditActor: await plan("audit actor search", `SELECT count(*) FROM "AuditEvent" WHERE "tenantId" = $1 AND "actorLabel" ILIKE $2`, tenant.id, "%user-17@corp-3%"),
  auditTarget: await plan("audit target search", `SELECT count(*) FROM "AuditEvent" WHERE "tenantId" = $1 AND "targetName" ILIKE $2`, tenant.id, "%b-00123%"),
  activityName: await plan("activity name search", `SELECT count(*) FROM "Activity" WHERE "tenantId" = $1 AND "resourceName" ILIKE $2`, tenant.id, "%p-00123%"),
};

// ───────── Statements of the pages that used to read in a loop ─────────
const small: { pool: string; ds: string; vm: string }[] = [];
for (let i = 0; i < 20; i++) {
  const { pool } = await f.createPool(db(), { tenantId: tenant.id, hosts: 1, name: `bench-pool-${i}` });
  const ds = await f.createDatastore(db(), { tenantId: tenant.id, name: `bench-ds-${i}` });
  const vm = await f.createVm(db(), { tenantId: tenant.id, poolId: pool.id, datastoreId: ds.id, name: `bench-vm-${i}`, memoryGb: 4 });
  await db().affinityRule.create({ data: { tenantId: tenant.id, poolId: pool.id, name: `bench-rule-${i}`, kind: "AFFINITY", enabled: true, vms: { create: [{ vmId: vm.id }] } } });
  await db().order.create({ data: { tenantId: tenant.id, resourceType: "HOST", status: "SUBMITTED", payload: { kind: "hosts", poolId: pool.id, count: 1, summary: "bench" }, createdById: (ctx.actor as { userId: string }).userId } });
  small.push({ pool: pool.id, ds: ds.id, vm: vm.id });
}
const ownerUser = await f.createUser(db(), { cost: 4 });
await db().organizationMember.create({ data: { organizationId: org.id, userId: ownerUser.id, role: "OWNER" } });
const owned = await authorizeOrganization({ type: "user", userId: ownerUser.id, email: ownerUser.email, name: ownerUser.name }, org.id, "OWNER");
if (!owned.ok) throw new Error(owned.reason);
async function timed<T>(fn: () => Promise<T>) {
  const { queries } = await countQueries(fn);
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const s = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return { queries, ...stats(times) };
}
const loops = {
  "affinity rules page (20 rules in 20 pools)": await timed(() => listAffinityRules(ctx, { sort: "name", dir: "asc", page: 1, pageSize: 25, pool: undefined, kind: undefined })),
  "bulk power-on preview (20 VMs in 20 pools)": await timed(() => previewBulkPower(ctx, { vmIds: small.map((s) => s.vm), action: "on" })),
  "review queue (20 host orders)": await timed(() => listReviewOrders(owned.ctx, { sort: "createdAt", dir: "asc", page: 1, pageSize: 25 })),
};
console.log("");
for (const [label, r] of Object.entries(loops)) console.log(`${label.padEnd(44)} ${String(r.queries).padStart(4)} statements   median ${r.medianMs.toFixed(2)} ms`);

mkdirSync(path.join(root, "bench/results"), { recursive: true });
const load = (await import("node:os")).loadavg().map((l) => +l.toFixed(2));
writeFileSync(
  path.join(root, `bench/results/keyset${LABEL ? `-${LABEL}` : ""}.json`),
  JSON.stringify({ vms: VMS, runs: RUNS, loadAverage: load, at: new Date().toISOString(), api, plans: Object.fromEntries(Object.entries(plans).map(([k, v]) => [k, { ms: v.ms, indexes: v.indexes }])), loops }, null, 2),
);
await stopQueryCounting();
await db().$disconnect();
await dropDatabase(server.adminUrl, dbName);
process.exit(0);
