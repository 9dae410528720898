// The fleet overview, the cost page and the capacity planner against the demo
// seed: every figure equals the domain's own computation over the same stored rows, read here by
// an independent path (loadPoolState / loadDatastoreState per resource, rpoStatus per row).
import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/demo-seed";
import { DEMO_USERS } from "@/lib/db/demo-accounts";
import { loadDatastoreState, loadPoolState } from "@/lib/db/capacity";
import { createDatastore, createOrganization, createPool, createTenant } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { monthlyCost, type Inventory } from "@/lib/domain/billing";
import type { NodeTypeCode, StorageTierCode } from "@/lib/domain/catalogue";
import { poolMemory } from "@/lib/domain/pool";
import { rpoStatus } from "@/lib/domain/replication";
import { datastoreFigures, spaceShort, type StorageReplicationKind } from "@/lib/domain/storage";
import { whatIfAll } from "@/lib/domain/what-if";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { memberContext } from "@/test/integration/context";
import { planCapacitySchema } from "@/lib/validation/planner";
import { lastReplicatedPoint } from "@/lib/db/replications";
import { datastoresNeedingAttention, fleetOverview } from "./dashboards-fleet";
import { listPools } from "./pools";
import { costReport } from "./cost";
import { planCapacity, plannerChanges } from "./planner";

async function demoContext(who: keyof typeof DEMO_USERS, slug: string): Promise<TenantContext> {
  const u = await db().user.findUniqueOrThrow({ where: { email: DEMO_USERS[who] } });
  const r = await authorize({ type: "user", userId: u.id, email: u.email, name: u.name }, { slug });
  if (!r.ok) throw new Error(`${who} has no context in ${slug}: ${r.reason}`);
  return r.ctx;
}

const NOW = new Date();

beforeAll(async () => {
  await seedDemo(db(), NOW);
}, 120_000);

describe("fleet overview", () => {
  it("an operator sees every tenant of the organization; a tenant admin only theirs", async () => {
    const operator = await fleetOverview(await demoContext("operator", "recette"), NOW);
    expect(operator.organizationWide).toBe(true);
    expect(operator.rows.map((r) => r.tenant.slug)).toEqual(["analytics", "production", "recette"]);
    const owner = await fleetOverview(await demoContext("owner", "production"), NOW);
    expect(owner.rows).toHaveLength(3);
    const admin = await fleetOverview(await demoContext("adminProd", "production"), NOW);
    expect(admin.organizationWide).toBe(false);
    expect(admin.rows.map((r) => r.tenant.slug)).toEqual(["production"]);
  });

  it("a member without metric:read is refused", async () => {
    const tenant = await db().tenant.findUniqueOrThrow({ where: { slug: "production" } });
    await expect(fleetOverview(await memberContext(tenant.id, ["compute:read"]), NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("counts what the domain says of each pool, datastore, replication and VM", async () => {
    const fleet = await fleetOverview(await demoContext("owner", "production"), NOW);
    // the demo seed backfills telemetry up to NOW
    expect(fleet.telemetry).toBe(true);
    for (const row of fleet.rows) {
      const tenantId = row.tenant.id;
      const recent = await db().metricSample.findMany({
        where: { tenantId, resourceType: "DATASTORE", metric: "iops_demand", at: { gte: new Date(NOW.getTime() - 15 * 60_000) } },
        orderBy: { at: "desc" },
      });
      const latestIops = new Map<string, number>();
      for (const s of recent) if (!latestIops.has(s.resourceId)) latestIops.set(s.resourceId, s.value);
      const pools = await Promise.all((await db().computePool.findMany({ where: { tenantId }, select: { id: true } })).map((p) => loadPoolState(tenantId, p.id)));
      // the pools page's count: hosts in maintenance carry nothing (a disconnected one still counts as there)
      const memories = await Promise.all(
        pools.map(async (p) => {
          const maintenance = await db().host.count({ where: { tenantId, poolId: p.id, status: "MAINTENANCE" } });
          return poolMemory({ nodeType: p.nodeType, hosts: p.hosts.length, hostsInMaintenance: maintenance, activatedMemoryGb: p.activatedMemoryGb, haEnabled: p.haEnabled, usedGb: p.vms.filter((v) => v.poweredOn).reduce((n, v) => n + v.memoryGb, 0) });
        }),
      );
      const stores = await Promise.all((await db().datastore.findMany({ where: { tenantId }, select: { id: true } })).map((d) => loadDatastoreState(tenantId, d.id)));
      const reps = await db().replication.findMany({ where: { tenantId } });
      const rpo = reps.map((r) => rpoStatus(r.promisedRpoMinutes, lastReplicatedPoint(r, NOW), NOW).status);
      const uncovered = await db().vm.count({ where: { tenantId, backups: { none: {} } } });
      expect(row.counts).toEqual({
        pools: pools.length,
        datastores: stores.length,
        poolsInPressure: memories.filter((m) => m.inPressure).length,
        poolsNotSlaEligible: memories.filter((m) => !m.slaEligible).length,
        datastoresOverIops: stores.filter((d) => {
          const limit = datastoreFigures(d).iopsLimit;
          const demand = latestIops.get(d.id);
          return limit !== null && demand !== undefined && demand > limit;
        }).length,
        datastoresShortOfSpace: stores.filter((d) => {
          const s = spaceShort(datastoreFigures(d));
          return s.reserve || s.swap;
        }).length,
        replicationsAtRisk: rpo.filter((s) => s === "at_risk").length,
        replicationsInBreach: rpo.filter((s) => s === "breach").length,
        vmsWithoutBackup: uncovered,
      });
    }
    // the demo has something to show
    expect(fleet.totals.vmsWithoutBackup + fleet.totals.poolsNotSlaEligible + fleet.totals.replicationsInBreach + fleet.totals.replicationsAtRisk).toBeGreaterThan(0);
  });

  it("each count equals the filtered list it links to", async () => {
    const fleet = await fleetOverview(await demoContext("owner", "production"), NOW);
    for (const row of fleet.rows) {
      const ctx = await demoContext("owner", row.tenant.slug);
      const pools = await listPools(ctx);
      expect(pools.filter((p) => p.memory.inPressure).length).toBe(row.counts.poolsInPressure);
      expect(pools.filter((p) => !p.memory.slaEligible).length).toBe(row.counts.poolsNotSlaEligible);
      expect((await datastoresNeedingAttention(ctx, "space", NOW)).size).toBe(row.counts.datastoresShortOfSpace);
      expect((await datastoresNeedingAttention(ctx, "iops", NOW)).size).toBe(row.counts.datastoresOverIops);
    }
  });

  it("counts a datastore over its IOPS limit from its latest sample of the last 15 minutes only", async () => {
    const ctx = await demoContext("owner", "analytics");
    // a fleet whose datastores the collector has not sampled yet
    await db().metricSample.deleteMany({ where: { resourceType: "DATASTORE", metric: "iops_demand" } });
    const ds = await db().datastore.findFirstOrThrow({ where: { tenantId: ctx.tenant.id, tierCode: { not: "MASS" } }, orderBy: { name: "asc" } });
    const limit = datastoreFigures({ ...(await loadDatastoreState(ctx.tenant.id, ds.id)) }).iopsLimit!;
    const sample = (value: number, minutesAgo: number) => ({ tenantId: ctx.tenant.id, resourceType: "DATASTORE" as const, resourceId: ds.id, metric: "iops_demand", value, at: new Date(NOW.getTime() - minutesAgo * 60_000) });
    const before = (await fleetOverview(ctx, NOW)).rows.find((r) => r.tenant.id === ctx.tenant.id)!.counts.datastoresOverIops;
    // an old sample over the limit says nothing about now
    await db().metricSample.create({ data: sample(limit + 500, 30) });
    expect((await fleetOverview(ctx, NOW)).telemetry).toBe(false);
    // the latest recent sample decides: over, then back under
    await db().metricSample.create({ data: sample(limit + 1, 10) });
    let fleet = await fleetOverview(ctx, NOW);
    expect(fleet.telemetry).toBe(true);
    expect(fleet.rows.find((r) => r.tenant.id === ctx.tenant.id)!.counts.datastoresOverIops).toBe(before + 1);
    expect(await datastoresNeedingAttention(ctx, "iops", NOW)).toEqual(new Set([ds.id]));
    await db().metricSample.create({ data: sample(limit, 2) });
    fleet = await fleetOverview(ctx, NOW);
    expect(fleet.rows.find((r) => r.tenant.id === ctx.tenant.id)!.counts.datastoresOverIops).toBe(before);
    await db().metricSample.deleteMany({ where: { resourceId: ds.id } });
  });
});

describe("cost", () => {
  it("forecast = the domain's monthly cost of the stored inventory when it all predates the month; month to date prorated by days", async () => {
    // The first day of next month + 9 days: every demo resource existed before that month began.
    const later = new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() + 1, 10, 12));
    const report = await costReport(await demoContext("owner", "production"), later);
    expect(report.tenants.map((t) => t.tenant.slug)).toEqual(["analytics", "production", "recette"]);
    expect(report.daysElapsed).toBe(10);
    for (const t of report.tenants) {
      const tenantId = t.tenant.id;
      const tenant = await db().tenant.findUniqueOrThrow({ where: { id: tenantId } });
      const hosts = await db().host.findMany({ where: { tenantId }, select: { pool: { select: { nodeTypeCode: true } } } });
      const stores = await Promise.all((await db().datastore.findMany({ where: { tenantId }, select: { id: true } })).map((d) => loadDatastoreState(tenantId, d.id)));
      const inventory: Inventory = {
        region: tenant.regionId,
        hosts: hosts.map((h) => ({ nodeType: h.pool.nodeTypeCode as NodeTypeCode, count: 1 })),
        datastores: stores.map((d) => ({ tier: d.tier as StorageTierCode, sizeGib: d.sizeGib, replication: d.replication as StorageReplicationKind | null })),
        backupStorageTib: tenant.backupQuotaTib,
        backedUpVms: await db().vm.count({ where: { tenantId, backups: { some: {} } } }),
        replicatedVms: await db().replication.count({ where: { tenantId, kind: "VM_REPLICATION", status: { not: "FAILED_OVER" } } }),
        encryptedVms: await db().vm.count({ where: { tenantId, encryption: "ENCRYPTED" } }),
      };
      const expected = monthlyCost(inventory);
      expect(t.forecast).toBeCloseTo(expected.total, 1);
      expect(t.monthToDate).toBeCloseTo((expected.total * 10) / report.daysInMonth, 0);
      expect(t.lines.map((l) => l.sku).sort()).toEqual(expected.lines.map((l) => l.sku).sort());
    }
    expect(report.forecast).toBeCloseTo(report.tenants.reduce((n, t) => n + t.forecast, 0), 1);
    expect(report.bySku.reduce((n, l) => n + l.forecast, 0)).toBeCloseTo(report.forecast, 1);
  });

  it("bills the demo's hosts and datastores from the start of the month: its inventory is as old as its 30 days of history", async () => {
    const report = await costReport(await demoContext("owner", "production"), NOW);
    for (const t of report.tenants) {
      const hosts = await db().host.findMany({ where: { tenantId: t.tenant.id }, select: { pool: { select: { nodeTypeCode: true } } } });
      const priced = monthlyCost({ region: "FR1", hosts: hosts.map((h) => ({ nodeType: h.pool.nodeTypeCode as NodeTypeCode, count: 1 })), datastores: [], backupStorageTib: 0, backedUpVms: 0, replicatedVms: 0, encryptedVms: 0 });
      for (const l of priced.lines) {
        const line = t.lines.find((x) => x.sku === l.sku)!;
        // The whole month is billed, and so far the days up to today: not from the day the seed ran.
        expect(line.forecast).toBeCloseTo(l.total, 1);
        expect(line.monthToDate).toBeCloseTo((l.total * report.daysElapsed) / report.daysInMonth, 1);
      }
    }
  });

  it("prorates a resource created this month from its creation day", async () => {
    const org = await createOrganization(db());
    const tenant = await createTenant(db(), { organizationId: org.id, backupQuotaTib: 0 });
    const ctx = await memberContext(tenant.id);
    const { hosts } = await createPool(db(), { tenantId: tenant.id, hosts: 2, nodeTypeCode: "STANDARD_V3" });
    const ds = await createDatastore(db(), { tenantId: tenant.id, tierCode: "STANDARD", sizeGib: 2048 });
    // November 2026 has 30 days; on the 20th, 20 days are billed so far
    await db().host.update({ where: { id: hosts[0]!.id }, data: { createdAt: new Date("2026-10-01T00:00:00Z") } });
    await db().host.update({ where: { id: hosts[1]!.id }, data: { createdAt: new Date("2026-11-11T08:00:00Z") } });
    await db().datastore.update({ where: { id: ds.id }, data: { createdAt: new Date("2026-10-15T00:00:00Z") } });
    const r = await costReport(ctx, new Date("2026-11-20T12:00:00Z"));
    expect(r).toMatchObject({ month: "2026-11", daysInMonth: 30, daysElapsed: 20 });
    const host = r.bySku.find((l) => l.sku === "csp:fr1:iaas:vmware:standard:v3")!;
    // 1400 × 20/30 + 1400 × 10/30 = 1400; forecast 1400 + 1400 × 20/30
    expect(host.monthToDate).toBeCloseTo(1400, 2);
    expect(host.forecast).toBeCloseTo(2333.33, 2);
    const storage = r.bySku.find((l) => l.sku === "csp:fr1:iaas:storage:bloc:medium:v1")!;
    // 2048 GiB × 0.09 = 184.32 a month
    expect(storage.forecast).toBeCloseTo(184.32, 2);
    expect(storage.monthToDate).toBeCloseTo(122.88, 2);
  });
});

describe("capacity planner", () => {
  it("shows the domain's what-if of the stored pool, and refuses VMs that do not fit", async () => {
    const ctx = await demoContext("adminProd", "production");
    const pool = await db().computePool.findFirstOrThrow({ where: { tenantId: ctx.tenant.id }, orderBy: { name: "asc" } });
    const input = planCapacitySchema.parse({ target: "pool", poolId: pool.id, vmCount: 40, vmMemoryGb: 256, vmCpu: 8 });
    const r = await planCapacity(ctx, input);
    if (!r.ok) throw new Error("a question is always answered");
    const expected = whatIfAll({ pool: await loadPoolState(ctx.tenant.id, pool.id) }, plannerChanges(input, { pool: await loadPoolState(ctx.tenant.id, pool.id) }));
    expect(r.value.before).toEqual(expected.before);
    expect(r.value.after).toEqual(expected.after);
    expect(r.value.fits).toBe(false);
    expect(r.value.addedVcpu).toBe(320);
    expect(r.warnings.map((v) => v.code)).toContain("CPOOL.MEMORY_PRESSURE");
    // nothing was written
    expect(await db().vm.count({ where: { tenantId: ctx.tenant.id, name: { startsWith: "planned-" } } })).toBe(0);
  });

  it("a small VM on a datastore fits; a tier change moves the IOPS limit", async () => {
    const ctx = await demoContext("adminProd", "production");
    const ds = await db().datastore.findFirstOrThrow({ where: { tenantId: ctx.tenant.id, tierCode: "STANDARD" } });
    const r = await planCapacity(ctx, planCapacitySchema.parse({ target: "datastore", datastoreId: ds.id, vmCount: 1, vmMemoryGb: 1, vmDiskGib: 1, tier: "ULTRA" }));
    if (!r.ok) throw new Error("answered");
    expect(r.value.after.datastore!.iopsLimit).toBe(Math.floor((15000 * ds.sizeGib) / 1024));
    expect(r.value.after.datastore!.usedGib).toBe(r.value.before.datastore!.usedGib + 1);
  });

  it("another tenant's pool or datastore is not found", async () => {
    const ctx = await demoContext("adminProd", "production");
    const theirs = await db().computePool.findFirstOrThrow({ where: { tenant: { slug: "recette" } } });
    const theirDs = await db().datastore.findFirstOrThrow({ where: { tenant: { slug: "recette" } } });
    await expect(planCapacity(ctx, planCapacitySchema.parse({ target: "pool", poolId: theirs.id, vmCount: 1 }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(planCapacity(ctx, planCapacitySchema.parse({ target: "datastore", datastoreId: theirDs.id }))).rejects.toBeInstanceOf(NotFoundError);
  });
});
