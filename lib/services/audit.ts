import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { auditEventBatches, listAuditEvents as listAuditRows, recordAudit, type AuditWhere } from "@/lib/db/audit";
import { toAuditEventView, type AuditEventView } from "@/lib/audit-view";
import { auditDateBounds, type AuditFilters, type AuditListQuery } from "@/lib/validation/audit-list";
import type { AuditAction } from "@/lib/audit-actions";
import type { Lang, Violation } from "@/lib/domain/result";
import { actorColumns, assertPermission, type TenantContext } from "./context";

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
    // The code and figures, and the sentence in every language the console speaks: a reader gets
    // it in theirs, whatever the language of whoever was refused (lib/audit-view.ts picks it).
    // `message` stays the English sentence, as rows written before carry it and scripts read it.
    details.violations = e.violations.map((v) => ({
      code: v.code,
      severity: v.severity,
      message: v.message.en,
      messages: { en: v.message.en, fr: v.message.fr },
      ...(v.limit !== undefined ? { limit: v.limit } : {}),
      ...(v.actual !== undefined ? { actual: v.actual } : {}),
      ...(v.unit !== undefined ? { unit: v.unit } : {}),
      ...(v.subject !== undefined ? { subject: v.subject } : {}),
      ...(v.overridden ? { overridden: v.overridden.reason } : {}),
    }));
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
      targetName: e.target?.name,
      details,
    },
    tx,
  );
}

// ───────────────────────── Reading the trail ─────────────────────────

function whereOf(f: AuditFilters): AuditWhere {
  return { action: f.action, outcome: f.outcome, actor: f.actor, target: f.target, targetType: f.targetType, targetId: f.targetId, createdAt: auditDateBounds(f) };
}

/** One page of the tenant's audit trail (every mutation, refusal and denial), newest first, filtered in the database. */
/** Refusal sentences come in `lang`, the reader's (English unless told). */
export async function listAuditEvents<Q extends AuditListQuery & Partial<Paging>>(ctx: TenantContext, q: Q, lang: Lang = "en"): Promise<{ total: Counted<Q>; rows: AuditEventView[] }> {
  assertPermission(ctx, "audit:read");
  const { total, rows } = await listAuditRows(ctx.tenant.id, whereOf(q), { skip: (q.page - 1) * q.pageSize, take: q.pageSize, after: q.after, count: q.count });
  return { total: total as Counted<Q>, rows: rows.map((r) => toAuditEventView(r, lang)) };
}

/** Every row the same filters show, in batches read one after the other (the CSV export streams them). */
export async function* exportAuditEvents(ctx: TenantContext, f: AuditFilters, batchSize = 1000): AsyncGenerator<AuditEventView[]> {
  assertPermission(ctx, "audit:read");
  // English, as the CSV's column names: a file for scripts reads the same whoever exported it.
  for await (const batch of auditEventBatches(ctx.tenant.id, whereOf(f), batchSize)) yield batch.map((r) => toAuditEventView(r, "en"));
}
