import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { costReport } from "@/lib/services/cost";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { buttonVariants } from "@/components/ui/button";
import { DashboardsNav } from "@/components/dashboards-views/dashboards-nav";
import { CostChart } from "@/components/dashboards-views/cost-chart";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboardsViews"))("cost.title") };
}

/** Month to date and forecast, by tenant and by SKU, priced by the domain over the stored inventory. */
export default tenantPage({ permission: "billing:read", title: ["dashboardsViews", "cost.title"] }, async ({ ctx }) => {
  const [r, t, format, locale] = await Promise.all([costReport(ctx), getTranslations("dashboardsViews"), getFormatter(), getLocale()]);
  const eur = (n: number) => format.number(n, { style: "currency", currency: r.currency });
  const monthName = format.dateTime(new Date(`${r.month}-01T00:00:00Z`), { month: "long", year: "numeric", timeZone: "UTC" });
  const empty = r.tenants.every((x) => x.lines.length === 0);
  return (
    <>
      <PageHeader title={t("cost.title")} subtitle={t("cost.subtitle", { month: monthName, day: r.daysElapsed, days: r.daysInMonth })}>
        <a href={`/t/${ctx.tenant.slug}/dashboards/cost/export`} download className={buttonVariants({ variant: "secondary", size: "md" })}>{t("cost.csv", { tenant: ctx.tenant.name })}</a>
        {r.organizationWide && (
          <a href={`/t/${ctx.tenant.slug}/dashboards/cost/export?scope=organization`} download className={buttonVariants({ variant: "secondary", size: "md" })}>{t("cost.csvAll")}</a>
        )}
      </PageHeader>
      <DashboardsNav tenantSlug={ctx.tenant.slug} current="cost" />
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("cost.intro")}</p>
      {empty ? (
        <EmptyState>{t("cost.empty")}</EmptyState>
      ) : (
        <>
          <dl className="mb-6 grid max-w-xl grid-cols-2 gap-3">
            <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <dt className="text-sm text-slate-700 dark:text-slate-300">{t("cost.monthToDate")}</dt>
              <dd className="text-2xl font-semibold tabular-nums" data-testid="cost-mtd">{eur(r.monthToDate)}</dd>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <dt className="text-sm text-slate-700 dark:text-slate-300">{t("cost.forecast")}</dt>
              <dd className="text-2xl font-semibold tabular-nums" data-testid="cost-forecast">{eur(r.forecast)}</dd>
            </div>
          </dl>

          <div className="mb-6">
            <CostChart title={t("cost.chartByTenant")} locale={locale} data={r.tenants.map((x) => ({ name: x.tenant.name, monthToDate: x.monthToDate, forecast: x.forecast }))} />
          </div>

          <section className="mb-6">
            <h2 id="cost-tenants" className="mb-2 text-lg font-semibold">{t("cost.byTenant")}</h2>
            <Table label={t("cost.byTenant")}>
              <THead>
                <Th>{t("fleet.tenant")}</Th>
                <Th align="right">{t("cost.monthToDate")}</Th>
                <Th align="right">{t("cost.forecast")}</Th>
              </THead>
              <TBody>
                {r.tenants.map((x) => (
                  <Tr key={x.tenant.id}>
                    <RowHeader>{x.tenant.name}</RowHeader>
                    <Td align="right">{eur(x.monthToDate)}</Td>
                    <Td align="right">{eur(x.forecast)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </section>

          <section>
            <h2 id="cost-skus" className="mb-2 text-lg font-semibold">{t("cost.bySku")}</h2>
            <Table label={t("cost.bySku")}>
              <THead>
                <Th>{t("cost.sku")}</Th>
                <Th>{t("cost.label")}</Th>
                <Th align="right">{t("cost.monthToDate")}</Th>
                <Th align="right">{t("cost.forecast")}</Th>
              </THead>
              <TBody>
                {r.bySku.map((l) => (
                  <Tr key={`${l.sku}|${l.label}`}>
                    <RowHeader>
                      <code className="text-xs">{l.sku}</code>
                    </RowHeader>
                    <Td>{l.label}</Td>
                    <Td align="right">{eur(l.monthToDate)}</Td>
                    <Td align="right">{eur(l.forecast)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </section>
          <p className="mt-3 max-w-3xl text-xs text-slate-600 dark:text-slate-300">{t("cost.demoPrices")}</p>
        </>
      )}
    </>
  );
});
