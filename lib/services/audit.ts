import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import type { AuditAction } from "@/lib/audit-actions";
import type { Violation } from "@/lib/domain/result";
import { actorColumns, type TenantContext } from "./context";

export type AuditEntry = {
  action: AuditAction;
  outcome?: "SUCCEEDED" | "REFUSED";
  target?: { type: string; id: string; name?: string };
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  /** The refusals (REFUSED) or the warnings accepted with the change (an override's reason among them). */
  violations?: readonly Violation[];
  activityId?: string;
  extra?: Record<string, Prisma.InputJsonValue>;
};

/** One audit row for a mutation or a refused attempt, in the caller's transaction. */
export async function audit(tx: Tx, ctx: TenantContext, e: AuditEntry) {
  const details: Record<string, Prisma.InputJsonValue> = { ...(e.extra ?? {}) };
  if (e.target?.name) details.targetName = e.target.name;
  if (e.before !== undefined) details.before = e.before;
  if (e.after !== undefined) details.after = e.after;
  if (e.activityId) details.activityId = e.activityId;
  if (e.violations?.length) {
    details.violations = e.violations.map((v) => ({ code: v.code, severity: v.severity, message: v.message.en, ...(v.limit !== undefined ? { limit: v.limit } : {}), ...(v.actual !== undefined ? { actual: v.actual } : {}), ...(v.overridden ? { overridden: v.overridden.reason } : {}) }));
  }
  return recordAudit(
    {
      organizationId: ctx.tenant.organizationId,
      tenantId: ctx.tenant.id,
      ...actorColumns(ctx),
      action: e.action,
      outcome: e.outcome ?? "SUCCEEDED",
      targetType: e.target?.type,
      targetId: e.target?.id,
      details,
    },
    tx,
  );
}
