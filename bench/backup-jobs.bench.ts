// How fast the backup jobs list and its CSV export answer on a tenant with 50 000 backup runs
// (beside as many in another tenant), on a fresh database cloned from the test template: the
// page as the console runs it (count + page), a deep offset page, the API's keyset page from a
// cursor deep in the list, the filters, and the export's keyset walk over every row. Prints the
// median and p95 in ms and writes bench/results/backup-jobs.json.
// Run: node --conditions=react-server --import tsx bench/backup-jobs.bench.ts
import { writeFileSync, mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate, dropDatabase } from "../scripts/lib/test-db";

const JOBS = 50_000;
const RUNS = 20;
const root = path.resolve(import.meta.dirname, "..");

const server = await resolveTestServer(console.log);
const template = await ensureTemplate(server.adminUrl, console.log);
const dbName = `console_bench_jobs_${process.pid}`;
process.env.DATABASE_URL = await createDatabaseFromTemplate(server.adminUrl, template, dbName);

const { db } = await import("@/lib/db/client");
const { listBackupJobs, backupJobBatches } = await import("@/lib/db/backup-jobs");
const { backupJobList } = await import("@/lib/validation/data-protection");
const f = await import("@/lib/db/factories");

const start = Date.UTC(2026, 0, 1);
async function fill(tenantId: string) {
  for (let from = 0; from < JOBS; from += 5000) {
    await db().backupJob.createMany({
      data: Array.from({ length: Math.min(5000, JOBS - from) }, (_, k) => {
        const i = from + k;
        const startedAt = new Date(start + i * 60_000);
        const state = i % 50 === 0 ? ("FAILED" as const) : ("COMPLETED" as const);
        return { tenantId, vmName: `${["web", "app", "db", "cache", "batch"][i % 5]}-${String(i % 2000).padStart(4, "0")}`, policyName: "daily-7d", sourceAzId: "PAR7S", targetAzId: "AZ07", state, sizeGib: 60, startedAt, finishedAt: new Date(startedAt.getTime() + 300_000) };
      }),
    });
  }
}

const org = await f.createOrganization(db());
const tenant = await f.createTenant(db(), { organizationId: org.id });
const other = await f.createTenant(db(), { organizationId: org.id });
const t0 = Date.now();
await fill(tenant.id);
await fill(other.id);
await db().$executeRawUnsafe("ANALYZE");
console.log(`seeded ${2 * JOBS} backup jobs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// A cursor 40 000 rows deep, as the API's client would hold it.
const deep = await db().backupJob.findMany({ where: { tenantId: tenant.id }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], skip: 40_000, take: 1, select: { id: true, startedAt: true } });
const after = { key: [deep[0]!.startedAt] as const, id: deep[0]!.id };

const views: Record<string, () => Promise<number>> = {
  "page 1 (count + 25 rows)": async () => (await listBackupJobs(tenant.id, backupJobList.parse({}))).total,
  "page 1 600 of 2 000 (offset)": async () => (await listBackupJobs(tenant.id, backupJobList.parse({ page: "1600" }))).total,
  "API: 25 rows after a cursor 40 000 deep, no count": async () => (await listBackupJobs(tenant.id, { ...backupJobList.parse({}), after, count: false })).rows.length,
  "failed only": async () => (await listBackupJobs(tenant.id, backupJobList.parse({ state: "FAILED" }))).total,
  "VM name 'db-01'": async () => (await listBackupJobs(tenant.id, backupJobList.parse({ q: "db-01" }))).total,
  "CSV export: every row, batches of 500": async () => {
    let n = 0;
    for await (const batch of backupJobBatches(tenant.id, {})) n += batch.length;
    return n;
  },
};

const results: Record<string, { medianMs: number; p95Ms: number; total: number }> = {};
for (const [label, run] of Object.entries(views)) {
  const times: number[] = [];
  let total = 0;
  const runs = label.startsWith("CSV") ? 5 : RUNS;
  for (let i = 0; i < runs + 2; i++) {
    const s = process.hrtime.bigint();
    total = await run();
    if (i >= 2) times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  times.sort((a, b) => a - b);
  results[label] = { medianMs: +times[Math.floor(times.length / 2)]!.toFixed(2), p95Ms: +times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!.toFixed(2), total };
  console.log(`${label.padEnd(50)} median ${results[label]!.medianMs.toFixed(2)} ms  p95 ${results[label]!.p95Ms.toFixed(2)} ms  (${total})`);
}

console.log(`load average (1 min) ${loadavg()[0]!.toFixed(1)}`);
mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/backup-jobs.json"), JSON.stringify({ benchmark: "listBackupJobs, backupJobBatches", jobsInTenant: JOBS, runs: RUNS, results, loadAverage1m: +loadavg()[0]!.toFixed(1), date: new Date().toISOString() }, null, 2));
await db().$disconnect();
await dropDatabase(server.adminUrl, dbName);
await server.embedded?.stop();
