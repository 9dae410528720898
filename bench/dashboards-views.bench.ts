// How fast the fleet overview, the cost report and the capacity planner answer
// on a fleet of 200 pools (4 hosts each), 2 000 datastores and 16 000 VMs over three tenants of one
// organization, with one fresh IOPS sample per datastore. Each service is timed beside its floor:
// the same database queries alone (no authorization, no domain), as a ratio. Prints median and
// p95 in ms and writes bench/results/dashboards-views.json.
// Run: node --conditions=react-server --import tsx bench/dashboards-views.bench.ts
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { loadavg } from "node:os";
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate, dropDatabase } from "../scripts/lib/test-db";

const TENANTS = 3;
const POOLS = 200;
const DATASTORES = 2000;
const VMS_PER_POOL = 80;
const RUNS = 30;
const root = path.resolve(import.meta.dirname, "..");

const server = await resolveTestServer(console.log);
const template = await ensureTemplate(server.adminUrl, console.log);
const dbName = `console_bench_views_${process.pid}`;
process.env.DATABASE_URL = await createDatabaseFromTemplate(server.adminUrl, template, dbName);

const { db } = await import("@/lib/db/client");
const f = await import("@/lib/db/factories");
const { authorize } = await import("@/lib/auth/authorize");
const { fleetOverview } = await import("@/lib/services/dashboards-fleet");
const { costReport, monthBounds } = await import("@/lib/services/cost");
const { planCapacity } = await import("@/lib/services/planner");
const { planCapacitySchema } = await import("@/lib/validation/planner");
const q = await import("@/lib/db/dashboards-views");

const now = new Date();
const org = await f.createOrganization(db());
const owner = await f.createUser(db(), { cost: 4 });
await db().organizationMember.create({ data: { organizationId: org.id, userId: owner.id, role: "OWNER" } });
const tenantIds: string[] = [];
const t0 = Date.now();
for (let t = 0; t < TENANTS; t++) {
  const tenant = await f.createTenant(db(), { organizationId: org.id });
  tenantIds.push(tenant.id);
  await f.grantMembership(db(), { userId: owner.id, tenantId: tenant.id });
  const pools = Math.ceil(POOLS / TENANTS);
  const stores = Math.ceil(DATASTORES / TENANTS);
  // Rows in SQL (generate_series): through the client this takes minutes.
  await db().$executeRaw`INSERT INTO "ComputePool" (id, "tenantId", "azId", "nodeTypeCode", name, "activatedMemoryGb", "haEnabled")
    SELECT ${tenant.id} || '-p' || i, ${tenant.id}, 'PAR7S', 'STANDARD_V3', 'pool-' || i, 4 * 256, i % 7 <> 0 FROM generate_series(1, ${pools}) i`;
  await db().$executeRaw`INSERT INTO "Host" (id, "tenantId", "poolId", name, status)
    SELECT ${tenant.id} || '-p' || i || '-h' || h, ${tenant.id}, ${tenant.id} || '-p' || i, 'pool-' || i || '-esx' || h, CASE WHEN (i + h) % 37 = 0 THEN 'MAINTENANCE'::"HostStatus" ELSE 'CONNECTED'::"HostStatus" END
      FROM generate_series(1, ${pools}) i, generate_series(1, 4) h`;
  await db().$executeRaw`INSERT INTO "Datastore" (id, "tenantId", "azId", "tierCode", name, "sizeGib")
    SELECT ${tenant.id} || '-d' || i, ${tenant.id}, 'PAR7S', (ARRAY['ESSENTIEL','STANDARD','PREMIUM','ENTERPRISE','ULTRA'])[1 + i % 5], 'ds-' || i, 2048 + (i % 9) * 512 FROM generate_series(1, ${stores}) i`;
  await db().$executeRaw`INSERT INTO "Vm" (id, "tenantId", "poolId", "hostId", "datastoreId", name, "guestOs", cpu, "memoryGb", "powerState", "iopsDemand", "updatedAt")
    SELECT ${tenant.id} || '-v' || p || '-' || k, ${tenant.id}, ${tenant.id} || '-p' || p, ${tenant.id} || '-p' || p || '-h' || (1 + k % 4), ${tenant.id} || '-d' || (1 + (p * ${VMS_PER_POOL} + k) % ${stores}),
           'vm-' || p || '-' || k, 'Debian 12', 2, 8 + (p % 3) * 4, CASE WHEN k % 4 = 0 THEN 'POWERED_OFF'::"PowerState" ELSE 'POWERED_ON'::"PowerState" END, 40 + k % 200, now()
      FROM generate_series(1, ${pools}) p, generate_series(1, ${VMS_PER_POOL}) k`;
  await db().$executeRaw`INSERT INTO "VmDisk" (id, "tenantId", "vmId", "datastoreId", label, "sizeGib", "usedGib")
    SELECT v.id || '-disk', v."tenantId", v.id, v."datastoreId", 'Hard disk 1', 80, 80 FROM "Vm" v WHERE v."tenantId" = ${tenant.id}`;
  await db().$executeRaw`INSERT INTO "MetricSample" ("tenantId", "resourceType", "resourceId", metric, value, at)
    SELECT ${tenant.id}, 'DATASTORE', d.id, 'iops_demand', 500 + (i * 37) % 9000, CAST(${now.toISOString().replace("Z", "")} AS timestamp(3)) - make_interval(mins => m * 5)
      FROM (SELECT id, row_number() OVER () AS i FROM "Datastore" WHERE "tenantId" = ${tenant.id}) d, generate_series(0, 11) m`;
}
await db().$executeRawUnsafe("ANALYZE");
console.log(`seeded ${POOLS} pools, ${DATASTORES} datastores, ${POOLS * VMS_PER_POOL} VMs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const authz = await authorize({ type: "user", userId: owner.id, email: owner.email, name: owner.name }, { id: tenantIds[0]! });
if (!authz.ok) throw new Error("no context");
const ctx = authz.ctx;
const since = new Date(now.getTime() - 15 * 60_000);
const firstPool = `${tenantIds[0]}-p1`;
const input = planCapacitySchema.parse({ target: "pool", poolId: firstPool, datastoreId: `${tenantIds[0]}-d1`, vmCount: 20, vmMemoryGb: 16, hostCount: 1 });

const views: Record<string, { service: () => Promise<unknown>; floor: () => Promise<unknown> }> = {
  "fleet overview (3 tenants)": {
    service: () => fleetOverview(ctx, now),
    floor: () => Promise.all([q.fleetPoolRows(tenantIds), q.fleetDatastoreRows(tenantIds, since), q.fleetRpoCounts(tenantIds, now), q.fleetUncoveredVmCounts(tenantIds), q.hasDatastoreTelemetry(tenantIds, since)]),
  },
  "cost report (3 tenants)": { service: () => costReport(ctx, now), floor: () => q.costInventory(tenantIds, monthBounds(now).monthStart) },
  "planner: pool + datastore, 20 VMs + 1 host": {
    service: () => planCapacity(ctx, input),
    floor: async () => {
      const { loadPoolState, loadDatastoreState } = await import("@/lib/db/capacity");
      return Promise.all([loadPoolState(tenantIds[0]!, firstPool), loadDatastoreState(tenantIds[0]!, `${tenantIds[0]}-d1`)]);
    },
  },
};

const time = async (run: () => Promise<unknown>) => {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const s = process.hrtime.bigint();
    await run();
    if (i >= 3) times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { medianMs: +times[Math.floor(times.length / 2)]!.toFixed(2), p95Ms: +times[Math.floor(times.length * 0.95)]!.toFixed(2) };
};

// The fleet's floor, query by query: where its time goes.
for (const [label, run] of Object.entries({
  "  pools (per-pool sums)": () => q.fleetPoolRows(tenantIds),
  "  datastores (sums + latest sample)": () => q.fleetDatastoreRows(tenantIds, since),
  "  RPO counts": () => q.fleetRpoCounts(tenantIds, now),
  "  VMs without a policy": () => q.fleetUncoveredVmCounts(tenantIds),
})) {
  const r = await time(run);
  console.log(`${label.padEnd(44)} p50 ${r.medianMs.toFixed(1)} ms  p95 ${r.p95Ms.toFixed(1)} ms`);
}

const results: Record<string, unknown> = {};
for (const [label, v] of Object.entries(views)) {
  const service = await time(v.service);
  const floor = await time(v.floor);
  results[label] = { service, floor, p95Ratio: +(service.p95Ms / floor.p95Ms).toFixed(2) };
  console.log(`${label.padEnd(44)} p50 ${service.medianMs.toFixed(1)} ms  p95 ${service.p95Ms.toFixed(1)} ms  | floor p50 ${floor.medianMs.toFixed(1)} p95 ${floor.p95Ms.toFixed(1)} ms  | ×${(service.p95Ms / floor.p95Ms).toFixed(2)}`);
}

// Figures from a shared machine mean little without its load.
console.log(`load average (1 min) ${loadavg()[0]!.toFixed(1)}`);
mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/dashboards-views.json"), JSON.stringify({ at: now.toISOString(), pools: POOLS, datastores: DATASTORES, vms: POOLS * VMS_PER_POOL, runs: RUNS, results, loadAverage1m: +loadavg()[0]!.toFixed(1) }, null, 2));
await db().$disconnect();
if (process.env.BENCH_KEEP_DB) console.log(`kept ${process.env.DATABASE_URL}`);
else await dropDatabase(server.adminUrl, dbName);
await server.embedded?.stop();
