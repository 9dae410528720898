import { getSessionActor } from "@/lib/auth/session";
import { authorize } from "@/lib/auth/authorize";
import { COST_CSV_HEADER, costCsvRows, costReport } from "@/lib/services/cost";
import { CSV_BOM, csvLine } from "@/lib/csv";

const STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 } as const;

/** The cost page's data as CSV (views, issue 9): month to date and forecast per tenant and SKU. */
export async function GET(_req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const slug = (await params).tenant;
  const authz = await authorize(await getSessionActor(), { slug }, "billing:read");
  if (!authz.ok) return Response.json({ code: authz.reason }, { status: STATUS[authz.reason], headers: { "Cache-Control": "no-store" } });
  const report = await costReport(authz.ctx);
  const body = CSV_BOM + csvLine(COST_CSV_HEADER) + costCsvRows(report).map(csvLine).join("");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="cost-${authz.ctx.tenant.slug}-${report.month}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
