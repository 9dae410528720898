import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db/client";
import { isActivityType, type ActivityDetailView, type ActivityStepView, type ActivityType, type ActivityView, type ConcernedItem } from "@/lib/activity-types";
import { INFRA_PLANS } from "@/lib/infra/driver";
import { actorUserId } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import type { LocalizedText } from "@/lib/domain/result";
import { listActivities as listActivityRows, listTenantPeople } from "@/lib/db/activities";
import type { ActivityListQuery } from "@/lib/validation/activity-list";
import { assertPermission, type TenantContext } from "./context";

export type { ActivityDetailView, ActivityView, ConcernedItem };

export type ActivitySpec = {
  type: ActivityType;
  /** The resource the activity changes or makes (its history shows the activity). */
  resource: ConcernedItem;
  /** Other resources concerned (the pool a VM lands in…). */
  also?: ConcernedItem[];
  /** What the handler needs to finish the change or undo the reservation; JSON. */
  payload?: Prisma.InputJsonValue;
};

/**
 * Records a waiting activity in the caller's transaction (the request's reservation and its
 * activity commit together). The caller enqueues it once the transaction has committed.
 */
export async function startActivity(tx: Tx, ctx: TenantContext, spec: ActivitySpec) {
  return tx.activity.create({
    data: {
      tenantId: ctx.tenant.id,
      type: spec.type,
      actorType: ctx.actor.type === "user" ? "USER" : ctx.actor.type === "token" ? "TOKEN" : "SYSTEM",
      initiatorId: actorUserId(ctx.actor),
      tokenId: ctx.actor.type === "token" ? ctx.actor.tokenId : null,
      concernedItems: [spec.resource, ...(spec.also ?? [])],
      resourceType: spec.resource.type,
      resourceId: spec.resource.id,
      resourceName: spec.resource.name,
      payload: spec.payload ?? {},
    },
    select: { id: true },
  });
}

// ───────────────────────── Reads ─────────────────────────

export const ACTIVITY_SELECT = {
  id: true,
  type: true,
  state: true,
  progress: true,
  step: true,
  actorType: true,
  concernedItems: true,
  resourceType: true,
  resourceId: true,
  resultId: true,
  failureReason: true,
  failure: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
  initiator: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ActivitySelect;

type ActivityRow = Prisma.ActivityGetPayload<{ select: typeof ACTIVITY_SELECT }>;


/** A plain, serialisable view: the same for a page, a client poll and the REST API. */
export function toActivityView(a: ActivityRow): ActivityView {
  return {
    id: a.id,
    type: a.type,
    state: a.state,
    progress: a.progress,
    step: a.step,
    stepLabel: (a.step && isActivityType(a.type) ? INFRA_PLANS[a.type].find((st) => st.key === a.step)?.label : null) ?? null,
    initiator: a.initiator,
    actorType: a.actorType,
    concernedItems: Array.isArray(a.concernedItems) ? (a.concernedItems as ConcernedItem[]) : [],
    resource: a.resourceType && a.resourceId ? { type: a.resourceType, id: a.resourceId } : null,
    resultId: a.resultId,
    failure: (a.failure as ActivityView["failure"]) ?? (a.failureReason ? { code: "FAILED", message: { en: a.failureReason, fr: a.failureReason } } : null),
    createdAt: a.createdAt.toISOString(),
    startedAt: a.startedAt?.toISOString() ?? null,
    completedAt: a.completedAt?.toISOString() ?? null,
  };
}

/** One activity with its steps' times; another tenant's is not found. */
export async function getActivity(ctx: TenantContext, id: string): Promise<ActivityDetailView> {
  assertPermission(ctx, "activity:read");
  const a = await db().activity.findFirst({ where: { id, tenantId: ctx.tenant.id }, select: { ...ACTIVITY_SELECT, attempts: true, stepLog: true } });
  if (!a) throw new NotFoundError("activity", id);
  const view = toActivityView(a);
  return { ...view, attempts: a.attempts, steps: activitySteps(view, Array.isArray(a.stepLog) ? (a.stepLog as StepLogEntry[]) : []) };
}

type StepLogEntry = { key: string; at: string };

/** The plan's steps as they ran (from the runner's log), then those not reached. */
export function activitySteps(a: Pick<ActivityView, "type" | "state" | "completedAt">, log: readonly StepLogEntry[]): ActivityStepView[] {
  const plan = isActivityType(a.type) ? INFRA_PLANS[a.type] : [];
  const indexOf = (key: string) => plan.findIndex((st) => st.key === key);
  const labelOf = (key: string) => plan[indexOf(key)]?.label ?? { en: key, fr: key };
  const ended = a.state === "COMPLETED" || a.state === "FAILED";
  const ran = log.map((e, i): ActivityStepView => {
    const next = log[i + 1];
    const last = !next;
    // WAITING with steps logged: a graceful stop handed it back, and a worker will start it again.
    const state = !last ? (indexOf(next.key) <= indexOf(e.key) ? "interrupted" : "done") : a.state === "COMPLETED" ? "done" : a.state === "FAILED" ? "failed" : a.state === "WAITING" ? "interrupted" : "running";
    return { key: e.key, label: labelOf(e.key), state, startedAt: e.at, endedAt: next?.at ?? (ended ? a.completedAt : null) };
  });
  // What follows the last step logged was not reached, unless the activity completed: one that ran before
  // steps were logged (or was seeded) shows its plan done, without times.
  const reached = log.length === 0 ? 0 : a.state === "COMPLETED" ? plan.length : indexOf(log[log.length - 1]!.key) + 1;
  const rest = plan.slice(reached).map((st): ActivityStepView => ({ key: st.key, label: st.label, state: a.state === "COMPLETED" ? "done" : ended ? "skipped" : "pending", startedAt: null, endedAt: null }));
  return [...ran, ...rest];
}

/** Several activities at once (the browser polls the ones it started); other tenants' ids are ignored. */
export async function getActivities(ctx: TenantContext, ids: readonly string[]): Promise<ActivityView[]> {
  assertPermission(ctx, "activity:read");
  if (ids.length === 0) return [];
  const rows = await db().activity.findMany({ where: { tenantId: ctx.tenant.id, id: { in: [...ids] } }, select: ACTIVITY_SELECT });
  return rows.map(toActivityView);
}

// ── activities not yet ended: what holds a resource without a busy column (pools, hosts, affinity rules) ──

/** The states of an activity that still holds what it changes. */
export const UNFINISHED = ["WAITING", "RUNNING"] as const;

/** The refusal of a change to a resource that an unfinished activity is already changing. */
export function busyText(name: LocalizedText | string): LocalizedText {
  const n = typeof name === "string" ? { en: name, fr: name } : name;
  return {
    en: `An activity is already changing ${n.en}. Wait for it to finish (see Activities), then try again.`,
    fr: `Une activité modifie déjà ${n.fr}. Attendez qu’elle se termine (voir Activités), puis réessayez.`,
  };
}

/** The activities not yet ended about some resources of one type, newest first (a page shows their progress). */
export async function unfinishedActivitiesOf(tenantId: string, resourceType: string, ids: readonly string[]): Promise<ActivityView[]> {
  if (ids.length === 0) return [];
  const rows = await db().activity.findMany({
    where: { tenantId, resourceType, resourceId: { in: [...ids] }, state: { in: [...UNFINISHED] } },
    orderBy: { createdAt: "desc" },
    select: ACTIVITY_SELECT,
  });
  return rows.map(toActivityView);
}

// ───────────────────────── The tenant's history ─────────────────────────

/** One page of the tenant's activities, newest first, filtered in the database (a resource's own history with resourceType + resourceId). */
export async function listActivities<Q extends ActivityListQuery & Partial<Paging>>(ctx: TenantContext, q: Q): Promise<{ total: Counted<Q>; rows: ActivityView[] }> {
  assertPermission(ctx, "activity:read");
  const { total, rows } = await listActivityRows(ctx.tenant.id, q, ACTIVITY_SELECT);
  return { total, rows: rows.map(toActivityView) };
}

/** Who the history may be filtered by: the tenant's members. */
export async function activityInitiators(ctx: TenantContext) {
  assertPermission(ctx, "activity:read");
  return listTenantPeople(ctx.tenant.id);
}
