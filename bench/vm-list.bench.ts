// How fast the VM list answers on a large tenant: 20 000 VMs in the tenant under test
// beside 20 000 in another, on a fresh database cloned from the test template. Times
// listVms (count + page, as the page runs it) for the views people use, and prints the
// median and p95 in ms; writes bench/results/vm-list.json.
// Run: node --conditions=react-server --import tsx bench/vm-list.bench.ts
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate, dropDatabase } from "../scripts/lib/test-db";

const VMS = 20_000;
const RUNS = 60;
const root = path.resolve(import.meta.dirname, "..");

const server = await resolveTestServer(console.log);
const template = await ensureTemplate(server.adminUrl, console.log);
const dbName = `console_bench_${process.pid}`;
process.env.DATABASE_URL = await createDatabaseFromTemplate(server.adminUrl, template, dbName);

const { db } = await import("@/lib/db/client");
const { listVms } = await import("@/lib/db/vms");
const { parseVmListQuery } = await import("@/lib/validation/vm-list");
const f = await import("@/lib/db/factories");

async function fill(tenantId: string) {
  const { pool, hosts } = await f.createPool(db(), { tenantId, hosts: 32, activatedMemoryGb: 32 * 384 });
  const ds = await f.createDatastore(db(), { tenantId, sizeGib: 500_000 });
  const states = ["POWERED_ON", "POWERED_OFF", "SUSPENDED"] as const;
  for (let start = 0; start < VMS; start += 5000) {
    await db().vm.createMany({
      data: Array.from({ length: Math.min(5000, VMS - start) }, (_, k) => {
        const i = start + k;
        const state = states[i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0]!;
        return {
          tenantId,
          poolId: pool.id,
          datastoreId: ds.id,
          hostId: state === "POWERED_OFF" ? null : hosts[i % hosts.length]!.id,
          name: `${["web", "app", "db", "cache", "batch"][i % 5]}-${String(i).padStart(6, "0")}`,
          guestOs: "Debian 12",
          cpu: 1 + (i % 16),
          memoryGb: [2, 4, 8, 16, 32, 64][i % 6]!,
          powerState: state,
          createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        };
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
console.log(`seeded ${2 * VMS} VMs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const views: Record<string, Record<string, string>> = {
  "default (page 1 by name)": {},
  "name filter 'db'": { q: "db" },
  "state filter POWERED_ON": { state: "POWERED_ON" },
  "name + state": { q: "web-00", state: "SUSPENDED" },
  "sort by memory desc": { sort: "memoryGb", dir: "desc" },
  "sort by created desc": { sort: "createdAt", dir: "desc" },
  "page 400 of 800": { page: "400" },
};

const results: Record<string, { medianMs: number; p95Ms: number; total: number }> = {};
for (const [label, params] of Object.entries(views)) {
  const q = parseVmListQuery(params);
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS + 5; i++) {
    const s = process.hrtime.bigint();
    total = (await listVms(tenant.id, q)).total;
    if (i >= 5) times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  times.sort((a, b) => a - b);
  results[label] = { medianMs: +times[Math.floor(times.length / 2)]!.toFixed(2), p95Ms: +times[Math.floor(times.length * 0.95)]!.toFixed(2), total };
  console.log(`${label.padEnd(28)} median ${results[label]!.medianMs.toFixed(2)} ms  p95 ${results[label]!.p95Ms.toFixed(2)} ms  (${total} matching)`);
}

mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/vm-list.json"), JSON.stringify({ benchmark: "listVms", vmsInTenant: VMS, vmsInOtherTenant: VMS, runs: RUNS, results, date: new Date().toISOString() }, null, 2));
await db().$disconnect();
await dropDatabase(server.adminUrl, dbName);
await server.embedded?.stop();
