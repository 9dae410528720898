import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import type { ActivityType, ConcernedItem } from "@/lib/activity-types";
import type { AuditAction } from "@/lib/audit-actions";
import { decide, type Decision, type LocalizedText } from "@/lib/domain/result";
import { ConflictError } from "@/lib/errors";
import { busyText, startActivity, UNFINISHED } from "./activities";
import { audit } from "./audit";
import type { TenantContext } from "./context";
import { transaction } from "./tx";
import { publishActivities } from "./outbox";
import { isJudging, Judged } from "./judge";
import { notifyActivity } from "@/lib/db/live";

export type Accepted = { activityId: string };

/** What a change's body decided, when it is accepted: its reservation is already written. */
export type ChangePlan<T> = {
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  /** What the activity's handler needs to finish or undo the change. */
  payload?: Prisma.InputJsonValue;
  /** Other resources concerned (shown in the activity). */
  also?: ConcernedItem[];
  /** Extra result for the caller (the new VM's id…). */
  value?: T;
  /** Marks the resource busy with the new activity, in the same transaction. */
  onStarted?: (tx: Tx, activityId: string) => Promise<unknown>;
};

/**
 * The shape of every write: one transaction in which `body` locks what it decides on, asks the
 * domain, and on acceptance writes its reservation; then an audit row (REFUSED with the
 * violations, or the change with before/after and the activity), and the activity, handed to the
 * outbox's publisher (the job queue) once the transaction has committed; the live notice to open tabs
 * is sent inside it, so PostgreSQL delivers it only on commit. Errors (not found, conflict,
 * invalid input) abort everything. When only judged, the decision is taken the same way and
 * everything rolled back (nothing published).
 */
export async function change<T = undefined>(
  ctx: TenantContext,
  kind: { action: AuditAction; activity: ActivityType },
  body: (tx: Tx) => Promise<{ target: ConcernedItem; decision: Decision<ChangePlan<T>> }>,
): Promise<Decision<Accepted & T>> {
  const judged = isJudging();
  const result = await transaction(async (tx) => {
    const { target, decision } = await body(tx);
    // Only judged (lib/services/judge.ts): the decision leaves, the transaction rolls back.
    if (judged) throw new Judged(decision.ok ? decide(decision.warnings, undefined) : decision);
    if (!decision.ok) {
      await audit(tx, ctx, { action: kind.action, outcome: "REFUSED", target, violations: decision.violations });
      return decision;
    }
    const plan = decision.value;
    const activity = await startActivity(tx, ctx, { type: kind.activity, resource: target, also: plan.also, payload: plan.payload ?? {} });
    await plan.onStarted?.(tx, activity.id);
    await audit(tx, ctx, { action: kind.action, target, before: plan.before, after: plan.after, violations: decision.warnings, activityId: activity.id });
    // Open tabs hear of it (lib/domain/live.ts) once this transaction commits, never before.
    await notifyActivity(tx, activity.id);
    return decide(decision.warnings, { ...(plan.value as T), activityId: activity.id });
  });
  if (result.ok) await publishActivities([result.value.activityId]);
  return result;
}

/** How a resource says it is held by an activity that has not ended. */
export type BusyMark<R> =
  /**
   * Its own busy column, set in the transaction that starts the activity and cleared by the
   * activity's handler. `mark: null` (said, never left out) reads the column only: the change marks
   * the row it makes instead (a VM's replication holds its own mark, so the VM stays free to power
   * while it copies).
   */
  | { column: (r: R) => string | null; mark: ((tx: Tx, r: R, activityId: string) => Promise<unknown>) | null }
  /** No column (pools, hosts, affinity rules): an unfinished activity about it is the mark. */
  | { activities: true };

/**
 * Refuses a change while an earlier activity about the same resource has not ended (a pool's
 * activated memory, a host's maintenance): each undoes itself on failure, so they never overlap.
 * Called under the resource's lock.
 */
async function assertResourceIdle(tx: Tx, tenantId: string, resource: ConcernedItem, name: LocalizedText | string = resource.name): Promise<void> {
  const running = await tx.activity.findFirst({ where: { tenantId, resourceType: resource.type, resourceId: resource.id, state: { in: [...UNFINISHED] } }, select: { id: true } });
  if (running) throw new ConflictError(busyText(name));
}

/**
 * The one shape of a change to an existing resource: lock it (and load it; another tenant's or a
 * missing one is not found), refuse while an earlier activity holds it, decide, and on acceptance
 * mark it busy with the new activity in the same transaction as the audit row and the activity.
 * Each activity undoes itself on failure, so two never overlap on one resource.
 *
 * `lock` may lock a set, in the house order (VMs, then pools, then datastores): it returns what it
 * loaded, the resource the change is about (which `target` names and `busy` reads) and whatever it
 * locked beside it (a host's VMs and pool, a replica's standby pools and datastores).
 */
export function changeResource<R, T = undefined>(
  ctx: TenantContext,
  kind: { action: AuditAction; activity: ActivityType },
  resource: {
    lock: (tx: Tx) => Promise<R>;
    target: (r: R) => ConcernedItem;
    busy: BusyMark<R>;
    /** How the refusal names it, when not by its name ("this order", "VLAN 120 → recette"). */
    busyName?: LocalizedText | ((r: R) => LocalizedText | string);
  },
  decideChange: (tx: Tx, r: R) => Promise<Decision<ChangePlan<T>>>,
): Promise<Decision<Accepted & T>> {
  return change<T>(ctx, kind, async (tx) => {
    const r = await resource.lock(tx);
    const target = resource.target(r);
    const busyName = typeof resource.busyName === "function" ? resource.busyName(r) : resource.busyName;
    if ("column" in resource.busy) {
      if (resource.busy.column(r)) throw new ConflictError(busyText(busyName ?? target.name));
    } else await assertResourceIdle(tx, ctx.tenant.id, target, busyName);
    const d = await decideChange(tx, r);
    const mark = "column" in resource.busy ? resource.busy.mark : null;
    if (!d.ok || !mark) return { target, decision: d };
    const onStarted = d.value.onStarted;
    return {
      target,
      decision: decide(d.warnings, {
        ...d.value,
        onStarted: async (t: Tx, activityId: string) => {
          await mark(t, r, activityId);
          await onStarted?.(t, activityId);
        },
      }),
    };
  });
}

