import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { DAY_MS, HOUR_MS, floorDay, floorHour } from "@/lib/metrics/rollup";
import { memberContext } from "@/test/integration/context";
import { countQueries, stopQueryCounting } from "@/test/query-count";
import { capacityRows, capacityTable } from "./dashboards-capacity";

// The operators' capacity table across tenants. A person who may read Alpha (metric:read), is a
// member of Bravo without metric:read, and holds nothing in Charlie: only Alpha's pools appear.
// Alpha's "a-full" pool: 3 STANDARD v3 hosts activated at 1 152 GB, 979 GB allocated to running
// VMs (85 %, just inside the 979.2 GB line), 1 000 GB consumed at the last sample (87 %, above it).

const NOW = Date.UTC(2026, 10, 25, 12, 2);
const TODAY = floorDay(NOW);
const s = { ctx: null as unknown as TenantContext, alpha: "", bravo: "", charlie: "", full: "", empty: "", bravoPool: "", charliePool: "" };

const sample = (tenantId: string, poolId: string, minutesAgo: number, value: number, threshold: number | null = 979.2) => ({
  tenantId,
  resourceType: "POOL" as const,
  resourceId: poolId,
  metric: "mem_used_gb",
  value,
  capacity: 1152,
  threshold,
  at: new Date(NOW - minutesAgo * 60_000),
});

beforeAll(async () => {
  const org = await createOrganization(db());
  const [alpha, bravo, charlie] = await Promise.all(["Alpha", "Bravo", "Charlie"].map((name) => createTenant(db(), { organizationId: org.id, name: `${name} capacity` })));
  s.alpha = alpha!.id;
  s.bravo = bravo!.id;
  s.charlie = charlie!.id;
  const user = await createUser(db(), { cost: 4 });
  s.ctx = await memberContext(s.alpha, ["metric:read"], user);
  await grantMembership(db(), { userId: user.id, tenantId: s.bravo, permissions: ["compute:read"] });

  const { pool: full, hosts } = await createPool(db(), { tenantId: s.alpha, hosts: 3, nodeTypeCode: "STANDARD_V3", activatedMemoryGb: 1152, name: "a-full" });
  s.full = full.id;
  s.empty = (await createPool(db(), { tenantId: s.alpha, hosts: 2, nodeTypeCode: "ECO_V3", name: "a-empty" })).pool.id;
  s.bravoPool = (await createPool(db(), { tenantId: s.bravo, hosts: 3, name: "b-pool" })).pool.id;
  s.charliePool = (await createPool(db(), { tenantId: s.charlie, hosts: 3, name: "c-pool" })).pool.id;
  const ds = await createDatastore(db(), { tenantId: s.alpha, sizeGib: 8192 });
  // 979 GB running (3 × 320 + 19), and a stopped VM that allocates nothing.
  for (const [i, gb] of [320, 320, 320, 19].entries()) await createVm(db(), { tenantId: s.alpha, poolId: s.full, datastoreId: ds.id, hostId: hosts[i % 3]!.id, memoryGb: gb, powerState: "POWERED_ON" });
  await createVm(db(), { tenantId: s.alpha, poolId: s.full, datastoreId: ds.id, memoryGb: 64, powerState: "POWERED_OFF" });

  // Raw samples: three 5-minute slots above the line and two under it in the last 24 h (15 min);
  // one above it 25 h ago (outside the range); the last one, 2 minutes ago, at 1 000 GB.
  await db().metricSample.createMany({
    data: [
      sample(s.alpha, s.full, 2, 1000),
      sample(s.alpha, s.full, 7, 990),
      sample(s.alpha, s.full, 12, 985),
      sample(s.alpha, s.full, 17, 900),
      sample(s.alpha, s.full, 22, 950),
      sample(s.alpha, s.full, 25 * 60, 1100),
      // Another tenant's pool, far above its line: never shown to this reader.
      sample(s.charlie, s.charliePool, 2, 5000),
      sample(s.bravo, s.bravoPool, 2, 5000),
    ],
  });
  // Hourly rollups for 7 days: 45 and 30 minutes above the line in range, 500 eight days ago.
  const hour = floorHour(NOW);
  await db().metricRollup.createMany({
    data: [
      [hour - 3 * HOUR_MS, 45],
      [hour - 50 * HOUR_MS, 30],
      [hour - 8 * 24 * HOUR_MS, 500],
    ].map(([bucket, over]) => ({ tenantId: s.alpha, resourceType: "POOL" as const, resourceId: s.full, metric: "mem_used_gb", resolution: "HOUR" as const, bucket: new Date(bucket!), avg: 950, min: 900, max: 1000, count: 12, capacity: 1152, threshold: 979.2, overMinutes: over! })),
  });
  // 30 daily peaks rising 2 GB a day from 900 GB: the line through them is at 961 GB at NOW.
  await db().metricRollup.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({ tenantId: s.alpha, resourceType: "POOL" as const, resourceId: s.full, metric: "mem_used_gb", resolution: "DAY" as const, bucket: new Date(TODAY - (30 - i) * DAY_MS), avg: 850, min: 800, max: 900 + 2 * i, count: 288 })),
  });
  // Alerts: one open on a-full, one acknowledged and one resolved on a-empty, one open in Charlie.
  const alert = (tenantId: string, resourceId: string, state: "OPEN" | "ACKNOWLEDGED" | "RESOLVED") =>
    ({ tenantId, kind: "POOL_MEMORY" as const, resourceType: "POOL" as const, resourceId, resourceName: "x", state, value: 1000, limit: 979.2, peak: 1000, lastValue: 1000 });
  await db().alert.createMany({ data: [alert(s.alpha, s.full, "OPEN"), alert(s.alpha, s.empty, "ACKNOWLEDGED"), alert(s.alpha, s.empty, "RESOLVED"), alert(s.charlie, s.charliePool, "OPEN")] });
});

describe("the capacity table", () => {
  it("lists only the pools of the tenants the reader may open with metric:read", async () => {
    const r = await capacityRows(s.ctx, "24h", new Date(NOW));
    expect(r.tenants.map((t) => t.name)).toEqual(["Alpha capacity"]);
    expect(r.rows.map((p) => [p.tenant.name, p.name])).toEqual([
      ["Alpha capacity", "a-empty"],
      ["Alpha capacity", "a-full"],
    ]);
    const text = JSON.stringify(r);
    for (const id of [s.bravo, s.charlie, s.bravoPool, s.charliePool]) expect(text).not.toContain(id);
  });

  it("names allocated and consumed apart: 979 of 1 152 GB allocated is 85 % (inside the line), 1 000 GB consumed is 87 % (above it)", async () => {
    const full = (await capacityRows(s.ctx, "24h", new Date(NOW))).rows.find((p) => p.id === s.full)!;
    expect(full).toMatchObject({ hosts: 3, capacityGb: 1152, allocatedGb: 979, lineGb: 979.2, allocatedAboveLine: false, consumedGb: 1000, consumedAboveLine: true, consumedAt: NOW - 2 * 60_000 });
    expect(Math.round(full.allocatedRatio! * 100)).toBe(85);
    expect(Math.round(full.consumedRatio! * 100)).toBe(87);
    const empty = (await capacityRows(s.ctx, "24h", new Date(NOW))).rows.find((p) => p.id === s.empty)!;
    // 2 ECO hosts at the minimum 256 GB, nothing running, no telemetry.
    expect(empty).toMatchObject({ capacityGb: 256, allocatedGb: 0, allocatedRatio: 0, consumedGb: null, consumedRatio: null, overLineMinutes: 0 });
  });

  it("counts the minutes consumed above the line over the range, from raw samples at 24 h and from the hourly rollups at 7 d", async () => {
    const at = async (range: "24h" | "7d") => (await capacityRows(s.ctx, range, new Date(NOW))).rows.find((p) => p.id === s.full)!.overLineMinutes;
    expect(await at("24h")).toBe(15);
    expect(await at("7d")).toBe(75);
  });

  it("forecasts the days until the consumed peaks reach the line, and gives the unresolved alerts' state", async () => {
    const rows = (await capacityRows(s.ctx, "24h", new Date(NOW))).rows;
    const full = rows.find((p) => p.id === s.full)!;
    const empty = rows.find((p) => p.id === s.empty)!;
    // (979.2 − 961) / 2 GB a day → 10 days.
    expect(full.forecast).toMatchObject({ kind: "crosses", days: 10, basedOnDays: 30 });
    expect(empty.forecast).toMatchObject({ kind: "not_enough_history" });
    expect(full.alerts).toEqual({ open: 1, acknowledged: 0, state: "open" });
    expect(empty.alerts).toEqual({ open: 0, acknowledged: 1, state: "acknowledged" });
  });

  it("sorts by a figure, a pool without telemetry last whichever the direction", async () => {
    const order = async (sort: "consumed" | "allocated" | "alerts", dir: "asc" | "desc") => (await capacityTable(s.ctx, { range: "24h", sort, dir }, new Date(NOW))).rows.map((p) => p.name);
    expect(await order("consumed", "desc")).toEqual(["a-full", "a-empty"]);
    expect(await order("consumed", "asc")).toEqual(["a-full", "a-empty"]);
    expect(await order("allocated", "asc")).toEqual(["a-empty", "a-full"]);
    expect(await order("allocated", "desc")).toEqual(["a-full", "a-empty"]);
    expect(await order("alerts", "desc")).toEqual(["a-full", "a-empty"]);
  });

  it("a token sees its own tenant only, even when its person may read others", async () => {
    const user = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: user.id, tenantId: s.alpha, permissions: ["metric:read"] });
    await grantMembership(db(), { userId: user.id, tenantId: s.charlie, permissions: ["metric:read"] });
    const r = await authorize({ type: "token", tokenId: "t1", tokenName: "cap", userId: user.id, email: user.email, permissions: ["metric:read"] }, { id: s.alpha }, "metric:read");
    if (!r.ok) throw new Error(r.reason);
    expect((await capacityRows(r.ctx, "24h", new Date(NOW))).rows.map((p) => p.tenant.id)).toEqual([s.alpha, s.alpha]);
    // The same person in the console reads both.
    const person = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: s.alpha }, "metric:read");
    if (!person.ok) throw new Error(person.reason);
    expect(new Set((await capacityRows(person.ctx, "24h", new Date(NOW))).rows.map((p) => p.tenant.id))).toEqual(new Set([s.alpha, s.charlie]));
  });

  it("reads the database as many times for three pools in two tenants as for one pool in one", async () => {
    const org = await createOrganization(db());
    const [one, two] = await Promise.all([createTenant(db(), { organizationId: org.id }), createTenant(db(), { organizationId: org.id })]);
    const user = await createUser(db(), { cost: 4 });
    const ctx = await memberContext(one!.id, ["metric:read"], user);
    await createPool(db(), { tenantId: one!.id, hosts: 1 });
    const few = await countQueries(() => capacityRows(ctx, "7d", new Date(NOW)));
    await grantMembership(db(), { userId: user.id, tenantId: two!.id, permissions: ["metric:read"] });
    for (const tenantId of [one!.id, two!.id]) await createPool(db(), { tenantId, hosts: 2 });
    const many = await countQueries(() => capacityRows(ctx, "7d", new Date(NOW)));
    expect(few.result.rows).toHaveLength(1);
    expect(many.result.rows).toHaveLength(3);
    expect(many.queries, many.sql.join("\n")).toBe(few.queries);
  });
});

afterAll(stopQueryCounting);
