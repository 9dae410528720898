// What a change to one VM reads before it decides (getVmForChange), on a database where other
// tenants hold many snapshots and backup assignments: Prisma's relation `_count` grouped every
// tenant's rows before joining; the counts are now read for the VM alone. Prints both timings.
// Not in CI: `node --conditions=react-server --import tsx bench/vm-change-read.bench.ts`.
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate, dropDatabase } from "../scripts/lib/test-db";

const VMS = Number(process.env.BENCH_VMS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const server = await resolveTestServer(console.log);
const template = await ensureTemplate(server.adminUrl, console.log);
const dbName = `console_bench_vmread_${process.pid}`;
process.env.DATABASE_URL = await createDatabaseFromTemplate(server.adminUrl, template, dbName);

const { db } = await import("@/lib/db/client");
const f = await import("@/lib/db/factories");
const { getVmForChange } = await import("@/lib/db/vms");

try {
  const org = await f.createOrganization(db());
  const tenantId = (await f.createTenant(db(), { organizationId: org.id })).id;
  const { pool } = await f.createPool(db(), { tenantId, hosts: 3 });
  const ds = await f.createDatastore(db(), { tenantId, sizeGib: 900_000 });
  for (let start = 0; start < VMS; start += 5000) {
    await db().vm.createMany({
      data: Array.from({ length: Math.min(5000, VMS - start) }, (_, k) => ({
        tenantId, poolId: pool.id, datastoreId: ds.id, name: `vm-${start + k}`, guestOs: "Debian 12", cpu: 1, memoryGb: 2,
      })),
    });
  }
  // Two snapshots per VM, as a busy organization has.
  await db().$executeRaw`INSERT INTO "Snapshot" (id, "tenantId", "vmId", name) SELECT gen_random_uuid()::text, "tenantId", id, 's' || g FROM "Vm", generate_series(1, 2) g`;
  await db().$executeRaw`ANALYZE`;
  const vm = (await db().vm.findFirst({ where: { tenantId }, select: { id: true } }))!;

  async function time(label: string, fn: () => Promise<unknown>) {
    await fn();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    console.log(`${label}: p50 ${ms[Math.floor(RUNS / 2)]!.toFixed(1)} ms, p95 ${ms[Math.floor(RUNS * 0.95)]!.toFixed(1)} ms`);
  }
  console.log(`${VMS} VMs, ${2 * VMS} snapshots`);
  await time("relation _count (before)", () =>
    db().vm.findFirst({ where: { id: vm.id, tenantId }, select: { id: true, _count: { select: { backups: true, snapshots: true } } } }),
  );
  await time("getVmForChange (now)", () => getVmForChange(tenantId, vm.id));
} finally {
  await db().$disconnect();
  await dropDatabase(server.adminUrl, dbName);
  await server.embedded?.stop();
}
