import { getSessionActor } from "@/lib/auth/session";
import { authorize } from "@/lib/auth/authorize";
import { consoleRouteRefusal } from "@/lib/auth/route-refusal";
import { exportAuditEvents } from "@/lib/services/audit";
import { parseAuditListQuery } from "@/lib/validation/audit-list";
import { AUDIT_CSV_HEADER, auditCsvLine } from "@/lib/audit-view";
import { csvDownload } from "@/lib/csv";

/**
 * The audit log as CSV: exactly the rows the page's filters show (its own URL parameters), all
 * pages of them, streamed in batches read from the database as the download goes, so an export
 * of any length holds one batch in memory at a time.
 */
export async function GET(req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const slug = (await params).tenant;
  const authz = await authorize(await getSessionActor(), { slug }, "audit:read");
  if (!authz.ok) return consoleRouteRefusal(req, authz);

  const filters = parseAuditListQuery(Object.fromEntries(new URL(req.url).searchParams));
  const batches = exportAuditEvents(authz.ctx, filters);
  const day = new Date().toISOString().slice(0, 10);
  return csvDownload({ filename: `audit-${authz.ctx.tenant.slug}-${day}.csv`, header: AUDIT_CSV_HEADER, batches, line: auditCsvLine, label: "audit" });
}
