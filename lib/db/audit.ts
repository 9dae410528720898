import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/audit-actions";
import { db, type Tx } from "./client";

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
  details?: Prisma.InputJsonValue;
};

export async function recordAudit(e: AuditInput, tx: Tx = db()) {
  return tx.auditEvent.create({ data: { ...e, details: e.details ?? {} } });
}
