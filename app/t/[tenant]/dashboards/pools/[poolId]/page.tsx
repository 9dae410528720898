import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getPoolDashboard, poolMemoryCsv } from "@/lib/services/dashboards-pool";
import { NotFoundError } from "@/lib/errors";
import { MEMORY_PRESSURE_LIMIT } from "@/lib/domain/catalogue";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { DASHBOARD_RANGES, RANGE_MS, parseRange } from "@/lib/validation/dashboards";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { Violations } from "@/components/ui/violations";
import { ChartCard, Figure, RangeTabs, forecastText } from "@/components/dashboards/chart-card";
import { TimeChart } from "@/components/dashboards/lazy-charts";
import { DriversTable } from "@/components/dashboards/drivers-table";
import { EventsTable } from "@/components/dashboards/events-table";
import { getAlertThresholds, listOpenAlertsOf } from "@/lib/services/alerts";
import { hasPermission } from "@/lib/permissions";
import { ResourceAlerts } from "@/components/alerts/resource-alerts";
import { tenantPage } from "../../../tenant-page";
import { AutoRefresh } from "@/components/dashboards/auto-refresh";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("poolDashboard"))("title") };
}

const HOST_COLORS = ["#2563eb", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626"];

export default tenantPage<{ poolId: string }>({ permission: "metric:read", title: ["poolDashboard", "title"] }, async ({ ctx, params, searchParams }) => {
  await connection();
  const range = parseRange(searchParams.range);
  const d = await getPoolDashboard(ctx, params.poolId, range).catch((e: unknown) => (e instanceof NotFoundError ? notFound() : Promise.reject(e)));
  const [openAlerts, alertLines] = await Promise.all([listOpenAlertsOf(ctx, d.pool.id), getAlertThresholds(ctx, "POOL", d.pool.id)]);
  const [t, c, format, locale] = await Promise.all([getTranslations("poolDashboard"), getTranslations("dashboardCommon"), getFormatter(), getLocale()]);
  const m = d.memory;
  const gb = (n: number) => c("gb", { value: format.number(Math.round(n * 10) / 10) });
  const pct = (r: number) => (Number.isFinite(r) ? format.number(r, { style: "percent", maximumFractionDigits: 0 }) : "—");
  const when = (at: number) => format.dateTime(new Date(at), range === "24h" ? { hour: "2-digit", minute: "2-digit" } : { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });
  const base = `/t/${ctx.tenant.slug}/dashboards/pools/${d.pool.id}`;
  const labels = { csv: c("csv"), table: c("table"), empty: c("empty") };
  const empty = d.points.length === 0;
  const hostName = new Map(d.hosts.map((h) => [h.id, h.name]));
  const MARK_COLOR = { outage: "#b91c1c", maintenance_start: "#b45309", maintenance_end: "#047857", activated_memory: "#1d4ed8", ha: "#6d28d9", delivery: "#0f766e" } as const;
  const eventText = (a: (typeof d.annotations)[number]) =>
    a.kind === "outage"
      ? a.endAt === null
        ? c("event_outageOpen", { name: a.name })
        : `${c("event_outage", { name: a.name })} · ${c("minutes", { value: format.number(Math.round((a.endAt - a.at) / 60_000)) })}`
      : a.kind === "activated_memory"
        ? c("event_activated_memory", { name: a.name, before: format.number(Number(a.before ?? 0)), after: format.number(Number(a.after ?? 0)) })
        : a.kind === "ha"
          ? c("event_ha", { name: a.name, after: a.after ? c("haOn") : c("haOff") })
          : c(`event_${a.kind}`, { name: a.name });
  const marks = d.annotations.map((a) => ({ at: a.at, label: c(`mark_${a.kind}`), color: MARK_COLOR[a.kind] }));
  const forecast = forecastText(d.forecast, {
    in: (days) => (days === 0 ? c("forecastNow") : c("forecastIn", { days })),
    notRising: c("forecastNotRising"),
    noHistory: (days) => c("forecastNoHistory", { days }),
    method: (days, slope) => c("forecastMethod", { days, slope: gb(slope) }),
  });

  return (
    <>
      <PageHeader title={`${t("title")} — ${d.pool.name}`} subtitle={t("subtitle", { nodeType: d.pool.nodeTypeLabel, az: d.pool.azId, resolution: c(`resolution_${d.resolution}`) })}>
        <RangeTabs base={base} current={range} label={c("range")} options={DASHBOARD_RANGES.map((r) => ({ value: r, label: c(`range_${r}`) }))} />
      </PageHeader>
      <div className="mb-4 flex justify-end"><AutoRefresh updatedAt={Date.now()} /></div>

      <ResourceAlerts kind="pool" tenant={{ id: ctx.tenant.id, slug: ctx.tenant.slug }} resourceId={d.pool.id} alerts={openAlerts} lines={alertLines} canEdit={hasPermission(ctx.permissions, "compute:management")} />

      <p className="mb-2 max-w-4xl text-xs text-slate-600 dark:text-slate-300" data-testid="pool-dashboard-basis">{t("basis")}</p>
      <dl className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-8" data-testid="pool-dashboard-figures">
        <Figure label={t("figUsed")} value={`${gb(m.usedGb)} · ${pct(m.usedRatio)}`} tone={m.inPressure ? "red" : undefined} />
        <Figure label={t("figConsumed")} value={d.consumedNowGb === null ? "—" : `${gb(d.consumedNowGb)} · ${pct(m.capacityGb > 0 ? d.consumedNowGb / m.capacityGb : 0)}`} tone={d.consumedNowGb !== null && d.consumedNowGb > d.lines.pressureGb ? "red" : undefined} />
        <Figure label={t("figHeadroom")} value={gb(m.headroomGbBefore85)} tone={m.headroomGbBefore85 <= 0 ? "red" : undefined} />
        <Figure label={t("figPeak")} value={gb(d.peakGb)} tone={d.peakGb > d.lines.pressureGb ? "red" : undefined} />
        <Figure label={t("figOverLine")} value={c("minutes", { value: format.number(Math.round(d.overLineMinutes)) })} tone={d.overLineMinutes > 0 ? "amber" : undefined} />
        <Figure
          label={t("figNPlusOne")}
          value={
            <span className="text-sm">
              {d.nPlusOne.ok ? t("nPlusOneOk", { headroom: gb(d.nPlusOne.headroomAfterLossGb), capacity: gb(d.nPlusOne.capacityAfterLossGb) }) : t("nPlusOneNo", { capacity: gb(d.nPlusOne.capacityAfterLossGb), limit: gb(d.nPlusOne.limitAfterLossGb) })}
              {!d.nPlusOne.peakFits && <span className="block text-xs font-normal">{t("nPlusOnePeak", { peak: gb(d.peakGb), limit: gb(d.nPlusOne.limitAfterLossGb) })}</span>}
            </span>
          }
          tone={d.nPlusOne.ok ? "green" : "amber"}
        />
        <Figure label={t("figForecast")} value={forecast.value} hint={forecast.hint} tone={forecast.tone} testId="pool-forecast" />
        <Figure label={t("figSla")} value={d.slaWhy.length === 0 ? t("slaOk") : t("slaNo")} tone={d.slaWhy.length === 0 ? "green" : "amber"} />
      </dl>
      {d.slaWhy.length > 0 && (
        <div className="mb-4">
          <Violations items={toViolationViews(d.slaWhy, langOf(locale))} />
        </div>
      )}

      <div className="grid gap-6">
        <ChartCard
          id="pool-memory-chart"
          title={t("memoryChart")}
          labels={labels}
          empty={empty}
          csv={{ filename: `${d.pool.name}-memory-${range}.csv`, ...poolMemoryCsv(d) }}
          table={{ header: [c("time"), t("used"), t("usedMax"), t("ballooned"), t("cpu")], rows: d.points.map((p) => [when(p.at), gb(p.usedGb), gb(p.usedMaxGb), gb(p.balloonedGb), `${format.number(p.cpuPct)} %`]) }}
        >
          <TimeChart
            title={t("memoryChart")}
            data={d.points}
            locale={locale}
            rangeMs={RANGE_MS[range]}
            unit="GB"
            series={[
              { key: "usedGb", label: t("used"), color: "#2563eb", kind: "area" },
              ...(d.resolution === "RAW" ? [] : [{ key: "usedMaxGb", label: t("usedMax"), color: "#1e40af", dashed: true }]),
              { key: "balloonedGb", label: t("ballooned"), color: "#dc2626" },
              { key: "line85Gb", label: t("line85Then"), color: "#f87171", kind: "step" },
            ]}
            lines={[
              { y: d.lines.pressureGb, label: t("line85", { value: gb(d.lines.pressureGb) }), color: "#b91c1c", testId: "line-85" },
              { y: d.lines.activatedGb, label: t("activated", { value: gb(d.lines.activatedGb) }), color: "#334155" },
              { y: d.lines.physicalGb, label: t("physical", { value: gb(d.lines.physicalGb) }), color: "#64748b" },
            ]}
            areas={d.overLine}
            areaLabel={t("overLine")}
            marks={marks}
          />
        </ChartCard>

        {d.drivers && (
          <DriversTable
            testId="pool-drivers"
            title={(when) => t("driversTitle", { value: gb(d.drivers!.total), when })}
            drivers={d.drivers}
            resolution={d.resolution}
            tenantSlug={ctx.tenant.slug}
            figure={gb}
          />
        )}

        <ChartCard
          id="pool-cpu-chart"
          title={t("cpuChart")}
          labels={labels}
          empty={empty}
          csv={{ filename: `${d.pool.name}-cpu-${range}.csv`, header: ["at", "cpu_pct"], rows: d.points.map((p) => [new Date(p.at).toISOString(), p.cpuPct]) }}
          table={{ header: [c("time"), t("cpu")], rows: d.points.map((p) => [when(p.at), `${format.number(p.cpuPct)} %`]) }}
        >
          <TimeChart title={t("cpuChart")} data={d.points} locale={locale} rangeMs={RANGE_MS[range]} unit="%" yMax={100} series={[{ key: "cpuPct", label: t("cpu"), color: "#0891b2", kind: "area" }]} />
        </ChartCard>

        <ChartCard
          id="pool-hosts-chart"
          title={t("hostsChart")}
          labels={labels}
          empty={d.hostPoints.length === 0}
          csv={{ filename: `${d.pool.name}-hosts-${range}.csv`, header: ["at", ...d.hosts.map((h) => h.name)], rows: d.hostPoints.map((p) => [new Date(p.at).toISOString(), ...d.hosts.map((h) => p[h.id] ?? "")]) }}
          table={{ header: [c("time"), ...d.hosts.map((h) => h.name)], rows: d.hostPoints.map((p) => [when(p.at), ...d.hosts.map((h) => (p[h.id] === undefined ? "—" : gb(p[h.id]!)))]) }}
        >
          <TimeChart
            title={t("hostsChart")}
            data={d.hostPoints}
            locale={locale}
            rangeMs={RANGE_MS[range]}
            unit="GB"
            series={d.hosts.map((h, i) => ({ key: h.id, label: hostName.get(h.id)!, color: HOST_COLORS[i % HOST_COLORS.length]! }))}
            lines={d.hosts[0] ? [{ y: d.hosts.find((h) => h.shareGb > 0)?.shareGb ?? 0, label: t("hostShare"), color: "#334155" }] : []}
          />
        </ChartCard>

        <EventsTable
          title={c("events")}
          empty={c("eventsNone")}
          columns={{ when: c("time"), what: c("eventWhat") }}
          rows={d.annotations.map((a) => ({ when: format.dateTime(new Date(a.at), { dateStyle: "medium", timeStyle: "short" }), what: eventText(a) }))}
        />

        <Table label={t("hostsTable")}>
          <THead>
            <Th>{t("host")}</Th>
            <Th align="right">{t("hostUsed")}</Th>
            <Th align="right">{t("hostShare")}</Th>
            <Th align="right">{t("hostLoad")}</Th>
            <Th align="right">{t("hostSampled")}</Th>
            <Th align="right">{t("hostVms")}</Th>
          </THead>
          <TBody>
            {d.hosts.map((h) => (
              <Tr key={h.id}>
                <RowHeader>
                  {h.name} {h.maintenance && <Badge tone="amber">{t("maintenance")}</Badge>}
                </RowHeader>
                <Td align="right">{gb(h.usedGb)}</Td>
                <Td align="right">{gb(h.shareGb)}</Td>
                <Td align="right">{h.usedRatio > MEMORY_PRESSURE_LIMIT ? <Badge tone="red">{pct(h.usedRatio)}</Badge> : pct(h.usedRatio)}</Td>
                <Td align="right">{h.sampledGb === null ? "—" : gb(h.sampledGb)}</Td>
                <Td align="right">{format.number(h.vmCount)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
    </>
  );
});
