import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import { loadSeries } from "@/lib/db/metric-series";
import { collectTelemetry } from "./collector";
import { metricPartitions, runRetention, upkeepMetricPartitions } from "./partitions";
import { DAY_MS, HOUR_MS, rollupDays, rollupHours, runRollup } from "./rollup";

// An instant of its own, away from the day this database's template was migrated (whose
// partitions the migration created): every partition below is made by the upkeep under test.
const NOW = Date.UTC(2027, 2, 10, 12, 2);
const day = (d: number) => `MetricSample_202703${String(d).padStart(2, "0")}`;
let tenantId = "";

beforeAll(async () => {
  const org = await createOrganization(db());
  tenantId = (await createTenant(db(), { organizationId: org.id })).id;
  const ds = await createDatastore(db(), { tenantId, tierCode: "STANDARD", sizeGib: 4096, name: "ds-std" });
  const { pool, hosts } = await createPool(db(), { tenantId, hosts: 3, activatedMemoryGb: 768, nodeTypeCode: "STANDARD_V3", name: "p-std" });
  for (let i = 0; i < 4; i++) await createVm(db(), { tenantId, poolId: pool.id, datastoreId: ds.id, hostId: hosts[i % 3]!.id, memoryGb: 32, powerState: "POWERED_ON", iopsDemand: 300 });
});

const placed = (table: "MetricSample" | "MetricRollup", where = "true") =>
  db().$queryRawUnsafe<{ part: string; n: number }[]>(`SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM "${table}" WHERE ${where} GROUP BY 1 ORDER BY 1`);

describe("metric partitions", () => {
  it("the collector's samples land in the partition of their day, the rollups in their resolution's month; an instant outside every range lands in DEFAULT", async () => {
    const up = await upkeepMetricPartitions(db(), NOW, { drop: false });
    expect(up.created).toBeGreaterThan(0);
    const days = (await metricPartitions(db(), "MetricSample")).map((p) => p.name);
    // From the day of the 48 h cutoff to three days ahead.
    expect(days).toEqual(expect.arrayContaining([8, 9, 10, 11, 12, 13].map(day)));

    const c = await collectTelemetry(db(), NOW);
    expect(c.samples).toBeGreaterThan(0);
    expect(await placed("MetricSample")).toEqual([{ part: `"${day(10)}"`, n: c.samples }]);

    await runRollup(db(), NOW);
    expect((await placed("MetricRollup")).map((r) => r.part)).toEqual(['"MetricRollup_day_202703"', '"MetricRollup_hour_202703"']);

    // No partition for 2031: the insert still succeeds, into DEFAULT.
    const far = new Date(Date.UTC(2031, 0, 1));
    await db().metricSample.create({ data: { tenantId, resourceType: "POOL", resourceId: "far", metric: "mem_used_gb", value: 1, at: far } });
    await db().metricRollup.create({ data: { tenantId, resourceType: "POOL", resourceId: "far", metric: "mem_used_gb", resolution: "DAY", bucket: far, avg: 1, min: 1, max: 1, count: 1 } });
    expect(await placed("MetricSample", `"resourceId" = 'far'`)).toEqual([{ part: '"MetricSample_default"', n: 1 }]);
    expect(await placed("MetricRollup", `"resourceId" = 'far'`)).toEqual([{ part: '"MetricRollup_default"', n: 1 }]);
    await db().metricSample.deleteMany({ where: { resourceId: "far" } });
    await db().metricRollup.deleteMany({ where: { resourceId: "far" } });
  });

  it("retention rolls up and drops the raw days wholly past 48 h, keeps every row since, and the charts read the same figures", async () => {
    // Six days of samples, as a retention that stopped for a while would find them.
    await upkeepMetricPartitions(db(), NOW - 5 * DAY_MS, { drop: false });
    await db().$executeRawUnsafe(
      `INSERT INTO "MetricSample" ("tenantId", "resourceType", "resourceId", metric, value, at)
       SELECT $1, 'POOL', 'hist-' || i, 'mem_used_gb', i * 10 + extract(hour FROM t), t
       FROM generate_series(1, 3) i, generate_series($2::timestamptz AT TIME ZONE 'UTC', $3::timestamptz AT TIME ZONE 'UTC', interval '5 minutes') t`,
      tenantId,
      new Date(Date.UTC(2027, 2, 4)).toISOString(),
      new Date(NOW).toISOString(),
    );
    // The rollup job kept up over the raw window only.
    const windowStart = Date.UTC(2027, 2, 8);
    await rollupHours(db(), windowStart, NOW + HOUR_MS);
    await rollupDays(db(), windowStart, NOW + DAY_MS);
    const hist = ["hist-1", "hist-2", "hist-3"];
    const charts = async () => [
      await loadSeries(tenantId, "POOL", hist, ["mem_used_gb"], { from: new Date(NOW - 24 * HOUR_MS), to: new Date(NOW) }),
      await loadSeries(tenantId, "POOL", hist, ["mem_used_gb"], { from: new Date(NOW - 48 * HOUR_MS), to: new Date(NOW) }),
    ];
    const before = await charts();
    expect(before[0]!.resolution).toBe("RAW");
    expect(before[1]!.resolution).toBe("HOUR");
    const kept = await db().metricSample.count({ where: { at: { gte: new Date(windowStart) } } });

    const r = await runRetention(db(), NOW);
    // (with those of the day the template was migrated, long past by then)
    expect(r.dropped.filter((n) => n.startsWith("MetricSample_2027"))).toEqual([3, 4, 5, 6, 7].map(day));
    expect(r.deleted.raw).toBe(0); // no row deleted one by one
    expect((await metricPartitions(db(), "MetricSample"))[0]!.name).toBe(day(8));
    expect(await db().metricSample.count({ where: { at: { lt: new Date(windowStart) } } })).toBe(0);
    expect(await db().metricSample.count({ where: { at: { gte: new Date(windowStart) } } })).toBe(kept);
    // The hours of the dropped days were rolled up before they went: 4 days × 24 hours of 12 samples.
    const hours = await db().metricRollup.findMany({ where: { resourceId: "hist-1", resolution: "HOUR", bucket: { gte: new Date(Date.UTC(2027, 2, 4)), lt: new Date(windowStart) } } });
    expect(hours.length).toBe(96);
    expect(hours.every((h) => h.count === 12)).toBe(true);
    expect(await charts()).toEqual(before);
  });

  it("the upkeep is idempotent; two at once both succeed, one doing the work; a row DEFAULT held moves into the partition created for it", async () => {
    expect(await upkeepMetricPartitions(db(), NOW)).toEqual({ created: 0, dropped: [], deleted: { raw: 0, hour: 0, day: 0 } });

    const later = NOW + 20 * DAY_MS; // 30 March: no partition yet
    await db().metricSample.create({ data: { tenantId, resourceType: "POOL", resourceId: "early", metric: "mem_used_gb", value: 7, at: new Date(later) } });
    expect(await placed("MetricSample", `"resourceId" = 'early'`)).toEqual([{ part: '"MetricSample_default"', n: 1 }]);

    const [a, b] = await Promise.all([upkeepMetricPartitions(db(), later), upkeepMetricPartitions(db(), later)]);
    // 28 March (the cutoff's day) to 2 April; the months were there already.
    expect(a.created + b.created).toBe(6);
    expect(Math.min(a.created, b.created)).toBe(0);
    expect(await placed("MetricSample", `"resourceId" = 'early'`)).toEqual([{ part: '"MetricSample_20270330"', n: 1 }]);
    const names = (await metricPartitions(db(), "MetricSample")).map((p) => p.name);
    expect(names).toEqual(["MetricSample_20270328", "MetricSample_20270329", "MetricSample_20270330", "MetricSample_20270331", "MetricSample_20270401", "MetricSample_20270402"]);
    expect(await upkeepMetricPartitions(db(), later)).toEqual({ created: 0, dropped: [], deleted: { raw: 0, hour: 0, day: 0 } });
  });
});
