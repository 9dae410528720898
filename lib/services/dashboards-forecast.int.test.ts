import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { DAY_MS, floorDay } from "@/lib/metrics/rollup";
import { memberContext } from "@/test/integration/context";
import { getDatastoreDashboard } from "./dashboards-datastore";
import { fleetForecasts } from "./dashboards-fleet";
import { getPoolDashboard } from "./dashboards-pool";

// Forecasts from the 30 whole days of daily rollups before today, by least squares: a pool whose
// consumed peaks grow 3 GB a day toward its 326.4 GB line, a datastore whose space grows 20 GiB a
// day toward its 2 048 GiB. The rows are written here, so the expected days are computed by hand.

const NOW = Date.UTC(2026, 10, 25, 12);
const TODAY = floorDay(NOW);
const s = { ctx: null as unknown as TenantContext, pool: "", flat: "", ds: "", theirs: "" };

async function daily(tenantId: string, resourceType: "POOL" | "DATASTORE", resourceId: string, metric: string, value: (i: number) => number) {
  // Day i = 0 … 29 is TODAY − 30 + i; today's partial row says something absurd and must be ignored.
  const rows = Array.from({ length: 31 }, (_, i) => ({ tenantId, resourceType, resourceId, metric, resolution: "DAY" as const, bucket: new Date(TODAY - (30 - i) * DAY_MS), avg: i === 30 ? 1e6 : value(i), min: 0, max: i === 30 ? 1e6 : value(i), count: 288 }));
  await db().metricRollup.createMany({ data: rows });
}

beforeAll(async () => {
  const org = await createOrganization(db());
  const t = await createTenant(db(), { organizationId: org.id });
  const other = await createTenant(db(), { organizationId: org.id });
  s.ctx = await memberContext(t.id);
  const { pool } = await createPool(db(), { tenantId: t.id, hosts: 3, nodeTypeCode: "STANDARD_V3", name: "p-rising" });
  s.pool = pool.id;
  s.flat = (await createPool(db(), { tenantId: t.id, hosts: 3, nodeTypeCode: "STANDARD_V3", name: "p-flat" })).pool.id;
  s.ds = (await createDatastore(db(), { tenantId: t.id, tierCode: "STANDARD", sizeGib: 2048, name: "ds-rising" })).id;
  s.theirs = (await createPool(db(), { tenantId: other.id, hosts: 3, nodeTypeCode: "STANDARD_V3", name: "p-theirs" })).pool.id;
  await daily(t.id, "POOL", s.pool, "mem_used_gb", (i) => 200 + 3 * i);
  await daily(t.id, "POOL", s.flat, "mem_used_gb", () => 150);
  await daily(t.id, "DATASTORE", s.ds, "space_used_gb", (i) => 1000 + 20 * i);
  await daily(other.id, "POOL", s.theirs, "mem_used_gb", (i) => 300 + 5 * i);
});

// The line through day i at value a + b·i, read at NOW (day (NOW − first) / DAY).
const at = (a: number, b: number) => a + b * ((NOW - (TODAY - 30 * DAY_MS)) / DAY_MS);

describe("forecasts", () => {
  it("the pool page says in how many days its consumed peaks reach the 85 % line, and how", async () => {
    const d = await getPoolDashboard(s.ctx, s.pool, "24h", new Date(NOW));
    // 3 hosts × 128 GB: the line at 326.4 GB; the line through the peaks is at 291.5 GB at NOW, 3 GB a day.
    expect(d.forecast).toMatchObject({ kind: "crosses", days: Math.ceil((326.4 - at(200, 3)) / 3), basedOnDays: 30, slopePerDay: expect.closeTo(3, 9) });
    expect(d.forecast).toMatchObject({ days: 12 });
    expect((await getPoolDashboard(s.ctx, s.flat, "24h", new Date(NOW))).forecast).toMatchObject({ kind: "not_rising" });
  });

  it("the datastore page says in how many days it is full", async () => {
    const d = await getDatastoreDashboard(s.ctx, s.ds, "24h", new Date(NOW));
    // The line through the daily space is at 1 610 GiB at NOW, 20 GiB a day: (2 048 − 1 610) / 20 → 22 days.
    expect(d.forecast).toMatchObject({ kind: "crosses", days: Math.ceil((2048 - at(1000, 20)) / 20), slopePerDay: expect.closeTo(20, 9) });
    expect(d.forecast).toMatchObject({ days: 22 });
  });

  it("the fleet view lists what crosses first, soonest first, in the tenants the reader may see only", async () => {
    const f = await fleetForecasts(s.ctx, new Date(NOW));
    expect(f.soonest.map((x) => [x.name, x.kind, x.forecast.kind === "crosses" ? x.forecast.days : null])).toEqual([
      ["p-rising", "pool", 12],
      ["ds-rising", "datastore", 22],
    ]);
    expect(f.others).toBe(1);
    expect(f.method).toMatch(/least-squares/);
  });
});
