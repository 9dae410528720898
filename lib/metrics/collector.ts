// The collector: reads the inventory, asks the simulated infrastructure (lib/infra/telemetry.ts)
// for the samples of each 5-minute slot not written yet, and stores them with the availability
// events and each replication's last replicated point (now − lag). Also the backfill of the demo
// seed and of `npm run seed:scale`: 30 days, raw only for the retention window, hourly rollups
// computed here for the older part (never 200 000 raw rows written to be deleted at once).
// No `server-only`: the seed scripts run this outside Next.
import type { NodeTypeCode, StorageTierCode } from "@/lib/domain/catalogue";
import { floorSlot, telemetryModel, TELEMETRY_SLOT_MS, DEFAULT_TELEMETRY_SEED, type Outage, type Sample, type TelemetryInventory, type TelemetryModel } from "@/lib/infra/telemetry";
import { DAY_MS, HOUR_MS, RAW_RETENTION_HOURS, floorDay, floorHour, rollupDays, rollupHours, sampleOverMinutes, type SqlClient } from "./rollup";

const BATCH = 20_000;

/**
 * A PostgreSQL array literal, sent as one text parameter: the driver adapter converts a JS array
 * element by element (≈ 1 s for 20 000 values), a string goes through as it is.
 */
export function pgArray(values: readonly (string | number | null | undefined)[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `"${v.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

/** The inventory the simulation needs, in four aggregate queries (no row per VM leaves the database). */
export async function loadTelemetryInventory(db: SqlClient, tenantIds?: readonly string[]): Promise<TelemetryInventory> {
  const scope = tenantIds ? `AND x."tenantId" = ANY($1::text::text[])` : "";
  const args = tenantIds ? [tenantIds] : [];
  const [pools, hosts, stores, reps] = await Promise.all([
    db.$queryRawUnsafe<{ id: string; tenantId: string; name: string; nodeTypeCode: string; activatedMemoryGb: number; haEnabled: boolean; onMemGb: number }[]>(
      `SELECT x.id, x."tenantId", x.name, x."nodeTypeCode", x."activatedMemoryGb", x."haEnabled",
              COALESCE((SELECT sum(v."memoryGb") FROM "Vm" v WHERE v."poolId" = x.id AND v."powerState" = 'POWERED_ON'), 0)::float8 AS "onMemGb"
       FROM "ComputePool" x WHERE x.status = 'ACTIVE' ${scope} ORDER BY x."tenantId", x.name`,
      ...args,
    ),
    db.$queryRawUnsafe<{ id: string; poolId: string; name: string; status: string; onMemGb: number }[]>(
      `SELECT x.id, x."poolId", x.name, x.status::text,
              COALESCE((SELECT sum(v."memoryGb") FROM "Vm" v WHERE v."hostId" = x.id AND v."powerState" = 'POWERED_ON'), 0)::float8 AS "onMemGb"
       FROM "Host" x WHERE x.status <> 'PROVISIONING' ${scope} ORDER BY x.name`,
      ...args,
    ),
    db.$queryRawUnsafe<{ id: string; tenantId: string; name: string; tierCode: string; sizeGib: number; usedGib: number; swapGib: number; iopsDemand: number }[]>(
      `SELECT x.id, x."tenantId", x.name, x."tierCode", x."sizeGib",
              COALESCE((SELECT sum(d."usedGib") FROM "VmDisk" d WHERE d."datastoreId" = x.id), 0)::float8 AS "usedGib",
              COALESCE((SELECT sum(v."memoryGb") FROM "Vm" v WHERE v."datastoreId" = x.id AND v."powerState" = 'POWERED_ON'), 0)::float8 AS "swapGib",
              COALESCE((SELECT sum(v."iopsDemand") FROM "Vm" v WHERE v."datastoreId" = x.id AND v."powerState" = 'POWERED_ON'), 0)::float8 AS "iopsDemand"
       FROM "Datastore" x WHERE x.status = 'ACTIVE' ${scope} ORDER BY x."tenantId", x.name`,
      ...args,
    ),
    db.$queryRawUnsafe<{ id: string; tenantId: string; name: string; kind: string; promisedRpoMinutes: number }[]>(
      `SELECT x.id, x."tenantId", x.kind::text AS kind, x."promisedRpoMinutes",
              x.kind::text || ':' || COALESCE(d.name, v.name, x.id) AS name
       FROM "Replication" x LEFT JOIN "Datastore" d ON d.id = x."datastoreId" LEFT JOIN "Vm" v ON v.id = x."vmId"
       WHERE x.status = 'ACTIVE' ${scope} ORDER BY x."tenantId", name`,
      ...args,
    ),
  ]);
  const byPool = new Map<string, TelemetryInventory["pools"][number]["hosts"]>();
  for (const h of hosts) {
    const list = byPool.get(h.poolId) ?? [];
    list.push({ id: h.id, name: h.name, maintenance: h.status !== "CONNECTED", onMemGb: Number(h.onMemGb) });
    byPool.set(h.poolId, list);
  }
  return {
    pools: pools.map((p) => ({ id: p.id, tenantId: p.tenantId, name: p.name, nodeType: p.nodeTypeCode as NodeTypeCode, activatedMemoryGb: p.activatedMemoryGb, haEnabled: p.haEnabled, onMemGb: Number(p.onMemGb), hosts: byPool.get(p.id) ?? [] })),
    datastores: stores.map((d) => ({ id: d.id, tenantId: d.tenantId, name: d.name, tier: d.tierCode as StorageTierCode, sizeGib: d.sizeGib, usedGib: Number(d.usedGib), swapGib: Number(d.swapGib), iopsDemand: Number(d.iopsDemand) })),
    replications: reps.map((r) => ({ ...r })),
  };
}

/** Multi-row insert through arrays (one statement per 20 000 samples); a sample already there is kept. */
export async function writeSamples(db: SqlClient, samples: readonly Sample[]): Promise<void> {
  for (let i = 0; i < samples.length; i += BATCH) {
    const part = samples.slice(i, i + BATCH);
    await db.$executeRawUnsafe(
      `INSERT INTO "MetricSample" ("tenantId", "resourceType", "resourceId", "metric", "value", "at", "capacity", "threshold")
       SELECT t, r::"MetricResource", id, m, v, to_timestamp(a / 1000) AT TIME ZONE 'UTC', c, l
       FROM unnest($1::text::text[], $2::text::text[], $3::text::text[], $4::text::text[], $5::text::float8[], $6::text::float8[], $7::text::float8[], $8::text::float8[]) AS s(t, r, id, m, v, a, c, l)
       ON CONFLICT ("tenantId", "resourceType", "resourceId", "metric", "at") DO NOTHING`,
      pgArray(part.map((s) => s.tenantId)),
      pgArray(part.map((s) => s.resourceType)),
      pgArray(part.map((s) => s.resourceId)),
      pgArray(part.map((s) => s.metric)),
      pgArray(part.map((s) => s.value)),
      pgArray(part.map((s) => s.at)),
      pgArray(part.map((s) => s.capacity)),
      pgArray(part.map((s) => s.threshold)),
    );
  }
}

type RollupRow = {
  tenantId: string;
  resourceType: string;
  resourceId: string;
  metric: string;
  bucket: number;
  avg: number;
  min: number;
  max: number;
  count: number;
  capacity: number | null;
  threshold: number | null;
  overMinutes: number;
};

async function writeRollups(db: SqlClient, resolution: "HOUR" | "DAY", rows: readonly RollupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    await db.$executeRawUnsafe(
      `INSERT INTO "MetricRollup" ("tenantId", "resourceType", "resourceId", "metric", "resolution", "bucket", "avg", "min", "max", "count", "capacity", "threshold", "overMinutes")
       SELECT t, r::"MetricResource", id, m, $10::text::"RollupResolution", to_timestamp(b / 1000) AT TIME ZONE 'UTC', av, mi, ma, c, ca, th, om
       FROM unnest($1::text::text[], $2::text::text[], $3::text::text[], $4::text::text[], $5::text::float8[], $6::text::float8[], $7::text::float8[], $8::text::float8[], $9::text::int[], $11::text::float8[], $12::text::float8[], $13::text::float8[]) AS s(t, r, id, m, b, av, mi, ma, c, ca, th, om)
       ON CONFLICT ("tenantId", "resourceType", "resourceId", "metric", "resolution", "bucket")
       DO UPDATE SET "avg" = EXCLUDED."avg", "min" = EXCLUDED."min", "max" = EXCLUDED."max", "count" = EXCLUDED."count",
                     "capacity" = EXCLUDED."capacity", "threshold" = EXCLUDED."threshold", "overMinutes" = EXCLUDED."overMinutes"`,
      pgArray(part.map((s) => s.tenantId)),
      pgArray(part.map((s) => s.resourceType)),
      pgArray(part.map((s) => s.resourceId)),
      pgArray(part.map((s) => s.metric)),
      pgArray(part.map((s) => s.bucket)),
      pgArray(part.map((s) => s.avg)),
      pgArray(part.map((s) => s.min)),
      pgArray(part.map((s) => s.max)),
      pgArray(part.map((s) => s.count)),
      resolution,
      pgArray(part.map((s) => s.capacity)),
      pgArray(part.map((s) => s.threshold)),
      pgArray(part.map((s) => s.overMinutes)),
    );
  }
}

/** Outages, idempotent on (resource, start); one still under way at `now` is stored open (endedAt null). */
export async function writeOutages(db: SqlClient, outages: readonly Outage[], now: number): Promise<void> {
  if (outages.length === 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO "AvailabilityEvent" ("id", "tenantId", "resourceType", "resourceId", "startedAt", "endedAt", "cause")
     SELECT 'av_' || md5(r || id || s::text), t, r::"MetricResource", id, to_timestamp(s / 1000) AT TIME ZONE 'UTC',
            CASE WHEN e <= $7 THEN to_timestamp(e / 1000) AT TIME ZONE 'UTC' END, c
     FROM unnest($1::text::text[], $2::text::text[], $3::text::text[], $4::text::float8[], $5::text::float8[], $6::text::text[]) AS o(t, r, id, s, e, c)
     ON CONFLICT ("resourceType", "resourceId", "startedAt") DO UPDATE SET "endedAt" = EXCLUDED."endedAt"`,
    pgArray(outages.map((o) => o.tenantId)),
    pgArray(outages.map((o) => o.resourceType)),
    pgArray(outages.map((o) => o.resourceId)),
    pgArray(outages.map((o) => o.startedAt)),
    pgArray(outages.map((o) => o.endedAt)),
    pgArray(outages.map((o) => o.cause)),
    now,
  );
}

/** Each active replication's last replicated point: the slot's instant minus its lag. */
export async function advanceReplications(db: SqlClient, samples: readonly Sample[]): Promise<void> {
  const lags = samples.filter((s) => s.metric === "lag_s");
  if (lags.length === 0) return;
  await db.$executeRawUnsafe(
    `UPDATE "Replication" x SET "lastReplicatedAt" = to_timestamp((l.a - l.lag * 1000) / 1000) AT TIME ZONE 'UTC'
     FROM unnest($1::text::text[], $2::text::float8[], $3::text::float8[]) AS l(id, a, lag)
     WHERE x.id = l.id AND x.status = 'ACTIVE' AND x."busyActivityId" IS NULL`,
    pgArray(lags.map((s) => s.resourceId)),
    pgArray(lags.map((s) => s.at)),
    pgArray(lags.map((s) => s.value)),
  );
}

export type CollectResult = { slots: number; samples: number; outages: number };

/**
 * One collector tick: every slot since the last one written (at most the raw window, so a
 * console stopped for a week does not write a week of raw rows), up to the slot of `now`.
 */
export async function collectTelemetry(db: SqlClient, now: number, { seed = DEFAULT_TELEMETRY_SEED, model }: { seed?: number; model?: TelemetryModel } = {}): Promise<CollectResult> {
  const to = floorSlot(now);
  const [last] = await db.$queryRawUnsafe<{ at: Date | null }[]>(`SELECT max("at") AS at FROM "MetricSample"`);
  const lastAt = last?.at ? last.at.getTime() : to - TELEMETRY_SLOT_MS;
  const from = Math.max(lastAt + TELEMETRY_SLOT_MS, to - RAW_RETENTION_HOURS * HOUR_MS);
  if (from > to) return { slots: 0, samples: 0, outages: 0 };
  const m = model ?? telemetryModel(await loadTelemetryInventory(db), seed);
  // Outages that began since the last tick, or are still open, so the open ones get their end.
  const outages = m.outagesBetween(lastAt - DAY_MS, to + TELEMETRY_SLOT_MS);
  const samples: Sample[] = [];
  let slots = 0;
  for (let at = from; at <= to; at += TELEMETRY_SLOT_MS, slots++) samples.push(...m.samplesAt(at, outages));
  await writeSamples(db, samples);
  await writeOutages(db, outages, now);
  await advanceReplications(db, m.samplesAt(to, outages));
  return { slots, samples: samples.length, outages: outages.length };
}

export type BackfillResult = { rawSamples: number; hourRollups: number; outages: number; slots: number };

/**
 * `days` of history ending at `now`: hourly rollups computed in memory for the part older than
 * the raw window (each slot's samples come in the same order, so an hour is an array of
 * running sums), raw samples for the window, then the SQL rollups over the window and every day.
 */
export async function backfillTelemetry(
  db: SqlClient,
  now: number,
  {
    days = 30,
    hourDays = 7,
    rawHours = RAW_RETENTION_HOURS,
    seed = DEFAULT_TELEMETRY_SEED,
    tenantIds,
    onProgress,
  }: { days?: number; /** Hourly rows for this many days, daily rows only before. */ hourDays?: number; /** Raw samples for this many hours (≤ the retention window), rollups only before. */ rawHours?: number; seed?: number; tenantIds?: readonly string[]; onProgress?: (done: number, total: number) => void } = {},
): Promise<BackfillResult> {
  const inv = await loadTelemetryInventory(db, tenantIds);
  const m = telemetryModel(inv, seed);
  const end = floorSlot(now);
  const start = floorDay(end - days * DAY_MS);
  const hourFrom = Math.max(start, floorDay(end - hourDays * DAY_MS));
  const rawFrom = floorHour(end - Math.min(rawHours, RAW_RETENTION_HOURS) * HOUR_MS);
  const outages = m.outagesBetween(start, end + TELEMETRY_SLOT_MS);
  const totalSlots = Math.floor((end - start) / TELEMETRY_SLOT_MS) + 1;
  let done = 0;
  let hourRollups = 0;

  // Older part: hour by hour in memory. Hourly rows for the last `hourDays` days; before that,
  // the hours fold straight into daily rows (what a 30-day chart reads).
  let pending: RollupRow[] = [];
  let pendingDays: RollupRow[] = [];
  let keys: Sample[] = [];
  let day: { at: number; sum: Float64Array; min: Float64Array; max: Float64Array; over: Float64Array; last: Sample[]; count: number } | null = null;
  const row = (k: Sample, last: Sample, bucket: number, sum: number, min: number, max: number, over: number, count: number): RollupRow => ({
    tenantId: k.tenantId,
    resourceType: k.resourceType,
    resourceId: k.resourceId,
    metric: k.metric,
    bucket,
    avg: sum / count,
    min,
    max,
    count,
    // The capacity and line in force at the end of the bucket, as the SQL rollup keeps them.
    capacity: last.capacity ?? null,
    threshold: last.threshold ?? null,
    overMinutes: over,
  });
  const flushDay = () => {
    if (!day) return;
    for (let i = 0; i < keys.length; i++) pendingDays.push(row(keys[i]!, day.last[i]!, day.at, day.sum[i]!, day.min[i]!, day.max[i]!, day.over[i]!, day.count));
    day = null;
  };
  for (let hour = start; hour < rawFrom; hour += HOUR_MS) {
    let sum: Float64Array | null = null;
    let min: Float64Array | null = null;
    let max: Float64Array | null = null;
    let over: Float64Array | null = null;
    let last: Sample[] = [];
    let count = 0;
    for (let at = hour; at < hour + HOUR_MS; at += TELEMETRY_SLOT_MS) {
      const s = m.samplesAt(at, outages);
      if (!sum) {
        keys = s;
        sum = new Float64Array(s.length);
        min = new Float64Array(s.length).fill(Infinity);
        max = new Float64Array(s.length).fill(-Infinity);
        over = new Float64Array(s.length);
      }
      for (let i = 0; i < s.length; i++) {
        const v = s[i]!.value;
        sum[i]! += v;
        if (v < min![i]!) min![i] = v;
        if (v > max![i]!) max![i] = v;
        over![i]! += sampleOverMinutes(v, s[i]!.threshold);
      }
      last = s;
      count++;
      done++;
    }
    if (hour >= hourFrom) {
      for (let i = 0; i < keys.length; i++) pending.push(row(keys[i]!, last[i]!, hour, sum![i]!, min![i]!, max![i]!, over![i]!, count));
    } else {
      const d = floorDay(hour);
      if (day && day.at !== d) flushDay();
      day ??= { at: d, sum: new Float64Array(keys.length), min: new Float64Array(keys.length).fill(Infinity), max: new Float64Array(keys.length).fill(-Infinity), over: new Float64Array(keys.length), last: [], count: 0 };
      for (let i = 0; i < keys.length; i++) {
        day.sum[i]! += sum![i]!;
        if (min![i]! < day.min[i]!) day.min[i] = min![i]!;
        if (max![i]! > day.max[i]!) day.max[i] = max![i]!;
        day.over[i]! += over![i]!;
      }
      day.last = last;
      day.count += count;
    }
    if (pending.length + pendingDays.length >= BATCH) {
      await writeRollups(db, "HOUR", pending);
      await writeRollups(db, "DAY", pendingDays);
      hourRollups += pending.length;
      pending = [];
      pendingDays = [];
      onProgress?.(done, totalSlots);
    }
  }
  flushDay();
  await writeRollups(db, "HOUR", pending);
  await writeRollups(db, "DAY", pendingDays);
  hourRollups += pending.length;

  // The raw window.
  let raw: Sample[] = [];
  let rawSamples = 0;
  for (let at = rawFrom; at <= end; at += TELEMETRY_SLOT_MS) {
    raw.push(...m.samplesAt(at, outages));
    done++;
    if (raw.length >= BATCH) {
      await writeSamples(db, raw);
      rawSamples += raw.length;
      raw = [];
      onProgress?.(done, totalSlots);
    }
  }
  await writeSamples(db, raw);
  rawSamples += raw.length;
  onProgress?.(totalSlots, totalSlots);

  hourRollups += await rollupHours(db, rawFrom, end + HOUR_MS);
  await rollupDays(db, hourFrom, end + DAY_MS);
  await writeOutages(db, outages, now);
  await advanceReplications(db, m.samplesAt(end, outages));
  return { rawSamples, hourRollups, outages: outages.length, slots: totalSlots };
}
