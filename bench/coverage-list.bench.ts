// How fast the data-protection lists answer on a large tenant: 20 000 VMs (one in five without
// a backup policy, the rest with one or two) and 2 000 replications, beside as many in another
// tenant, on a fresh database cloned from the test template. Times the coverage list as its
// page runs it (count + page + summary) and the replications list with its RPO filter (in SQL);
// prints the median and p95 in ms and writes bench/results/coverage-list.json.
// Run: node --conditions=react-server --import tsx bench/coverage-list.bench.ts
import { writeFileSync, mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate, dropDatabase } from "../scripts/lib/test-db";

const VMS = 20_000;
const REPLICATIONS = 2_000;
const RUNS = 40;
const root = path.resolve(import.meta.dirname, "..");

const server = await resolveTestServer(console.log);
const template = await ensureTemplate(server.adminUrl, console.log);
const dbName = `console_bench_dp_${process.pid}`;
process.env.DATABASE_URL = await createDatabaseFromTemplate(server.adminUrl, template, dbName);

const { db } = await import("@/lib/db/client");
const { listCoverage, coverageSummary } = await import("@/lib/db/backup");
const { listReplications } = await import("@/lib/db/replications");
const { coverageList, replicationList } = await import("@/lib/validation/data-protection");
const f = await import("@/lib/db/factories");

const now = new Date();
async function fill(tenantId: string) {
  const { pool } = await f.createPool(db(), { tenantId, hosts: 32, activatedMemoryGb: 32 * 384 });
  const ds = await f.createDatastore(db(), { tenantId, sizeGib: 500_000 });
  const [daily, gold] = [await f.createBackupPolicy(db(), { tenantId, name: "daily-7d" }), await f.createBackupPolicy(db(), { tenantId, name: "gold" })];
  for (let start = 0; start < VMS; start += 5000) {
    const ids = Array.from({ length: Math.min(5000, VMS - start) }, (_, k) => `bench-${tenantId}-${start + k}`);
    await db().vm.createMany({
      data: ids.map((id, k) => ({ id, tenantId, poolId: pool.id, datastoreId: ds.id, name: `${["web", "app", "db", "cache", "batch"][(start + k) % 5]}-${String(start + k).padStart(6, "0")}`, guestOs: "Debian 12", cpu: 2, memoryGb: 8, powerState: (start + k) % 3 === 0 ? "POWERED_OFF" : "POWERED_ON" })),
    });
    await db().vmDisk.createMany({ data: ids.map((vmId) => ({ tenantId, vmId, datastoreId: ds.id, label: "Hard disk 1", sizeGib: 60, usedGib: 60 })) });
    await db().backupPolicyAssignment.createMany({
      data: ids.flatMap((vmId, k) => ((start + k) % 5 === 0 ? [] : (start + k) % 5 === 1 ? [{ tenantId, vmId, policyId: daily.id }, { tenantId, vmId, policyId: gold.id }] : [{ tenantId, vmId, policyId: daily.id }])),
    });
  }
  await db().replication.createMany({
    data: Array.from({ length: REPLICATIONS }, (_, i) => ({ tenantId, kind: "VM_REPLICATION" as const, sourceAzId: "PAR7S", targetAzId: "TH3S", vmId: `bench-${tenantId}-${i * 7}`, promisedRpoMinutes: 60, status: "ACTIVE" as const, lastReplicatedAt: new Date(now.getTime() - (i % 90) * 60_000) })),
  });
}

const org = await f.createOrganization(db());
const tenant = await f.createTenant(db(), { organizationId: org.id });
const other = await f.createTenant(db(), { organizationId: org.id });
const t0 = Date.now();
await fill(tenant.id);
await fill(other.id);
await db().$executeRawUnsafe("ANALYZE");
console.log(`seeded ${2 * VMS} VMs and ${2 * REPLICATIONS} replications in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const views: Record<string, () => Promise<number>> = {
  "coverage: default (no policy first)": async () => (await Promise.all([listCoverage(tenant.id, coverageList.parse({})), coverageSummary(tenant.id)]))[0].total,
  "coverage: without a policy": async () => (await Promise.all([listCoverage(tenant.id, coverageList.parse({ coverage: "none" })), coverageSummary(tenant.id)]))[0].total,
  "coverage: name 'db' + with a policy": async () => (await Promise.all([listCoverage(tenant.id, coverageList.parse({ q: "db", coverage: "covered" })), coverageSummary(tenant.id)]))[0].total,
  "coverage: page 400 of 800": async () => (await Promise.all([listCoverage(tenant.id, coverageList.parse({ page: "400" })), coverageSummary(tenant.id)]))[0].total,
  "replications: default": async () => (await listReplications(tenant.id, replicationList.parse({}), now)).total,
  "replications: RPO breached": async () => (await listReplications(tenant.id, replicationList.parse({ rpo: "breach" }), now)).total,
  "replications: RPO at risk, by last point": async () => (await listReplications(tenant.id, replicationList.parse({ rpo: "at_risk", sort: "lastReplicatedAt" }), now)).total,
};

const results: Record<string, { medianMs: number; p95Ms: number; total: number }> = {};
for (const [label, run] of Object.entries(views)) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS + 5; i++) {
    const s = process.hrtime.bigint();
    total = await run();
    if (i >= 5) times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  times.sort((a, b) => a - b);
  results[label] = { medianMs: +times[Math.floor(times.length / 2)]!.toFixed(2), p95Ms: +times[Math.floor(times.length * 0.95)]!.toFixed(2), total };
  console.log(`${label.padEnd(42)} median ${results[label]!.medianMs.toFixed(2)} ms  p95 ${results[label]!.p95Ms.toFixed(2)} ms  (${total} matching)`);
}

// Figures from a shared machine mean little without its load.
console.log(`load average (1 min) ${loadavg()[0]!.toFixed(1)}`);
mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/coverage-list.json"), JSON.stringify({ benchmark: "listCoverage + coverageSummary, listReplications", vmsInTenant: VMS, replicationsInTenant: REPLICATIONS, runs: RUNS, results, loadAverage1m: +loadavg()[0]!.toFixed(1), date: new Date().toISOString() }, null, 2));
await db().$disconnect();
await dropDatabase(server.adminUrl, dbName);
await server.embedded?.stop();
