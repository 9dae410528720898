import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { floorSlot, telemetryModel, TELEMETRY_SLOT_MS } from "@/lib/infra/telemetry";
import { backfillTelemetry, collectTelemetry, loadTelemetryInventory } from "@/lib/metrics/collector";
import { DAY_MS, HOUR_MS, floorDay, floorHour, runRollup } from "@/lib/metrics/rollup";
import { PERMISSIONS } from "@/lib/permissions";
import { datastoreIopsCsv, getDatastoreDashboard } from "./dashboards-datastore";
import { getPoolDashboard, poolMemoryCsv } from "./dashboards-pool";
import { planCapacity } from "./planner";
import { planCapacitySchema } from "@/lib/validation/planner";

// The history an operator acts on: minutes above the 85 % line and throttled minutes summed from
// the samples at every range, and each point compared with the line in force when it was measured.
// One pool and one datastore in the tenant, so the simulation gives both their midday incident
// (the pool's consumption climbs to 93 % of its capacity, the datastore's demand to 120 % of its limit).

// A fixed instant, passed to every service: nothing below depends on the day the suite runs.
const NOW = Date.UTC(2026, 10, 25, 12, 2);
const s = { ctx: null as unknown as TenantContext, tenantId: "", pool: "", ds: "" };

beforeAll(async () => {
  const org = await createOrganization(db());
  const t = await createTenant(db(), { organizationId: org.id });
  s.tenantId = t.id;
  const user = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: user.id, tenantId: t.id, permissions: PERMISSIONS });
  const r = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: t.id });
  if (!r.ok) throw new Error("no context");
  s.ctx = r.ctx;
  // 4 STANDARD hosts, 512 GB activated: the 85 % line at 435.2 GB. 300 GB of running VMs.
  const ds = await createDatastore(db(), { tenantId: t.id, tierCode: "STANDARD", sizeGib: 2048, name: "ds-std" });
  s.ds = ds.id;
  const { pool, hosts } = await createPool(db(), { tenantId: t.id, hosts: 4, activatedMemoryGb: 512, nodeTypeCode: "STANDARD_V3", name: "p-std" });
  s.pool = pool.id;
  for (let i = 0; i < 6; i++) await createVm(db(), { tenantId: t.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[i % 4]!.id, memoryGb: 50, powerState: "POWERED_ON", iopsDemand: 200 });
  await backfillTelemetry(db(), NOW, { days: 31, hourDays: 8, rawHours: 24, tenantIds: [t.id] });
});

/** Minutes above the line in force, straight from the simulation's samples of [from, to]. */
async function expectedMinutes(resourceId: string, metric: string, from: number, to: number): Promise<number> {
  const m = telemetryModel(await loadTelemetryInventory(db(), [s.tenantId]));
  const outages = m.outagesBetween(floorDay(NOW - 31 * DAY_MS), floorSlot(NOW) + TELEMETRY_SLOT_MS);
  let minutes = 0;
  for (let at = Math.ceil(from / TELEMETRY_SLOT_MS) * TELEMETRY_SLOT_MS; at <= to; at += TELEMETRY_SLOT_MS) {
    const x = m.samplesAt(at, outages).find((v) => v.resourceId === resourceId && v.metric === metric)!;
    if (x.threshold != null && x.value > x.threshold) minutes += 5;
  }
  return minutes;
}

describe("time above the line, summed from the samples", () => {
  it("the pool's minutes above 85 % at 24 h, 7 d and 30 d are those of its samples, so the ranges agree", async () => {
    const now = new Date(NOW);
    const [day, week, month] = await Promise.all([getPoolDashboard(s.ctx, s.pool, "24h", now), getPoolDashboard(s.ctx, s.pool, "7d", now), getPoolDashboard(s.ctx, s.pool, "30d", now)]);
    // 24 h reads raw samples from now − 24 h; 7 d hourly buckets from the first whole hour after now − 7 d; 30 d daily ones.
    const wantDay = await expectedMinutes(s.pool, "mem_used_gb", NOW - DAY_MS, NOW);
    const wantWeek = await expectedMinutes(s.pool, "mem_used_gb", floorHour(NOW - 7 * DAY_MS) + HOUR_MS, NOW);
    const wantMonth = await expectedMinutes(s.pool, "mem_used_gb", floorDay(NOW - 30 * DAY_MS) + DAY_MS, NOW);
    expect(day.overLineMinutes).toBe(wantDay);
    expect(week.overLineMinutes).toBe(wantWeek);
    expect(month.overLineMinutes).toBe(wantMonth);
    // The incident is every midday: a few hours a day, and a week is about seven days of it (not
    // 7 × 24 h because a peak touched the line, nor a month shaded end to end).
    expect(day.overLineMinutes).toBeGreaterThan(60);
    expect(day.overLineMinutes).toBeLessThan(8 * 60);
    expect(week.overLineMinutes / 7).toBeGreaterThan(day.overLineMinutes * 0.8);
    expect(week.overLineMinutes / 7).toBeLessThan(day.overLineMinutes * 1.2);
    expect(month.overLineMinutes / 30).toBeGreaterThan(day.overLineMinutes * 0.8);
    expect(month.overLineMinutes / 30).toBeLessThan(day.overLineMinutes * 1.2);
    // The 30-day chart shades each day for the part of it spent above the line, not whole days.
    expect(month.overLine.length).toBeGreaterThan(0);
    expect(month.overLine.every((o) => o.share < 0.5)).toBe(true);
    expect(month.overLine.reduce((n, o) => n + o.minutes, 0)).toBe(month.overLineMinutes);
  });

  it("the datastore's throttled minutes are those of its samples at every range", async () => {
    const now = new Date(NOW);
    const [day, week, month] = await Promise.all([getDatastoreDashboard(s.ctx, s.ds, "24h", now), getDatastoreDashboard(s.ctx, s.ds, "7d", now), getDatastoreDashboard(s.ctx, s.ds, "30d", now)]);
    expect(day.figures.iopsLimit).toBe(3000);
    expect(day.throttledMinutes).toBe(await expectedMinutes(s.ds, "iops_demand", NOW - DAY_MS, NOW));
    expect(week.throttledMinutes).toBe(await expectedMinutes(s.ds, "iops_demand", floorHour(NOW - 7 * DAY_MS) + HOUR_MS, NOW));
    expect(month.throttledMinutes).toBe(await expectedMinutes(s.ds, "iops_demand", floorDay(NOW - 30 * DAY_MS) + DAY_MS, NOW));
    expect(day.throttledMinutes).toBeGreaterThan(0);
    expect(month.throttledMinutes).toBeLessThan(30 * 8 * 60);
  });
});

describe("allocated and consumed: two figures, each named, and the rules agree on which they count", () => {
  it("the N+1 card, the planner's headroom and the 85 % rule all count allocated memory, and the card says when the consumed peak would not fit", async () => {
    const d = await getPoolDashboard(s.ctx, s.pool, "24h", new Date(NOW));
    // Allocated: the six running VMs' configured 300 GB; consumed: what the hosts report, up to 93 % of 512 GB at midday.
    expect(d.memory.usedGb).toBe(300);
    expect(d.consumedNowGb).not.toBeNull();
    expect(d.peakGb).toBeGreaterThan(d.lines.pressureGb);
    // One host down: three STANDARD hosts still carry the 512 GB activated, so the line stays at 435.2 GB.
    expect(d.nPlusOne).toMatchObject({ ok: true, capacityAfterLossGb: 512, limitAfterLossGb: 435.2, headroomAfterLossGb: 135.2, peakFits: false });

    const plan = await planCapacity(s.ctx, planCapacitySchema.parse({ target: "pool", poolId: s.pool }));
    if (!plan.ok) throw new Error("a question is always answered");
    expect(plan.value.before.pool).toMatchObject({ usedGb: d.memory.usedGb, headroomGbBefore85: 135.2, nPlusOneOk: d.nPlusOne.ok });

    // 16 VMs of 8 GB fit under the line (128 ≤ 135.2 GB); a 17th trips the rule, which names allocated memory.
    const fits = await planCapacity(s.ctx, planCapacitySchema.parse({ target: "pool", poolId: s.pool, vmCount: 16, vmMemoryGb: 8 }));
    if (!fits.ok) throw new Error("answered");
    expect(fits.warnings.map((v) => v.code)).not.toContain("CPOOL.MEMORY_PRESSURE");
    const over = await planCapacity(s.ctx, planCapacitySchema.parse({ target: "pool", poolId: s.pool, vmCount: 17, vmMemoryGb: 8 }));
    if (!over.ok) throw new Error("answered");
    const pressure = over.warnings.filter((v) => v.code === "CPOOL.MEMORY_PRESSURE");
    expect(pressure.find((v) => v.limit === 435.2)).toMatchObject({ actual: 436, unit: "GB" });
    expect(pressure[0]!.message.en).toContain("allocated memory (the configured memory of its running VMs)");
  });
});

describe("history keeps the limits in force when it was measured", () => {
  it("adding a host (512 → 640 GB activated) does not redraw the past: earlier points and CSV rows keep 512 GB and their breaches", async () => {
    const before = await getPoolDashboard(s.ctx, s.pool, "24h", new Date(NOW));
    expect(before.points.at(-1)).toMatchObject({ activatedGb: 512, line85Gb: 435.2 });
    const breachesBefore = before.points.filter((p) => p.overMinutes > 0).map((p) => p.at);
    expect(breachesBefore.length).toBeGreaterThan(0);

    await db().host.create({ data: { tenantId: s.tenantId, poolId: s.pool, name: "p-std-esx05" } });
    await db().computePool.update({ where: { id: s.pool }, data: { activatedMemoryGb: 640 } });
    const later = NOW + 2 * HOUR_MS;
    await collectTelemetry(db(), later);
    await runRollup(db(), later);

    const after = await getPoolDashboard(s.ctx, s.pool, "24h", new Date(later));
    expect(after.lines).toMatchObject({ activatedGb: 640, pressureGb: 544 });
    const old = after.points.filter((p) => p.at <= NOW);
    const fresh = after.points.filter((p) => p.at > NOW);
    expect(old.every((p) => p.activatedGb === 512 && p.line85Gb === 435.2)).toBe(true);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((p) => p.activatedGb === 640 && p.line85Gb === 544)).toBe(true);
    // The morning's breaches are still breaches, although they would fit under today's line.
    const stillOver = old.filter((p) => p.overMinutes > 0).map((p) => p.at);
    expect(stillOver).toEqual(breachesBefore.filter((at) => at >= later - DAY_MS));
    expect(old.some((p) => p.overMinutes > 0 && p.usedGb <= 544)).toBe(true);

    // The CSV says the same, row by row.
    const csv = poolMemoryCsv(after);
    const col = (name: string) => csv.header.indexOf(name);
    const activated = new Set(csv.rows.map((r) => r[col("activated_gb")]));
    expect(activated).toEqual(new Set([512, 640]));
    expect(csv.rows.filter((r) => (r[col("minutes_above_85")] as number) > 0).every((r) => (r[col("consumed_gb_avg")] as number) > (r[col("line_85_gb")] as number))).toBe(true);

    // So does the week, from the hourly rollups.
    const week = await getPoolDashboard(s.ctx, s.pool, "7d", new Date(later));
    expect(new Set(poolMemoryCsv(week).rows.map((r) => r[col("activated_gb")]))).toEqual(new Set([512, 640]));
    expect(week.points.filter((p) => p.at < floorHour(NOW)).every((p) => p.activatedGb === 512)).toBe(true);
  });

  it("the datastore's CSV carries the IOPS limit of each row's time: growing it to 4 TiB leaves the past at 3 000", async () => {
    await db().datastore.update({ where: { id: s.ds }, data: { sizeGib: 4096 } });
    const later = NOW + 3 * HOUR_MS;
    await collectTelemetry(db(), later);
    const d = await getDatastoreDashboard(s.ctx, s.ds, "24h", new Date(later));
    expect(d.figures.iopsLimit).toBe(6000);
    const csv = datastoreIopsCsv(d);
    const limit = csv.header.indexOf("iops_limit");
    const at = csv.header.indexOf("at");
    const rows = csv.rows.map((r) => [Date.parse(r[at] as string), r[limit]] as const);
    expect(rows.filter(([t]) => t <= NOW + 2 * HOUR_MS).every(([, l]) => l === 3000)).toBe(true);
    expect(rows.filter(([t]) => t > NOW + 2 * HOUR_MS).every(([, l]) => l === 6000)).toBe(true);
    expect(d.throttled.reduce((n, o) => n + o.minutes, 0)).toBe(d.throttledMinutes);
  });
});

describe("annotations: what happened, at its time", () => {
  it("the pool's charts mark its outages, maintenance, memory and HA changes and deliveries of the range, and nothing of another tenant", async () => {
    const org = (await db().tenant.findUniqueOrThrow({ where: { id: s.tenantId } })).organizationId;
    const hosts = await db().host.findMany({ where: { poolId: s.pool }, orderBy: { name: "asc" } });
    const at = (h: number) => new Date(NOW + h * HOUR_MS);
    await db().availabilityEvent.create({ data: { tenantId: s.tenantId, resourceType: "HOST", resourceId: hosts[0]!.id, startedAt: at(3), endedAt: new Date(NOW + 3 * HOUR_MS + 3 * 60_000), cause: "host.failure.ha_restart" } });
    await db().auditEvent.createMany({
      data: [
        { organizationId: org, tenantId: s.tenantId, actorType: "USER", action: "host.enter_maintenance", targetType: "host", targetId: hosts[1]!.id, targetName: hosts[1]!.name, createdAt: at(4) },
        { organizationId: org, tenantId: s.tenantId, actorType: "USER", action: "pool.set_activated_memory", targetType: "pool", targetId: s.pool, targetName: "p-std", details: { before: { activatedMemoryGb: 640 }, after: { activatedMemoryGb: 768 } }, createdAt: at(5) },
        // Refused: nothing changed, nothing to mark.
        { organizationId: org, tenantId: s.tenantId, actorType: "USER", action: "pool.set_ha", outcome: "REFUSED", targetType: "pool", targetId: s.pool, targetName: "p-std", createdAt: at(5) },
      ],
    });
    await db().host.update({ where: { id: hosts.at(-1)!.id }, data: { createdAt: at(1) } });
    // Another tenant's pool and its outage.
    const other = await createTenant(db(), { organizationId: org });
    const theirs = await createPool(db(), { tenantId: other.id, hosts: 2, name: "p-theirs" });
    await db().availabilityEvent.create({ data: { tenantId: other.id, resourceType: "POOL", resourceId: theirs.pool.id, startedAt: at(3), endedAt: at(4), cause: "host.failure.no_ha" } });

    const d = await getPoolDashboard(s.ctx, s.pool, "24h", at(6));
    expect(d.annotations.map((a) => [a.kind, a.at - NOW, a.name])).toEqual([
      ["delivery", HOUR_MS, hosts.at(-1)!.name],
      ["outage", 3 * HOUR_MS, hosts[0]!.name],
      ["maintenance_start", 4 * HOUR_MS, hosts[1]!.name],
      ["activated_memory", 5 * HOUR_MS, "p-std"],
    ]);
    expect(d.annotations[1]!.endAt! - d.annotations[1]!.at).toBe(3 * 60_000);
    expect(d.annotations[3]).toMatchObject({ before: 640, after: 768 });
    // Before those hours, the range holds none of them.
    expect((await getPoolDashboard(s.ctx, s.pool, "24h", new Date(NOW))).annotations.filter((a) => a.at > NOW)).toEqual([]);
  });
});

