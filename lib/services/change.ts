import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import type { ActivityType, ConcernedItem } from "@/lib/activity-types";
import type { AuditAction } from "@/lib/audit-actions";
import { decide, type Decision } from "@/lib/domain/result";
import { startActivity } from "./activities";
import { audit } from "./audit";
import type { TenantContext } from "./context";
import { transaction } from "./tx";
import { publishActivities } from "./outbox";

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
 * outbox's publisher (the job queue) once the transaction has committed. Errors (not found,
 * conflict, invalid input) abort everything.
 */
export async function change<T = undefined>(
  ctx: TenantContext,
  kind: { action: AuditAction; activity: ActivityType },
  body: (tx: Tx) => Promise<{ target: ConcernedItem; decision: Decision<ChangePlan<T>> }>,
): Promise<Decision<Accepted & T>> {
  const result = await transaction(async (tx) => {
    const { target, decision } = await body(tx);
    if (!decision.ok) {
      await audit(tx, ctx, { action: kind.action, outcome: "REFUSED", target, violations: decision.violations });
      return decision;
    }
    const plan = decision.value;
    const activity = await startActivity(tx, ctx, { type: kind.activity, resource: target, also: plan.also, payload: plan.payload ?? {} });
    await plan.onStarted?.(tx, activity.id);
    await audit(tx, ctx, { action: kind.action, target, before: plan.before, after: plan.after, violations: decision.warnings, activityId: activity.id });
    return decide(decision.warnings, { ...(plan.value as T), activityId: activity.id });
  });
  if (result.ok) await publishActivities([result.value.activityId]);
  return result;
}
