// The alerts' evaluation, run by the collector's tick right after it writes its samples (once per
// tick across instances: lib/jobs/telemetry.ts). Reads the latest sample of each watched figure,
// judges it with lib/domain/alerts.ts against the tenant's line or the default, then in ONE statement
// per outcome: opens the alerts newly breached (one unresolved alert per resource and kind, held by a
// partial unique index, so two ticks at once open it once), notifies their subscribers and queues
// the e-mails (the outbox the alert-mail job sends); resolves the ones back under their line.
// No `server-only`: like the collector, it runs from scripts and tests on any SQL client.
import { evaluateAlert, type AlertKind, type AlertResource } from "@/lib/domain/alerts";
import { monthlyAvailability } from "@/lib/domain/sla";
import { downtimeMinutes, monthOf } from "./series";
import { pgArray } from "./collector";
import type { SqlClient } from "./rollup";
import { HOUR_MS } from "./rollup";

/** A sample older than this is no longer "the latest": a stopped collector must not keep alerts open or resolve them. */
export const ALERT_SAMPLE_MAX_AGE_MS = HOUR_MS;

export type AlertFigureRow = { tenantId: string; resourceType: AlertResource; resourceId: string; resourceName: string; kind: AlertKind; value: number; reference: number };

/** The latest figure of every watched resource (active pools, datastores and replications), as of `now`. */
export async function loadAlertFigures(db: SqlClient, now: number): Promise<AlertFigureRow[]> {
  const since = now - ALERT_SAMPLE_MAX_AGE_MS;
  const month = monthOf(new Date(now));
  const latest = (resourceType: string, metric: string) =>
    `SELECT DISTINCT ON (s."resourceId") s."resourceId", s.value, s.capacity, s.threshold
       FROM "MetricSample" s
      WHERE s."resourceType" = '${resourceType}' AND s.metric = '${metric}' AND s.at > (to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC')
      ORDER BY s."resourceId", s.at DESC`;
  type Latest = { id: string; tenantId: string; name: string; value: number; capacity: number | null; threshold: number | null };
  const [pools, iops, space, reps, outages] = await Promise.all([
    db.$queryRawUnsafe<Latest[]>(
      `SELECT x.id, x."tenantId", x.name, l.value, l.capacity, l.threshold FROM (${latest("POOL", "mem_used_gb")}) l JOIN "ComputePool" x ON x.id = l."resourceId" WHERE x.status = 'ACTIVE'`,
      since,
    ),
    db.$queryRawUnsafe<Latest[]>(
      `SELECT x.id, x."tenantId", x.name, l.value, l.capacity, l.threshold FROM (${latest("DATASTORE", "iops_demand")}) l JOIN "Datastore" x ON x.id = l."resourceId" WHERE x.status = 'ACTIVE'`,
      since,
    ),
    db.$queryRawUnsafe<Latest[]>(
      `SELECT x.id, x."tenantId", x.name, l.value, COALESCE(l.capacity, x."sizeGib")::float8 AS capacity, l.threshold FROM (${latest("DATASTORE", "space_used_gb")}) l JOIN "Datastore" x ON x.id = l."resourceId" WHERE x.status = 'ACTIVE'`,
      since,
    ),
    db.$queryRawUnsafe<(Latest & { rpo: number })[]>(
      `SELECT x.id, x."tenantId", x.kind::text || ':' || COALESCE(d.name, v.name, x.id) AS name, l.value, x."promisedRpoMinutes"::float8 AS rpo, NULL AS capacity, NULL AS threshold
         FROM (${latest("REPLICATION", "lag_s")}) l JOIN "Replication" x ON x.id = l."resourceId"
         LEFT JOIN "Datastore" d ON d.id = x."datastoreId" LEFT JOIN "Vm" v ON v.id = x."vmId"
        WHERE x.status = 'ACTIVE'`,
      since,
    ),
    // This month's outages of each active pool: its own, and its hosts' (the SLA page's count).
    db.$queryRawUnsafe<{ poolId: string; tenantId: string; name: string; startedAt: Date | null; endedAt: Date | null }[]>(
      `SELECT p.id AS "poolId", p."tenantId", p.name, e."startedAt", e."endedAt"
         FROM "ComputePool" p
         LEFT JOIN "AvailabilityEvent" e ON e."tenantId" = p."tenantId" AND e."startedAt" < (to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC') AND (e."endedAt" IS NULL OR e."endedAt" > (to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC'))
              AND ((e."resourceType" = 'POOL' AND e."resourceId" = p.id) OR (e."resourceType" = 'HOST' AND e."resourceId" IN (SELECT h.id FROM "Host" h WHERE h."poolId" = p.id)))
        WHERE p.status = 'ACTIVE'`,
      month.start.getTime(),
      now,
    ),
  ]);
  const out: AlertFigureRow[] = [];
  const row = (x: Latest, resourceType: AlertResource, kind: AlertKind, value: number, reference: number | null) => {
    if (reference !== null) out.push({ tenantId: x.tenantId, resourceType, resourceId: x.id, resourceName: x.name, kind, value, reference });
  };
  for (const p of pools) row(p, "POOL", "POOL_MEMORY", Number(p.value), p.capacity === null ? null : Number(p.capacity));
  for (const d of iops) row(d, "DATASTORE", "DATASTORE_IOPS", Number(d.value), d.threshold === null ? null : Number(d.threshold));
  for (const d of space) row(d, "DATASTORE", "DATASTORE_SPACE", Math.max(0, Number(d.capacity) - Number(d.value)), Number(d.capacity));
  for (const r of reps) row(r, "REPLICATION", "REPLICATION_RPO", Number(r.value) / 60, Number(r.rpo));
  const allowed = monthlyAvailability(0, month.days).allowedDowntimeMinutes;
  const byPool = new Map<string, { tenantId: string; name: string; events: { startedAt: Date; endedAt: Date | null }[] }>();
  for (const o of outages) {
    const p = byPool.get(o.poolId) ?? { tenantId: o.tenantId, name: o.name, events: [] };
    if (o.startedAt) p.events.push({ startedAt: o.startedAt, endedAt: o.endedAt });
    byPool.set(o.poolId, p);
  }
  for (const [id, p] of byPool) {
    out.push({ tenantId: p.tenantId, resourceType: "POOL", resourceId: id, resourceName: p.name, kind: "SLA_BUDGET", value: Math.round(downtimeMinutes(p.events, month.start, new Date(now)) * 100) / 100, reference: allowed });
  }
  return out;
}

export type EvaluateResult = { evaluated: number; breached: number; opened: number; resolved: number; notified: number; mailsQueued: number };

/**
 * One evaluation. `mail`: whether e-mail is configured (SMTP_URL); without it no e-mail is queued
 * (the subscriptions page says so) rather than a pile of rows no one will send.
 */
export async function evaluateAlerts(db: SqlClient, now: number, { mail = false }: { mail?: boolean } = {}): Promise<EvaluateResult> {
  const [figures, overrides] = await Promise.all([
    loadAlertFigures(db, now),
    db.$queryRawUnsafe<{ resourceId: string; kind: AlertKind; levelPct: number }[]>(`SELECT "resourceId", kind::text AS kind, "levelPct" FROM "AlertThreshold"`),
  ]);
  const level = new Map(overrides.map((o) => [`${o.resourceId}:${o.kind}`, Number(o.levelPct)]));
  const judged = figures.map((f) => ({ f, e: evaluateAlert(f.kind, f, level.get(`${f.resourceId}:${f.kind}`)) }));
  const breached = judged.filter((j) => j.e.breached);
  const fine = judged.filter((j) => !j.e.breached);
  let opened = 0;
  let notified = 0;
  let mailsQueued = 0;
  if (breached.length > 0) {
    const [r] = await db.$queryRawUnsafe<{ opened: bigint; notified: bigint; mailed: bigint }[]>(
      `WITH input AS (
         SELECT * FROM unnest($1::text::text[], $2::text::text[], $3::text::text[], $4::text::text[], $5::text::text[], $6::text::float8[], $7::text::float8[])
           AS i(t, r, id, name, kind, v, lim)
       ),
       up AS (
         INSERT INTO "Alert" (id, "tenantId", kind, "resourceType", "resourceId", "resourceName", state, value, "limit", peak, "lastValue", "openedAt", "lastSeenAt")
         SELECT 'alert_' || replace(gen_random_uuid()::text, '-', ''), t, kind::"AlertKind", r::"MetricResource", id, name, 'OPEN', v, lim, v, v, (to_timestamp($8::float8 / 1000) AT TIME ZONE 'UTC'), (to_timestamp($8::float8 / 1000) AT TIME ZONE 'UTC') FROM input
         ON CONFLICT ("tenantId", "resourceId", kind) WHERE state <> 'RESOLVED'
         DO UPDATE SET "lastValue" = EXCLUDED."lastValue", "lastSeenAt" = EXCLUDED."lastSeenAt", "resourceName" = EXCLUDED."resourceName",
                       peak = CASE WHEN "Alert".kind = 'DATASTORE_SPACE' THEN LEAST("Alert".peak, EXCLUDED.peak) ELSE GREATEST("Alert".peak, EXCLUDED.peak) END
         RETURNING id, "tenantId", kind, (xmax = 0) AS inserted
       ),
       fresh AS (SELECT id, "tenantId", kind FROM up WHERE inserted),
       -- Subscribers who may still read the tenant's metrics (a person who lost metric:read, or left, hears nothing).
       subscribers AS (
         SELECT f.id AS "alertId", f."tenantId", s."userId", s.email, u.email AS address
           FROM fresh f
           JOIN "AlertSubscription" s ON s."tenantId" = f."tenantId" AND s.kind = f.kind
           JOIN "Membership" m ON m."userId" = s."userId" AND m."tenantId" = f."tenantId" AND 'metric:read' = ANY(m.permissions)
           JOIN "User" u ON u.id = s."userId" AND u."disabledAt" IS NULL
       ),
       n AS (
         INSERT INTO "Notification" (id, "userId", "tenantId", "alertId", "createdAt")
         SELECT 'ntf_' || replace(gen_random_uuid()::text, '-', ''), "userId", "tenantId", "alertId", (to_timestamp($8::float8 / 1000) AT TIME ZONE 'UTC') FROM subscribers
         ON CONFLICT ("userId", "alertId") DO NOTHING RETURNING 1
       ),
       e AS (
         INSERT INTO "AlertEmail" (id, "alertId", "userId", "to", "nextAttemptAt", "createdAt")
         SELECT 'mail_' || replace(gen_random_uuid()::text, '-', ''), "alertId", "userId", address, (to_timestamp($8::float8 / 1000) AT TIME ZONE 'UTC'), (to_timestamp($8::float8 / 1000) AT TIME ZONE 'UTC') FROM subscribers WHERE email AND $9::boolean
         ON CONFLICT ("alertId", "userId") DO NOTHING RETURNING 1
       )
       SELECT (SELECT count(*) FROM fresh) AS opened, (SELECT count(*) FROM n) AS notified, (SELECT count(*) FROM e) AS mailed`,
      pgArray(breached.map((j) => j.f.tenantId)),
      pgArray(breached.map((j) => j.f.resourceType)),
      pgArray(breached.map((j) => j.f.resourceId)),
      pgArray(breached.map((j) => j.f.resourceName)),
      pgArray(breached.map((j) => j.f.kind)),
      pgArray(breached.map((j) => round2(j.e.value))),
      pgArray(breached.map((j) => round2(j.e.limit))),
      now,
      mail,
    );
    opened = Number(r?.opened ?? 0);
    notified = Number(r?.notified ?? 0);
    mailsQueued = Number(r?.mailed ?? 0);
  }
  let resolved = 0;
  if (fine.length > 0) {
    resolved = await db.$executeRawUnsafe(
      `UPDATE "Alert" a SET state = 'RESOLVED', "resolvedAt" = (to_timestamp($4::float8 / 1000) AT TIME ZONE 'UTC'), "lastValue" = i.v, "lastSeenAt" = (to_timestamp($4::float8 / 1000) AT TIME ZONE 'UTC')
         FROM unnest($1::text::text[], $2::text::text[], $3::text::float8[]) AS i(id, kind, v)
        WHERE a."resourceId" = i.id AND a.kind = i.kind::"AlertKind" AND a.state <> 'RESOLVED'`,
      pgArray(fine.map((j) => j.f.resourceId)),
      pgArray(fine.map((j) => j.f.kind)),
      pgArray(fine.map((j) => round2(j.e.value))),
      now,
    );
  }
  return { evaluated: judged.length, breached: breached.length, opened, resolved, notified, mailsQueued };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
