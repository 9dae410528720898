import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import {
  acknowledgeOpenAlert,
  countAlerts,
  findAlert,
  findAlertResourceName,
  listAlertSubscriptions,
  listAlertThresholds,
  listAlerts as listAlertRows,
  setAlertSubscriptionRow,
  setAlertThresholdRow,
  type AlertFilter,
  type AlertRow,
} from "@/lib/db/alerts";
import { ALERT_KINDS, ALERT_KIND_SPECS, alertText, type AlertKind, type AlertResource } from "@/lib/domain/alerts";
import type { Decision } from "@/lib/domain/result";
import type { AlertView } from "@/lib/alert-view";
import { actorUserId } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import { env } from "@/lib/env";
import { alertMailConfig } from "@/lib/env-mail";
import type { AcknowledgeAlertInput, AlertListQuery, SetAlertSubscriptionInput, SetAlertThresholdInput } from "@/lib/validation/alerts";
import { actorColumns, assertPermission, type TenantContext } from "./context";

// Operator alerts: the list (history kept), acknowledging, a tenant's own line per resource, and a
// user's subscriptions. Opening and resolving are the collector tick's (lib/metrics/alerts.ts).
// Immediate changes, like IAM: audited, no activity.

export type { AlertView };

const view = (a: AlertRow): AlertView => ({ ...a, text: alertText(a.kind, a), unit: ALERT_KIND_SPECS[a.kind].unit });

/** A cursor names the last row seen and keeps the page's size, as the API's other lists do. */
function cursorOf(a: AlertRow, limit: number): string {
  return Buffer.from(`${a.openedAt.toISOString()}|${a.id}|${limit}`).toString("base64url");
}
function parseCursor(c: string | undefined): { openedAt: Date; id: string; limit: number } | undefined {
  if (!c) return undefined;
  const [at, id, size] = Buffer.from(c, "base64url").toString().split("|");
  const openedAt = new Date(at ?? "");
  const limit = Number(size);
  return id && Number.isFinite(openedAt.getTime()) && Number.isInteger(limit) && limit >= 1 && limit <= 200 ? { openedAt, id, limit } : undefined;
}

function filterOf(q: Pick<AlertListQuery, "state" | "view" | "kind" | "resourceId">): AlertFilter {
  const states = q.state ? [q.state] : q.view === "all" ? undefined : (["OPEN", "ACKNOWLEDGED"] as const);
  return { states, kind: q.kind, resourceId: q.resourceId };
}

/** A page of the tenant's alerts, newest first, with the total of the filter and the next page's cursor. */
export async function listAlerts(ctx: TenantContext, q: AlertListQuery): Promise<{ alerts: AlertView[]; total: number; nextCursor: string | null }> {
  assertPermission(ctx, "metric:read");
  const f = filterOf(q);
  const after = parseCursor(q.cursor);
  const limit = after?.limit ?? q.limit;
  const [rows, total] = await Promise.all([listAlertRows(ctx.tenant.id, f, { after, limit: limit + 1 }), countAlerts(ctx.tenant.id, f)]);
  const page = rows.slice(0, limit);
  return { alerts: page.map(view), total, nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]!, limit) : null };
}

/** The unresolved alerts of one resource (the pool and datastore dashboards show them). */
export async function listOpenAlertsOf(ctx: TenantContext, resourceId: string): Promise<AlertView[]> {
  assertPermission(ctx, "metric:read");
  return (await listAlertRows(ctx.tenant.id, { states: ["OPEN", "ACKNOWLEDGED"], resourceId }, { limit: 20 })).map(view);
}

/** A resource's lines: the default of each kind that watches it, and the tenant's own where set. */
export async function getAlertThresholds(ctx: TenantContext, resource: AlertResource, resourceId: string) {
  assertPermission(ctx, "metric:read");
  const own = await listAlertThresholds(ctx.tenant.id, [resourceId]);
  return ALERT_KINDS.filter((k) => ALERT_KIND_SPECS[k].resource === resource).map((kind) => ({
    kind,
    defaultPct: ALERT_KIND_SPECS[kind].defaultPct,
    levelPct: own.find((o) => o.kind === kind)?.levelPct ?? null,
  }));
}

/**
 * Acknowledges an open alert: who and when are kept, and the tick keeps updating its figures until
 * it resolves. An alert already acknowledged or resolved is answered as it is, unchanged.
 */
export async function acknowledgeAlert(ctx: TenantContext, input: AcknowledgeAlertInput): Promise<Decision<{ alert: AlertView }>> {
  assertPermission(ctx, "metric:read");
  return db().$transaction(async (tx) => {
    const before = await findAlert(ctx.tenant.id, input.alertId, tx);
    if (!before) throw new NotFoundError("alert", input.alertId);
    const actor = actorColumns(ctx);
    const changed = await acknowledgeOpenAlert(ctx.tenant.id, before.id, { id: actorUserId(ctx.actor), name: actor.actorLabel }, new Date(), tx);
    if (changed) {
      await recordAudit(
        { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actor, action: "alert.acknowledge", targetType: "alert", targetId: before.id, targetName: before.resourceName, details: { kind: before.kind, value: before.lastValue, limit: before.limit } },
        tx,
      );
    }
    const after = (await findAlert(ctx.tenant.id, before.id, tx))!;
    return { ok: true, value: { alert: view(after) }, warnings: [] };
  });
}

/** Sets the tenant's line for one resource and kind (percent of the kind's reference), or back to the default. */
export async function setAlertThreshold(ctx: TenantContext, input: SetAlertThresholdInput): Promise<Decision<{ kind: AlertKind; levelPct: number | null; defaultPct: number }>> {
  assertPermission(ctx, "compute:management");
  const resource = ALERT_KIND_SPECS[input.kind].resource;
  return db().$transaction(async (tx) => {
    const name = await findAlertResourceName(ctx.tenant.id, resource, input.resourceId, tx);
    if (name === null) throw new NotFoundError(resource.toLowerCase(), input.resourceId);
    const before = (await listAlertThresholds(ctx.tenant.id, [input.resourceId], tx)).find((t) => t.kind === input.kind)?.levelPct ?? null;
    await setAlertThresholdRow(ctx.tenant.id, { resourceType: resource, resourceId: input.resourceId, kind: input.kind, levelPct: input.levelPct }, tx);
    await recordAudit(
      { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "alert.threshold_set", targetType: resource.toLowerCase(), targetId: input.resourceId, targetName: name, details: { kind: input.kind, before, after: input.levelPct } },
      tx,
    );
    return { ok: true, value: { kind: input.kind, levelPct: input.levelPct, defaultPct: ALERT_KIND_SPECS[input.kind].defaultPct }, warnings: [] };
  });
}

/** The caller's subscriptions in the tenant, one row per kind. */
export async function getAlertSubscriptions(ctx: TenantContext): Promise<{ kind: AlertKind; subscribed: boolean; email: boolean }[]> {
  assertPermission(ctx, "metric:read");
  const userId = actorUserId(ctx.actor);
  const own = userId ? await listAlertSubscriptions(userId, ctx.tenant.id) : [];
  return ALERT_KINDS.map((kind) => {
    const s = own.find((o) => o.kind === kind);
    return { kind, subscribed: Boolean(s), email: s?.email ?? false };
  });
}

/** Subscribes the caller (a person, or a person's token) to one kind of the tenant's alerts, or not. */
export async function setAlertSubscription(ctx: TenantContext, input: SetAlertSubscriptionInput): Promise<Decision<{ kind: AlertKind; subscribed: boolean; email: boolean }>> {
  assertPermission(ctx, "metric:read");
  const userId = actorUserId(ctx.actor);
  if (!userId) throw new Error("a subscription belongs to a person: the system has none");
  return db().$transaction(async (tx) => {
    await setAlertSubscriptionRow(userId, ctx.tenant.id, input, tx);
    await recordAudit(
      { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "alert.subscription_set", targetType: "user", targetId: userId, details: { kind: input.kind, subscribed: input.subscribed, email: input.subscribed && input.email } },
      tx,
    );
    return { ok: true, value: { kind: input.kind, subscribed: input.subscribed, email: input.subscribed && input.email }, warnings: [] };
  });
}

/** Whether alert e-mail is on (SMTP_URL set): the subscriptions say so when it is not. */
export function alertMailEnabled(): boolean {
  return alertMailConfig(env()) !== null;
}
