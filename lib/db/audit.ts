import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/audit-actions";
import { db, type Tx } from "./client";
import { likeLiteral } from "./like";
import { afterWhere, countUnless } from "./keyset";

export type AuditInput = {
  organizationId: string;
  tenantId?: string | null;
  actorType: "USER" | "TOKEN" | "SYSTEM";
  actorId?: string | null;
  actorLabel?: string | null;
  action: AuditAction;
  outcome?: "SUCCEEDED" | "REFUSED" | "DENIED";
  targetType?: string;
  targetId?: string;
  targetName?: string;
  details?: Prisma.InputJsonValue;
};

export async function recordAudit(e: AuditInput, tx: Tx = db()) {
  return tx.auditEvent.create({ data: { ...e, details: e.details ?? {} } });
}

// ───────────────────────── Reading the trail ─────────────────────────

export type AuditWhere = {
  action?: string;
  outcome?: "SUCCEEDED" | "REFUSED" | "DENIED";
  actor?: string;
  target?: string;
  targetType?: string;
  targetId?: string;
  createdAt?: { gte?: Date; lt?: Date };
};

/** The where clause of a filtered audit trail; the tenant is always in it. */
export function auditWhere(tenantId: string, f: AuditWhere): Prisma.AuditEventWhereInput {
  return {
    tenantId,
    ...(f.action ? { action: f.action } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.targetType ? { targetType: f.targetType } : {}),
    ...(f.targetId ? { targetId: f.targetId } : {}),
    ...(f.actor ? { actorLabel: { contains: likeLiteral(f.actor), mode: "insensitive" } } : {}),
    ...(f.target ? { OR: [{ targetName: { contains: likeLiteral(f.target), mode: "insensitive" } }, { targetId: f.target }] } : {}),
    ...(f.createdAt && (f.createdAt.gte || f.createdAt.lt) ? { createdAt: f.createdAt } : {}),
  };
}

export const AUDIT_SELECT = {
  id: true,
  createdAt: true,
  actorType: true,
  actorLabel: true,
  action: true,
  outcome: true,
  targetType: true,
  targetId: true,
  targetName: true,
  details: true,
} satisfies Prisma.AuditEventSelect;

export type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof AUDIT_SELECT }>;

/** One page of a tenant's audit trail, newest first, counted in the database. */
export async function listAuditEvents<P extends { skip: number; take: number } & Partial<Paging>>(tenantId: string, f: AuditWhere, page: P, tx: Tx = db()) {
  const where = auditWhere(tenantId, f);
  const [total, rows] = await Promise.all([
    countUnless(page, () => tx.auditEvent.count({ where })),
    // id breaks ties of one instant so that pages never overlap or skip a row
    tx.auditEvent.findMany({
      where: page.after ? { AND: [where, afterWhere("createdAt", "desc", "desc", page.after)] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.after ? 0 : page.skip,
      take: page.take,
      select: AUDIT_SELECT,
    }),
  ]);
  return { total, rows };
}

/**
 * The same trail in batches, newest first, for an export of any length: each batch starts after
 * the last row of the one before (keyset), so no batch re-reads what came before it.
 */
export async function* auditEventBatches(tenantId: string, f: AuditWhere, batchSize = 1000, tx: Tx = db()): AsyncGenerator<AuditRow[]> {
  const where = auditWhere(tenantId, f);
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const page: AuditRow[] = await tx.auditEvent.findMany({
      // "up to the last row's instant, minus what was already sent of that instant": a range the
      // (tenantId, createdAt) index walks backwards; an OR of the two cases made PostgreSQL sort
      // every remaining row for each batch.
      where: after ? { AND: [where, { createdAt: { lte: after.createdAt } }, { NOT: { createdAt: after.createdAt, id: { gte: after.id } } }] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: batchSize,
      select: AUDIT_SELECT,
    });
    if (page.length > 0) yield page;
    if (page.length < batchSize) return;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
