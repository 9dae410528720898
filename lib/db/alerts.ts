import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AlertKind, AlertResource, AlertState } from "@/lib/domain/alerts";
import { db, type Tx } from "./client";

// Alerts, the tenants' lines, users' subscriptions and notifications. Every function of a tenant's
// rows takes its id and puts it in the where: another tenant's alert is not found. The tick's own
// writes (open, resolve, notify, queue e-mail) are in lib/metrics/alerts.ts, one statement each.

export const ALERT_SELECT = {
  id: true,
  kind: true,
  resourceType: true,
  resourceId: true,
  resourceName: true,
  state: true,
  value: true,
  limit: true,
  peak: true,
  lastValue: true,
  openedAt: true,
  lastSeenAt: true,
  acknowledgedAt: true,
  acknowledgedByName: true,
  resolvedAt: true,
} as const;

export type AlertRow = Prisma.AlertGetPayload<{ select: typeof ALERT_SELECT }>;

export type AlertFilter = { states?: readonly AlertState[]; kind?: AlertKind; resourceId?: string };

/** Newest first; `after` is the last row of the previous page (keyset on the (tenantId, openedAt, id) index). */
export async function listAlerts(tenantId: string, f: AlertFilter, page: { after?: { openedAt: Date; id: string }; limit: number }, tx: Tx = db()): Promise<AlertRow[]> {
  const after = page.after;
  return tx.alert.findMany({
    where: {
      tenantId,
      ...(f.states ? { state: { in: [...f.states] } } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.resourceId ? { resourceId: f.resourceId } : {}),
      ...(after ? { OR: [{ openedAt: { lt: after.openedAt } }, { openedAt: after.openedAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ openedAt: "desc" }, { id: "desc" }],
    take: page.limit,
    select: ALERT_SELECT,
  });
}

export async function countAlerts(tenantId: string, f: AlertFilter, tx: Tx = db()): Promise<number> {
  return tx.alert.count({ where: { tenantId, ...(f.states ? { state: { in: [...f.states] } } : {}), ...(f.kind ? { kind: f.kind } : {}), ...(f.resourceId ? { resourceId: f.resourceId } : {}) } });
}

export async function findAlert(tenantId: string, alertId: string, tx: Tx = db()): Promise<AlertRow | null> {
  return tx.alert.findFirst({ where: { tenantId, id: alertId }, select: ALERT_SELECT });
}

/** Acknowledges an open alert; answers false when it was no longer open (acknowledged or resolved meanwhile). */
export async function acknowledgeOpenAlert(tenantId: string, alertId: string, by: { id: string | null; name: string }, at: Date, tx: Tx = db()): Promise<boolean> {
  const r = await tx.alert.updateMany({ where: { tenantId, id: alertId, state: "OPEN" }, data: { state: "ACKNOWLEDGED", acknowledgedAt: at, acknowledgedById: by.id, acknowledgedByName: by.name } });
  return r.count === 1;
}

// ── the tenants' lines ──

export async function listAlertThresholds(tenantId: string, resourceIds?: readonly string[], tx: Tx = db()) {
  return tx.alertThreshold.findMany({ where: { tenantId, ...(resourceIds ? { resourceId: { in: [...resourceIds] } } : {}) }, select: { resourceId: true, kind: true, levelPct: true } });
}

export async function setAlertThresholdRow(tenantId: string, row: { resourceType: AlertResource; resourceId: string; kind: AlertKind; levelPct: number | null }, tx: Tx = db()) {
  const where = { tenantId_resourceId_kind: { tenantId, resourceId: row.resourceId, kind: row.kind } };
  if (row.levelPct === null) return tx.alertThreshold.deleteMany({ where: { tenantId, resourceId: row.resourceId, kind: row.kind } });
  return tx.alertThreshold.upsert({ where, create: { tenantId, resourceType: row.resourceType, resourceId: row.resourceId, kind: row.kind, levelPct: row.levelPct }, update: { levelPct: row.levelPct } });
}

/** The name of a pool, datastore or replication of the tenant (null: not found, or another tenant's). */
export async function findAlertResourceName(tenantId: string, type: AlertResource, id: string, tx: Tx = db()): Promise<string | null> {
  if (type === "POOL") return (await tx.computePool.findFirst({ where: { tenantId, id }, select: { name: true } }))?.name ?? null;
  if (type === "DATASTORE") return (await tx.datastore.findFirst({ where: { tenantId, id }, select: { name: true } }))?.name ?? null;
  const r = await tx.replication.findFirst({ where: { tenantId, id }, select: { kind: true, datastore: { select: { name: true } }, vm: { select: { name: true } } } });
  return r ? `${r.kind}:${r.datastore?.name ?? r.vm?.name ?? id}` : null;
}

// ── subscriptions ──

export async function listAlertSubscriptions(userId: string, tenantId: string, tx: Tx = db()) {
  return tx.alertSubscription.findMany({ where: { userId, tenantId }, select: { kind: true, email: true } });
}

export async function setAlertSubscriptionRow(userId: string, tenantId: string, s: { kind: AlertKind; subscribed: boolean; email: boolean }, tx: Tx = db()) {
  if (!s.subscribed) return tx.alertSubscription.deleteMany({ where: { userId, tenantId, kind: s.kind } });
  return tx.alertSubscription.upsert({ where: { userId_tenantId_kind: { userId, tenantId, kind: s.kind } }, create: { userId, tenantId, kind: s.kind, email: s.email }, update: { email: s.email } });
}

// ── notifications (a user's own, in the tenants the caller says they may see) ──

export async function countUnreadNotifications(userId: string, tenantIds: readonly string[], tx: Tx = db()): Promise<number> {
  if (tenantIds.length === 0) return 0;
  return tx.notification.count({ where: { userId, readAt: null, tenantId: { in: [...tenantIds] } } });
}

export async function listNotifications(userId: string, tenantIds: readonly string[], limit: number, tx: Tx = db()) {
  if (tenantIds.length === 0) return [];
  return tx.notification.findMany({
    where: { userId, tenantId: { in: [...tenantIds] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, createdAt: true, readAt: true, tenant: { select: { slug: true, name: true } }, alert: { select: ALERT_SELECT } },
  });
}

/** Marks the user's notifications read: the ones named, or all of them. Answers how many changed. */
export async function markNotificationsRead(userId: string, ids: readonly string[] | null, at: Date, tx: Tx = db()): Promise<number> {
  const r = await tx.notification.updateMany({ where: { userId, readAt: null, ...(ids ? { id: { in: [...ids] } } : {}) }, data: { readAt: at } });
  return r.count;
}
