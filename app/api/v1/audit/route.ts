import { endpoint, nextCursorOf, pageOf } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { listAuditEvents } from "@/lib/services/audit";
import type { AuditListQuery } from "@/lib/validation/audit-list";

export const GET = endpoint(ENDPOINTS.listAudit, async (ctx, { query }) => {
  const p = pageOf(query);
  const { action, outcome, targetId } = query as Pick<AuditListQuery, "action" | "outcome" | "targetId">;
  const { total, rows } = await listAuditEvents(ctx, { action, outcome, targetId, sort: "createdAt", dir: "desc", page: p.page, pageSize: p.pageSize });
  return { list: rows, nextCursor: nextCursorOf(p, rows.length, total) };
});
