import { getSessionActor } from "@/lib/auth/session";
import { authorize } from "@/lib/auth/authorize";
import { consoleRouteRefusal } from "@/lib/auth/route-refusal";
import { COST_CSV_HEADER, costCsvRows, costReport } from "@/lib/services/cost";
import { CSV_BOM, csvLine } from "@/lib/csv";

/**
 * The cost page's data as CSV: month to date and forecast per SKU of this tenant, or of every
 * tenant the report covers with `?scope=organization` (an owner's organization-wide view).
 */
export async function GET(req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const slug = (await params).tenant;
  const authz = await authorize(await getSessionActor(), { slug }, "billing:read");
  if (!authz.ok) return consoleRouteRefusal(req, authz);
  const report = await costReport(authz.ctx);
  const all = new URL(req.url).searchParams.get("scope") === "organization" && report.organizationWide;
  const body = CSV_BOM + csvLine(COST_CSV_HEADER) + costCsvRows(report, all ? null : authz.ctx.tenant.id).map(csvLine).join("");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="cost-${all ? "organization" : authz.ctx.tenant.slug}-${report.month}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
