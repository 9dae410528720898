import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import { floorSlot, TELEMETRY_SLOT_MS } from "@/lib/infra/telemetry";
import { backfillTelemetry, collectTelemetry } from "./collector";
import { runRetention } from "./partitions";
import { HOUR_MS, rollupDays, rollupHours } from "./rollup";

const NOW = Date.UTC(2026, 10, 25, 12, 2);
let tenantId = "";
let replicationId = "";

beforeAll(async () => {
  const org = await createOrganization(db());
  const t = await createTenant(db(), { organizationId: org.id });
  tenantId = t.id;
  const ds = await createDatastore(db(), { tenantId, tierCode: "STANDARD", sizeGib: 4096, name: "ds-std" });
  const { pool, hosts } = await createPool(db(), { tenantId, hosts: 3, activatedMemoryGb: 768, nodeTypeCode: "STANDARD_V3", name: "p-std" });
  for (let i = 0; i < 6; i++) await createVm(db(), { tenantId, poolId: pool.id, datastoreId: ds.id, hostId: hosts[i % 3]!.id, memoryGb: 32, powerState: "POWERED_ON", iopsDemand: 300 });
  replicationId = (await db().replication.create({ data: { tenantId, kind: "GLOBAL_MIRROR", sourceAzId: "PAR7S", targetAzId: "TH3S", datastoreId: ds.id, promisedRpoMinutes: 15, status: "ACTIVE" } })).id;
});

type Row = { resourceId: string; metric: string; bucket: Date; avg: number; min: number; max: number; count: number };

describe("telemetry history", () => {
  it("backfills 30 days: raw only for the window, hourly rows equal to what raw gives, daily rows equal to their hours", async () => {
    // 13 series: pool 3, hosts 3 × 2, datastore 3, replication 1.
    const r = await backfillTelemetry(db(), NOW, { days: 30, rawHours: 24, tenantIds: [tenantId] });
    expect(r.slots).toBeGreaterThan(30 * 288);
    const [{ oldest }] = (await db().$queryRawUnsafe<{ oldest: Date }[]>(`SELECT min("at") AS oldest FROM "MetricSample" WHERE "tenantId" = $1`, tenantId)) as [{ oldest: Date }];
    expect(oldest.getTime()).toBeGreaterThanOrEqual(NOW - 25 * HOUR_MS);

    // Every hour of the raw window, rolled up by SQL, equals a GROUP BY over raw.
    const fromRaw = await db().$queryRawUnsafe<Row[]>(
      `SELECT "resourceId", metric, date_trunc('hour', at) AS bucket, avg(value) AS avg, min(value) AS min, max(value) AS max, count(*)::int AS count
       FROM "MetricSample" WHERE "tenantId" = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      tenantId,
    );
    const rolled = await db().$queryRawUnsafe<Row[]>(
      `SELECT "resourceId", metric, bucket, avg, min, max, count FROM "MetricRollup"
       WHERE "tenantId" = $1 AND resolution = 'HOUR' AND bucket >= (SELECT date_trunc('hour', min(at)) FROM "MetricSample" WHERE "tenantId" = $1) ORDER BY 1, 2, 3`,
      tenantId,
    );
    expect(rolled.length).toBe(fromRaw.length);
    rolled.forEach((x, i) => {
      const y = fromRaw[i]!;
      expect([x.resourceId, x.metric, x.bucket.getTime(), x.count, x.min, x.max]).toEqual([y.resourceId, y.metric, y.bucket.getTime(), y.count, y.min, y.max]);
      expect(x.avg).toBeCloseTo(y.avg, 9);
    });

    // 7 days of hourly rows per series, 30 of daily ones; a day with hours weighs each by its count.
    const [{ hours }] = (await db().$queryRawUnsafe<{ hours: number }[]>(`SELECT count(*)::int AS hours FROM "MetricRollup" WHERE "tenantId" = $1 AND resolution = 'HOUR' AND metric = 'iops_demand'`, tenantId)) as [{ hours: number }];
    expect(hours).toBeGreaterThanOrEqual(7 * 24);
    expect(hours).toBeLessThanOrEqual(8 * 24);
    expect(await db().metricRollup.count({ where: { tenantId, resolution: "DAY" } })).toBe(13 * 31);
    const days = await db().$queryRawUnsafe<{ ok: boolean }[]>(
      `SELECT abs(d.avg - h.avg) < 1e-9 AND d.min = h.min AND d.max = h.max AND d.count = h.count AS ok FROM "MetricRollup" d
       JOIN (SELECT "resourceId", metric, date_trunc('day', bucket) AS day, sum(avg * count) / sum(count) AS avg, min(min) AS min, max(max) AS max, sum(count)::int AS count
             FROM "MetricRollup" WHERE "tenantId" = $1 AND resolution = 'HOUR' GROUP BY 1, 2, 3) h ON h."resourceId" = d."resourceId" AND h.metric = d.metric AND h.day = d.bucket
       WHERE d."tenantId" = $1 AND d.resolution = 'DAY'`,
      tenantId,
    );
    expect(days.length).toBeGreaterThanOrEqual(13 * 7);
    expect(days.every((d) => d.ok)).toBe(true);

    // The replication's last point is the last slot minus its lag.
    const rep = await db().replication.findUniqueOrThrow({ where: { id: replicationId } });
    const [lag] = await db().$queryRawUnsafe<{ value: number; at: Date }[]>(`SELECT value, at FROM "MetricSample" WHERE "resourceId" = $1 ORDER BY at DESC LIMIT 1`, replicationId);
    expect(rep.lastReplicatedAt!.getTime()).toBe(lag!.at.getTime() - lag!.value * 1000);
  });

  it("a collector tick fills the slots since the last one, once; a second tick at the same instant writes nothing", async () => {
    const later = NOW + 17 * 60_000;
    const first = await collectTelemetry(db(), later);
    expect(first.slots).toBe((floorSlot(later) - floorSlot(NOW)) / TELEMETRY_SLOT_MS);
    expect((await collectTelemetry(db(), later)).slots).toBe(0);
    const rep = await db().replication.findUniqueOrThrow({ where: { id: replicationId } });
    expect(rep.lastReplicatedAt!.getTime()).toBeGreaterThan(floorSlot(later) - 15 * 60_000 * 2);
  });

  it("a rollup rerun gives the same rows; retention drops the raw days wholly past 48 h after rolling them up", async () => {
    const before = await db().metricRollup.count({ where: { tenantId } });
    await rollupHours(db(), NOW - 24 * HOUR_MS, NOW + HOUR_MS);
    await rollupDays(db(), NOW - 24 * HOUR_MS, NOW + HOUR_MS);
    expect(await db().metricRollup.count({ where: { tenantId } })).toBe(before);

    const at = new Date(NOW - 60 * HOUR_MS);
    await db().metricSample.create({ data: { tenantId, resourceType: "POOL", resourceId: "old-pool", metric: "mem_used_gb", value: 42, at } });
    // 60 h old, but its UTC day holds the 48 h cutoff: kept until that day is wholly past it.
    await runRetention(db(), NOW);
    expect(await db().metricSample.count({ where: { resourceId: "old-pool" } })).toBe(1);
    const r = await runRetention(db(), NOW + 12 * HOUR_MS);
    expect(r.dropped.length + r.deleted.raw).toBeGreaterThanOrEqual(1);
    expect(await db().metricSample.count({ where: { resourceId: "old-pool" } })).toBe(0);
    const kept = await db().metricRollup.findFirstOrThrow({ where: { resourceId: "old-pool", resolution: "HOUR" } });
    expect([kept.avg, kept.count, kept.bucket.getTime()]).toEqual([42, 1, NOW - 60 * HOUR_MS - ((NOW - 60 * HOUR_MS) % HOUR_MS)]);
  });
});
