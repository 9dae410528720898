import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { datastoreIopsCsv, getDatastoreDashboard } from "@/lib/services/dashboards-datastore";
import { NotFoundError } from "@/lib/errors";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { DASHBOARD_RANGES, RANGE_MS, parseRange } from "@/lib/validation/dashboards";
import { PageHeader } from "@/components/ui/page-header";
import { Violations } from "@/components/ui/violations";
import { ChartCard, Figure, RangeTabs, forecastText } from "@/components/dashboards/chart-card";
import { TimeChart } from "@/components/dashboards/lazy-charts";
import { DriversTable } from "@/components/dashboards/drivers-table";
import { SpaceBar } from "@/components/dashboards/space-bar";
import { getAlertThresholds, listOpenAlertsOf } from "@/lib/services/alerts";
import { hasPermission } from "@/lib/permissions";
import { ResourceAlerts } from "@/components/alerts/resource-alerts";
import { tenantPage } from "../../../tenant-page";
import { AutoRefresh } from "@/components/dashboards/auto-refresh";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("datastoreDashboard"))("title") };
}

export default tenantPage<{ datastoreId: string }>({ permission: "metric:read", title: ["datastoreDashboard", "title"] }, async ({ ctx, params, searchParams }) => {
  await connection();
  const range = parseRange(searchParams.range);
  const d = await getDatastoreDashboard(ctx, params.datastoreId, range).catch((e: unknown) => (e instanceof NotFoundError ? notFound() : Promise.reject(e)));
  const [openAlerts, alertLines] = await Promise.all([listOpenAlertsOf(ctx, d.datastore.id), getAlertThresholds(ctx, "DATASTORE", d.datastore.id)]);
  const [t, c, format, locale] = await Promise.all([getTranslations("datastoreDashboard"), getTranslations("dashboardCommon"), getFormatter(), getLocale()]);
  const f = d.figures;
  const gib = (n: number) => c("gib", { value: format.number(Math.round(n)) });
  const iops = (n: number) => c("iops", { value: format.number(Math.round(n)) });
  const when = (at: number) => format.dateTime(new Date(at), range === "24h" ? { hour: "2-digit", minute: "2-digit" } : { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });
  const base = `/t/${ctx.tenant.slug}/dashboards/datastores/${d.datastore.id}`;
  const labels = { csv: c("csv"), table: c("table"), empty: c("empty") };
  const empty = d.points.length === 0;
  const name = d.datastore.name;
  const forecast = forecastText(d.forecast, {
    in: (days) => (days === 0 ? c("forecastNow") : c("forecastIn", { days })),
    notRising: c("forecastNotRising"),
    noHistory: (days) => c("forecastNoHistory", { days }),
    method: (days, slope) => c("forecastMethod", { days, slope: c("gib", { value: format.number(slope, { maximumFractionDigits: 1 }) }) }),
  });

  return (
    <>
      <PageHeader title={`${t("title")} — ${name}`} subtitle={t("subtitle", { tier: d.datastore.tierLabel, az: d.datastore.azId, size: gib(d.datastore.sizeGib), resolution: c(`resolution_${d.resolution}`) })}>
        <RangeTabs base={base} current={range} label={c("range")} options={DASHBOARD_RANGES.map((r) => ({ value: r, label: c(`range_${r}`) }))} />
      </PageHeader>
      <div className="mb-4 flex justify-end"><AutoRefresh updatedAt={Date.now()} /></div>

      <ResourceAlerts kind="datastore" tenant={{ id: ctx.tenant.id, slug: ctx.tenant.slug }} resourceId={d.datastore.id} alerts={openAlerts} lines={alertLines} canEdit={hasPermission(ctx.permissions, "compute:management")} />

      <dl className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5" data-testid="datastore-dashboard-figures">
        <Figure label={t("figDemand")} value={iops(f.iopsDemand)} tone={f.throttled ? "red" : undefined} />
        <Figure label={t("figLimit")} value={f.iopsLimit === null ? "—" : iops(f.iopsLimit)} />
        <Figure label={t("figPeak")} value={iops(d.peakIops)} tone={f.iopsLimit !== null && d.peakIops > f.iopsLimit ? "red" : undefined} />
        <Figure label={t("figThrottled")} value={c("minutes", { value: format.number(Math.round(d.throttledMinutes)) })} tone={d.throttledMinutes > 0 ? "amber" : undefined} />
        <Figure label={t("figForecast")} value={forecast.value} hint={forecast.hint} tone={forecast.tone} testId="datastore-forecast" />
      </dl>
      {d.warnings.length > 0 && (
        <div className="mb-4">
          <Violations items={toViolationViews(d.warnings, langOf(locale))} />
        </div>
      )}

      <div className="grid gap-6">
        <ChartCard
          id="datastore-iops-chart"
          title={t("iopsChart")}
          labels={labels}
          empty={empty}
          summary={f.iopsLimit === null ? <p className="text-sm text-slate-600 dark:text-slate-300">{t("noLimit")}</p> : undefined}
          csv={{ filename: `${name}-iops-${range}.csv`, ...datastoreIopsCsv(d) }}
          table={{ header: [c("time"), t("demand"), t("demandMax"), t("throttled"), t("latency")], rows: d.points.map((p) => [when(p.at), iops(p.iops), iops(p.iopsMax), p.throttledMinutes > 0 ? c("minutes", { value: format.number(Math.round(p.throttledMinutes)) }) : "—", `${format.number(p.latencyMs)} ms`]) }}
        >
          <TimeChart
            title={t("iopsChart")}
            data={d.points}
            locale={locale}
            rangeMs={RANGE_MS[range]}
            unit="IOPS"
            series={[
              { key: "iops", label: t("demand"), color: "#2563eb", kind: "area" },
              ...(d.resolution === "RAW" ? [] : [{ key: "iopsMax", label: t("demandMax"), color: "#1e40af", dashed: true }]),
              ...(f.iopsLimit === null ? [] : [{ key: "iopsLimit", label: t("limitThen"), color: "#f87171", kind: "step" as const }]),
            ]}
            lines={f.iopsLimit === null ? [] : [{ y: f.iopsLimit, label: t("limit", { value: format.number(f.iopsLimit), perTb: format.number(d.datastore.iopsPerTb ?? 0) }), color: "#b91c1c", testId: "line-iops-limit" }]}
            areas={d.throttled}
            areaLabel={t("throttled")}
            marks={d.annotations.map((a) => ({ at: a.at, label: c(`mark_${a.kind}`), color: "#0f766e" }))}
          />
        </ChartCard>

        {d.drivers && (
          <DriversTable
            testId="datastore-drivers"
            title={(when) => t("driversTitle", { value: iops(d.drivers!.total), when })}
            drivers={d.drivers}
            resolution={d.resolution}
            tenantSlug={ctx.tenant.slug}
            figure={iops}
          />
        )}

        <section aria-labelledby="datastore-space" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="datastore-space" className="mb-3 font-semibold">
            {t("spaceChart")}
          </h2>
          <SpaceBar label={t("spaceChart")} parts={d.space.map((s) => ({ key: s.key, label: t(`space_${s.key}`), value: s.gib, text: t("spaceOf", { value: gib(s.gib), size: gib(f.sizeGib) }) }))} total={f.sizeGib} />
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-slate-600 dark:text-slate-300">{t("overcommit")}</dt>
            <dd>{t("overcommitValue", { provisioned: gib(f.provisionedGib), size: gib(f.sizeGib), ratio: format.number(f.overcommitRatio, { style: "percent", maximumFractionDigits: 0 }) })}</dd>
            <dt className="sr-only">{t("overcommit")}</dt>
            <dd className={f.thinAtRisk ? "text-red-700 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}>{f.thinAtRisk ? t("thinAtRisk") : t("thinOk")}</dd>
          </dl>
        </section>

        <ChartCard
          id="datastore-latency-chart"
          title={t("latencyChart")}
          labels={labels}
          empty={empty}
          csv={{ filename: `${name}-latency-space-${range}.csv`, header: ["at", "latency_ms", "space_used_gb"], rows: d.points.map((p) => [new Date(p.at).toISOString(), p.latencyMs, p.spaceUsedGb]) }}
          table={{ header: [c("time"), t("latency"), t("spaceUsed")], rows: d.points.map((p) => [when(p.at), `${format.number(p.latencyMs)} ms`, gib(p.spaceUsedGb)]) }}
        >
          <TimeChart title={t("latencyChart")} data={d.points} locale={locale} rangeMs={RANGE_MS[range]} unit="ms" series={[{ key: "latencyMs", label: t("latency"), color: "#7c3aed" }]} />
        </ChartCard>
      </div>
    </>
  );
});
