import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { capacityTable, type CapacityRow } from "@/lib/services/dashboards-capacity";
import { MEMORY_PRESSURE_LIMIT } from "@/lib/domain/catalogue";
import { CAPACITY_SORTS, DASHBOARD_RANGES, capacityList, parseRange, type CapacitySort } from "@/lib/validation/dashboards";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Table, THead, TBody, Tr, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { SortableTh } from "@/components/ui/list/sortable-th";
import { linkClass } from "@/components/ui/styles";
import { RangeTabs, forecastText } from "@/components/dashboards/chart-card";
import { AutoRefresh } from "@/components/dashboards/auto-refresh";
import { DashboardsNav } from "@/components/dashboards-views/dashboards-nav";
import { cn } from "@/lib/cn";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboardsCapacity"))("title") };
}

/** Figures sort largest first on a first click; names from A. */
const FIRST_DIR: Record<CapacitySort, "asc" | "desc"> = { consumed: "desc", allocated: "desc", overLine: "desc", forecast: "asc", alerts: "desc", tenant: "asc", pool: "asc" };
/** Columns a phone leaves out (the pool's cell names its tenant and its alerts there). */
const WIDE: Partial<Record<CapacitySort, string>> = { tenant: "hidden md:table-cell", overLine: "hidden sm:table-cell", forecast: "hidden lg:table-cell", alerts: "hidden sm:table-cell" };
const COLUMN_ORDER: readonly CapacitySort[] = ["pool", "tenant", "allocated", "consumed", "overLine", "forecast", "alerts"];

/**
 * Every pool of every tenant the operator may read, one row each, sortable, each linking to its
 * pool dashboard with the range kept. The figures and their meaning come from the service (allocated
 * vs consumed, the line from the catalogue); this page only lays them out.
 */
export default tenantPage({ permission: "metric:read", title: ["dashboardsCapacity", "title"] }, async ({ ctx, searchParams }) => {
  await connection();
  const q = capacityList.parse(searchParams);
  const range = parseRange(q.range);
  const [table, t, c, v, format] = await Promise.all([capacityTable(ctx, { range, sort: q.sort, dir: q.dir }), getTranslations("dashboardsCapacity"), getTranslations("dashboardCommon"), getTranslations("dashboardsViews"), getFormatter()]);
  const base = `/t/${ctx.tenant.slug}/dashboards/capacity`;
  const pct = (r: number) => format.number(r, { style: "percent", maximumFractionDigits: 0 });
  const gb = (n: number) => c("gb", { value: format.number(Math.round(n)) });
  const forecast = (f: CapacityRow["forecast"]) =>
    forecastText(f, {
      in: (days) => (days === 0 ? c("forecastNow") : c("forecastIn", { days })),
      notRising: c("forecastNotRising"),
      noHistory: (days) => c("forecastNoHistory", { days }),
      method: (days, slope) => c("forecastMethod", { days, slope: gb(slope) }),
    });
  const alertState = (p: CapacityRow) => (p.alerts.state === "open" ? t("alertsOpen", { count: p.alerts.open }) : t("alertsAcknowledged", { count: p.alerts.acknowledged }));
  const alertLink = (p: CapacityRow) => (
    <Link href={`/t/${p.tenant.slug}/dashboards/alerts?resourceId=${p.id}`} aria-label={t("alertsLink", { pool: p.name, state: alertState(p) })} className="hover:underline">
      <Badge tone={p.alerts.state === "open" ? "red" : "amber"} dot>
        {alertState(p)}
      </Badge>
    </Link>
  );
  const share = (ratio: number | null, usedGb: number | null, capacityGb: number, above: boolean, testId: string) =>
    ratio === null || usedGb === null ? (
      <span className="text-slate-600 dark:text-slate-300">{t("noTelemetry")}</span>
    ) : (
      <span data-testid={testId} data-value={ratio} title={t("of", { used: gb(usedGb), capacity: gb(capacityGb) })} className={cn(above && "font-semibold text-red-700 dark:text-red-300")}>
        {pct(ratio)}
        <span className="ml-1 hidden text-xs font-normal text-slate-600 2xl:inline dark:text-slate-300">{t("of", { used: gb(usedGb), capacity: gb(capacityGb) })}</span>
      </span>
    );

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { pools: table.total, tenants: table.tenants.length })}>
        <RangeTabs base={base} current={range} label={c("range")} options={DASHBOARD_RANGES.map((r) => ({ value: r, label: c(`range_${r}`) }))} hrefOf={(r) => capacityList.href(base, q, { range: r as typeof range })} />
      </PageHeader>
      <DashboardsNav tenantSlug={ctx.tenant.slug} current="capacity" />
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-3xl text-xs text-slate-600 dark:text-slate-300">{t("basis", { rule: "CPOOL.MEMORY_PRESSURE", line: pct(MEMORY_PRESSURE_LIMIT) })}</p>
        <AutoRefresh updatedAt={Date.now()} />
      </div>

      {table.total === 0 ? (
        <EmptyState>{t("none")}</EmptyState>
      ) : (
        <Table label={t("tableLabel")}>
          <THead>
            {COLUMN_ORDER.map((key) => {
              const label = t(key);
              const active = q.sort === key;
              return (
                <SortableTh
                  key={key}
                  label={label}
                  align={key === "pool" || key === "tenant" || key === "alerts" ? "left" : "right"}
                  className={WIDE[key]}
                  active={active}
                  dir={q.dir}
                  title={t("sortBy", { column: label })}
                  href={capacityList.href(base, q, { sort: key, dir: active ? (q.dir === "asc" ? "desc" : "asc") : FIRST_DIR[key], range })}
                />
              );
            })}
          </THead>
          <TBody>
            {table.rows.map((p) => {
              const f = forecast(p.forecast);
              return (
                <Tr key={p.id}>
                  <RowHeader>
                    <Link href={`/t/${p.tenant.slug}/dashboards/pools/${p.id}?range=${range}`} className={linkClass} aria-label={t("openPool", { pool: p.name, tenant: p.tenant.name })}>
                      {p.name}
                    </Link>
                    <span className="block text-xs font-normal text-slate-600 md:hidden dark:text-slate-300">{p.tenant.name}</span>
                    {p.alerts.state !== "none" && <span className="mt-0.5 block text-xs font-normal sm:hidden">{alertLink(p)}</span>}
                  </RowHeader>
                  <Td className={WIDE.tenant}>{p.tenant.name}</Td>
                  <Td align="right">{share(p.allocatedRatio, p.allocatedGb, p.capacityGb, p.allocatedAboveLine, "capacity-allocated")}</Td>
                  <Td align="right">{share(p.consumedRatio, p.consumedGb, p.capacityGb, p.consumedAboveLine, "capacity-consumed")}</Td>
                  <Td align="right" className={WIDE.overLine}>
                    <span className={cn(p.overLineMinutes > 0 && "text-amber-800 dark:text-amber-200")}>{c("minutes", { value: format.number(Math.round(p.overLineMinutes)) })}</span>
                  </Td>
                  <Td align="right" className={cn(WIDE.forecast, "max-w-44 whitespace-normal")}>
                    <span title={f.hint} className={cn(f.tone === "red" && "text-red-700 dark:text-red-300", f.tone === "amber" && "text-amber-800 dark:text-amber-200")}>{f.value}</span>
                  </Td>
                  <Td className={WIDE.alerts}>
                    {p.alerts.state === "none" ? (
                      <span className="text-slate-600 dark:text-slate-300">{t("alertsNone")}</span>
                    ) : (
                      alertLink(p)
                    )}
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
      {table.rows.length < table.total && <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{t("shown", { shown: table.rows.length, total: table.total })}</p>}
      <p className="mt-3 max-w-3xl text-xs text-slate-600 dark:text-slate-300">{v("forecasts.method")}</p>
    </>
  );
});
