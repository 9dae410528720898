import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { FLEET_COUNTS, fleetForecasts, fleetOverview, type FleetCount } from "@/lib/services/dashboards-fleet";
import { plannerTargets } from "@/lib/services/planner";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { linkClass } from "@/components/ui/styles";
import { DashboardsNav } from "@/components/dashboards-views/dashboards-nav";
import { cn } from "@/lib/cn";
import { tenantPage } from "../tenant-page";
import { AutoRefresh } from "@/components/dashboards/auto-refresh";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboardsViews"))("title") };
}

/** The list behind each count, in the tenant that holds it. */
const LIST: Record<FleetCount, string> = {
  poolsInPressure: "compute/pools?attention=pressure",
  poolsNotSlaEligible: "compute/pools?attention=sla",
  datastoresOverIops: "storage?attention=iops",
  datastoresShortOfSpace: "storage?attention=space",
  replicationsAtRisk: "data-protection/replications?rpo=at_risk",
  replicationsInBreach: "data-protection/replications?rpo=breach",
  vmsWithoutBackup: "data-protection?coverage=none",
};
const SEVERE: Record<FleetCount, "red" | "amber"> = {
  poolsInPressure: "red",
  poolsNotSlaEligible: "amber",
  datastoresOverIops: "red",
  datastoresShortOfSpace: "red",
  replicationsAtRisk: "amber",
  replicationsInBreach: "red",
  vmsWithoutBackup: "amber",
};

/**
 * The dashboards' home: the fleet overview across every tenant the user may read (an owner or
 * operator: the whole organization), each count linking to the list behind it, then the pools and
 * datastores of this tenant, each with its own dashboard.
 */
export default tenantPage({ permission: "metric:read", title: ["dashboardsViews", "title"] }, async ({ ctx }) => {
  await connection();
  const [fleet, targets, forecasts, t, format] = await Promise.all([fleetOverview(ctx), plannerTargets(ctx), fleetForecasts(ctx), getTranslations("dashboardsViews"), getFormatter()]);
  const base = `/t/${ctx.tenant.slug}/dashboards`;
  const single = fleet.rows.length === 1 ? fleet.rows[0]!.tenant : null;
  const countLabel = (k: FleetCount, n: number) => (k === "datastoresOverIops" && !fleet.telemetry ? t("noTelemetry") : format.number(n));
  return (
    <>
      <PageHeader title={t("title")} subtitle={fleet.organizationWide ? t("scopeOrganization", { count: fleet.rows.length }) : t("scopeTenants", { count: fleet.rows.length })} />
      <DashboardsNav tenantSlug={ctx.tenant.slug} current="fleet" />
      <div className="mb-4 flex justify-end"><AutoRefresh updatedAt={Date.now()} /></div>

      <section aria-labelledby="fleet-heading" className="mb-8">
        <h2 id="fleet-heading" className="mb-3 text-lg font-semibold">{t("fleet.heading")}</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("fleet.cards")}>
          {FLEET_COUNTS.map((k) => {
            const n = fleet.totals[k];
            const body = (
              <>
                <span className={cn("block text-2xl font-semibold tabular-nums", n > 0 && (SEVERE[k] === "red" ? "text-red-700 dark:text-red-300" : "text-amber-800 dark:text-amber-300"))}>{countLabel(k, n)}</span>
                <span className="block text-sm text-slate-700 dark:text-slate-300">{t(`fleet.count.${k}`)}</span>
              </>
            );
            return (
              <li key={k} data-testid={`fleet-${k}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900">
                {/* one tenant: the count opens its list; several: the breakdown below links each tenant's */}
                <Link href={single ? `/t/${single.slug}/${LIST[k]}` : `#breakdown-${k}`} className="block hover:underline">
                  {body}
                </Link>
              </li>
            );
          })}
        </ul>
        {!fleet.telemetry && <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{t("noTelemetryNote")}</p>}
      </section>

      {/* no landmark name of its own: the table's region already carries it (names stay unique) */}
      <section className="mb-8">
        <h2 id="breakdown-heading" className="mb-3 text-lg font-semibold">{t("fleet.breakdown")}</h2>
        <Table label={t("fleet.breakdown")}>
          <THead>
            <Th>{t("fleet.tenant")}</Th>
            <Th align="right">{t("fleet.pools")}</Th>
            <Th align="right">{t("fleet.datastores")}</Th>
            {FLEET_COUNTS.map((k) => (
              <Th key={k} align="right">
                <span id={`breakdown-${k}`}>{t(`fleet.count.${k}`)}</span>
              </Th>
            ))}
          </THead>
          <TBody>
            {fleet.rows.map(({ tenant, counts }) => (
              <Tr key={tenant.id}>
                <RowHeader>{tenant.name}</RowHeader>
                <Td align="right">{format.number(counts.pools)}</Td>
                <Td align="right">{format.number(counts.datastores)}</Td>
                {FLEET_COUNTS.map((k) => (
                  <Td key={k} align="right">
                    {k === "datastoresOverIops" && !fleet.telemetry ? (
                      <span className="text-slate-600 dark:text-slate-300">{t("noTelemetry")}</span>
                    ) : (
                      <Link href={`/t/${tenant.slug}/${LIST[k]}`} className={linkClass} aria-label={t("fleet.cellLabel", { count: counts[k], what: t(`fleet.count.${k}`), tenant: tenant.name })}>
                        {format.number(counts[k])}
                      </Link>
                    )}
                  </Td>
                ))}
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      <section className="mb-8" data-testid="fleet-forecasts">
        <h2 className="mb-1 text-lg font-semibold">{t("forecasts.heading")}</h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("forecasts.method")}</p>
        {forecasts.soonest.length === 0 ? (
          <EmptyState>{t("forecasts.none", { count: forecasts.others })}</EmptyState>
        ) : (
          <Table label={t("forecasts.heading")}>
            <THead>
              <Th>{t("forecasts.resource")}</Th>
              <Th>{t("fleet.tenant")}</Th>
              <Th>{t("forecasts.what")}</Th>
              <Th align="right">{t("forecasts.when")}</Th>
            </THead>
            <TBody>
              {forecasts.soonest.map((f) => (
                <Tr key={f.id}>
                  <RowHeader>
                    <Link className={linkClass} href={`/t/${f.tenant.slug}/dashboards/${f.kind === "pool" ? "pools" : "datastores"}/${f.id}`}>
                      {f.name}
                    </Link>
                  </RowHeader>
                  <Td>{f.tenant.name}</Td>
                  <Td>{t(f.kind === "pool" ? "forecasts.poolLine" : "forecasts.datastoreFull")}</Td>
                  <Td align="right">{f.forecast.kind !== "crosses" ? "—" : f.forecast.days === 0 ? t("forecasts.now") : t("forecasts.in", { days: f.forecast.days })}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        {forecasts.soonest.length > 0 && forecasts.others > 0 && <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{t("forecasts.others", { count: forecasts.others })}</p>}
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section id="dashboard-pools" aria-labelledby="pools-heading">
          <h2 id="pools-heading" className="mb-2 text-lg font-semibold">{t("pools.heading", { tenant: ctx.tenant.name })}</h2>
          {targets.pools.length === 0 ? (
            <EmptyState>{t("pools.none")}</EmptyState>
          ) : (
            <ul className="space-y-1 text-sm">
              {targets.pools.map((p) => (
                <li key={p.id}>
                  <Link href={`${base}/pools/${p.id}`} className={linkClass}>{p.name}</Link> <span className="text-slate-600 dark:text-slate-300">· {p.azId}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section id="dashboard-datastores" aria-labelledby="datastores-heading">
          <h2 id="datastores-heading" className="mb-2 text-lg font-semibold">{t("datastores.heading", { tenant: ctx.tenant.name })}</h2>
          {targets.datastores.length === 0 ? (
            <EmptyState>{t("datastores.none")}</EmptyState>
          ) : (
            <ul className="space-y-1 text-sm">
              {targets.datastores.map((d) => (
                <li key={d.id}>
                  <Link href={`${base}/datastores/${d.id}`} className={linkClass}>{d.name}</Link> <span className="text-slate-600 dark:text-slate-300">· {d.azId}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
});
