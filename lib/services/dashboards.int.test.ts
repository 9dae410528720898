import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { loadDatastoreState, loadPoolState } from "@/lib/db/capacity";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { hostUsage, poolMemory } from "@/lib/domain/pool";
import { datastoreFigures } from "@/lib/domain/storage";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { backfillTelemetry } from "@/lib/metrics/collector";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import { getDatastoreDashboard } from "./dashboards-datastore";
import { getPoolDashboard } from "./dashboards-pool";
import { getSlaDashboard } from "./dashboards-sla";

const s = { a: null as unknown as TenantContext, b: null as unknown as TenantContext, noMetric: null as unknown as TenantContext, pool: "", ds: "", host: "" };

async function ctxFor(userId: string, tenantId: string, permissions: readonly Permission[]) {
  await grantMembership(db(), { userId, tenantId, permissions });
  const u = await db().user.findUniqueOrThrow({ where: { id: userId } });
  const r = await authorize({ type: "user", userId, email: u.email, name: u.name }, { id: tenantId });
  if (!r.ok) throw new Error("no context");
  return r.ctx;
}

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id });
  const b = await createTenant(db(), { organizationId: org.id });
  const user = await createUser(db(), { cost: 4 });
  s.a = await ctxFor(user.id, a.id, PERMISSIONS);
  s.b = await ctxFor(user.id, b.id, PERMISSIONS);
  const other = await createUser(db(), { cost: 4 });
  s.noMetric = await ctxFor(other.id, a.id, PERMISSIONS.filter((p) => p !== "metric:read"));
  const ds = await createDatastore(db(), { tenantId: a.id, tierCode: "STANDARD", sizeGib: 512, name: "ds-half-tb" });
  s.ds = ds.id;
  const { pool, hosts } = await createPool(db(), { tenantId: a.id, hosts: 3, activatedMemoryGb: 3 * 128, nodeTypeCode: "STANDARD_V3", name: "p-three" });
  s.pool = pool.id;
  s.host = hosts[0]!.id;
  // Running: 64 + 32 on the first host, 32 on the second; one stopped VM holds no memory.
  await createVm(db(), { tenantId: a.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, memoryGb: 64, powerState: "POWERED_ON", iopsDemand: 500, diskGib: 100 });
  await createVm(db(), { tenantId: a.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, memoryGb: 32, powerState: "POWERED_ON", iopsDemand: 200, diskGib: 50, thin: true });
  await createVm(db(), { tenantId: a.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[1]!.id, memoryGb: 32, powerState: "POWERED_ON", iopsDemand: 100 });
  await createVm(db(), { tenantId: a.id, poolId: pool.id, datastoreId: ds.id, hostId: null, memoryGb: 16, powerState: "POWERED_OFF" });
  await backfillTelemetry(db(), Date.now(), { days: 30, rawHours: 24, tenantIds: [a.id] });
});

describe("dashboards", () => {
  it("the pool dashboard's figures are the domain's over the whole inventory: 85 % line, headroom, N+1, per-host load", async () => {
    const d = await getPoolDashboard(s.a, s.pool, "24h");
    const state = await loadPoolState(s.a.tenant.id, s.pool);
    expect(d.memory).toEqual(poolMemory(state));
    // 3 × 128 GB activated: the line at 326.4 GB; 128 GB running.
    expect(d.lines).toEqual({ pressureGb: 326.4, activatedGb: 384, physicalGb: 3 * 384, pressurePct: 85 });
    expect(d.memory.headroomGbBefore85).toBeCloseTo(198.4);
    // One host down: two 384 GB hosts still carry the whole 384 GB activated (a software cap).
    expect(d.nPlusOne).toMatchObject({ ok: true, capacityAfterLossGb: 384, limitAfterLossGb: 326.4 });
    const usage = hostUsage(state);
    expect(d.hosts.map((h) => [h.usedGb, h.shareGb])).toEqual(usage.map((u) => [u.usedGb, u.shareGb]));
    expect(d.hosts.map((h) => h.vmCount)).toEqual([2, 1, 0]);
    expect(d.points.length).toBeGreaterThanOrEqual(280);
    expect(d.hostPoints.length).toBe(d.points.length);
    const month = await getPoolDashboard(s.a, s.pool, "30d");
    expect([month.resolution, month.points.length]).toEqual(["DAY", 30]);
  });

  it("the datastore dashboard's figures are the domain's: 0.5 TB Standard gives 750 IOPS; space split and over-commit", async () => {
    const d = await getDatastoreDashboard(s.a, s.ds, "7d");
    expect(d.figures).toEqual(datastoreFigures(await loadDatastoreState(s.a.tenant.id, s.ds)));
    expect(d.figures.iopsLimit).toBe(750);
    expect(d.figures.iopsDemand).toBe(800);
    expect(d.figures.throttled).toBe(true);
    expect(d.space.map((x) => x.gib)).toEqual([d.figures.usedGib, 128, 51.2, d.figures.availableGib]);
    expect(d.resolution).toBe("HOUR");
    // Demand above the limit at the daily peak: throttled periods are marked.
    expect(d.throttled.length).toBeGreaterThan(0);
  });

  it("the SLA dashboard counts this month's outages against 99.99 % and says why a pool is not eligible", async () => {
    // Noon on the 15th of this month: the outage below (00:10–00:12 on the 1st) is in the month so far
    // whatever the day and hour the suite runs at (at 00:05 on the 1st it would not have happened yet).
    const today = new Date();
    const now = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 15, 12));
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 0, 10));
    await db().availabilityEvent.create({ data: { tenantId: s.a.tenant.id, resourceType: "HOST", resourceId: s.host, startedAt: start, endedAt: new Date(start.getTime() + 2 * 60_000), cause: "host.failure.ha_restart" } });
    const one = await createPool(db(), { tenantId: s.a.tenant.id, hosts: 1, activatedMemoryGb: 128, nodeTypeCode: "STANDARD_V3", name: "p-one" });
    const d = await getSlaDashboard(s.a, now);
    const mine = d.tenants.find((t) => t.id === s.a.tenant.id)!;
    expect(mine.downtimeMinutes).toBeGreaterThanOrEqual(2);
    expect(d.month.days).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate());
    expect(mine.allowedMinutes).toBeCloseTo(d.month.days * 1440 * 0.0001, 6);
    // Both of the user's tenants are listed: it reads metrics in each.
    expect(d.tenants.map((t) => t.id).sort()).toEqual([s.a.tenant.id, s.b.tenant.id].sort());
    const p = d.pools.find((x) => x.id === one.pool.id)!;
    expect([p.eligible, p.why[0]?.code]).toEqual([false, "CPOOL.SLA_INELIGIBLE"]);
    expect(d.events.some((e) => e.resourceName === "p-three-esx01" || e.minutes >= 2)).toBe(true);
  });

  it("another tenant's pool or datastore is not found; without metric:read the read is refused", async () => {
    await expect(getPoolDashboard(s.b, s.pool, "24h")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDatastoreDashboard(s.b, s.ds, "24h")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPoolDashboard(s.noMetric, s.pool, "24h")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getSlaDashboard(s.noMetric)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
