import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { listPools } from "@/lib/services/pools";
import { hasPermission } from "@/lib/permissions";
import { MEMORY_PRESSURE_LIMIT } from "@/lib/domain/catalogue";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { UsageBar } from "@/components/ui/usage-bar";
import { buttonVariants } from "@/components/ui/button";
import { linkClass } from "@/components/ui/styles";
import { tenantPage } from "../../tenant-page";
// The fleet overview links here filtered by ?attention=pressure|sla
import { AttentionNotice } from "@/components/dashboards-views/attention-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pools"))("title") };
}

export default tenantPage({ permission: "compute:read", title: ["pools", "title"] }, async ({ ctx, searchParams }) => {
  const [allPools, t, p, format, dv] = await Promise.all([listPools(ctx), getTranslations("pools"), getTranslations("poolPage"), getFormatter(), getTranslations("dashboardsViews")]);
  const attention = searchParams.attention === "pressure" || searchParams.attention === "sla" ? searchParams.attention : null;
  const pools = attention === null ? allPools : allPools.filter((x) => (attention === "pressure" ? x.memory.inPressure : !x.memory.slaEligible));
  const base = `/t/${ctx.tenant.slug}`;
  const gb = (n: number) => t("gb", { value: format.number(n) });
  const pct = (r: number) => (Number.isFinite(r) ? format.number(r, { style: "percent", maximumFractionDigits: 0 }) : "—");
  const limit = format.number(MEMORY_PRESSURE_LIMIT, { style: "percent" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name}>
        <div className="flex items-center gap-3">
          <Link href={`${base}/compute/affinity-rules`} className={linkClass}>{p("affinityRules")}</Link>
          {hasPermission(ctx.permissions, "order:write") && <Link href={`${base}/orders/new?kind=pool`} className={buttonVariants({ variant: "primary", size: "md" })}>{p("orderPool")}</Link>}
        </div>
      </PageHeader>
      {attention && <AttentionNotice text={dv(`attention.pools.${attention}`, { count: pools.length })} allHref={`${base}/compute/pools`} />}
      {pools.length === 0 ? (
        <EmptyState>{attention ? dv("attention.noneLeft") : t("none")}</EmptyState>
      ) : (
        <>
          <Table label={t("title")}>
            <THead>
              <Th>{t("columns.name")}</Th>
              <Th>{t("columns.nodeType")}</Th>
              <Th>{t("columns.az")}</Th>
              <Th align="right">{t("columns.hosts")}</Th>
              <Th align="right">{t("columns.activated")}</Th>
              <Th>{t("columns.used")}</Th>
              <Th>{t("columns.sla")}</Th>
            </THead>
            <TBody>
              {pools.map((pool) => {
                const m = pool.memory;
                return (
                  <Tr key={pool.id}>
                    <RowHeader>
                      <Link href={`${base}/compute/pools/${pool.id}`} className="hover:underline">{pool.name}</Link>
                    </RowHeader>
                    <Td>{pool.nodeType.label}</Td>
                    <Td>{pool.azId}</Td>
                    <Td align="right">
                      <span className="block">{format.number(m.hostCount)}</span>
                      {pool.hostsInMaintenance > 0 && <span className="block text-xs text-amber-800 dark:text-amber-300">{t("inMaintenance", { count: pool.hostsInMaintenance })}</span>}
                    </Td>
                    <Td align="right">
                      <span className="block">{gb(m.activatedGb)}</span>
                      <span className="block text-xs text-slate-500 dark:text-slate-400">{t("range", { min: format.number(m.minActivatedGb), max: format.number(m.maxActivatedGb) })}</span>
                    </Td>
                    <Td>
                      <div className="flex items-center gap-2">
                        <UsageBar ratio={m.usedRatio} limit={MEMORY_PRESSURE_LIMIT} label={t("usedOf", { used: gb(m.usedGb), percent: pct(m.usedPctOfActivated / 100) })} />
                        {m.inPressure && <Badge tone="red">{t("pressure", { limit })}</Badge>}
                      </div>
                      {!m.inPressure && <span className="block text-xs text-slate-500 dark:text-slate-400">{t("headroom", { value: gb(Math.floor(m.headroomGbBefore85)), limit })}</span>}
                    </Td>
                    <Td>
                      {m.slaEligible ? (
                        <Badge tone="green">{t("eligible")}</Badge>
                      ) : (
                        <span className="flex flex-col items-start gap-0.5">
                          <Badge tone="amber">{t("ineligible")}</Badge>
                          <span className="text-xs text-slate-600 dark:text-slate-400">{m.availableHostCount < 2 ? t("singleHost") : t("haOff")}</span>
                        </span>
                      )}
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
          <p className="mt-3 max-w-3xl text-xs text-slate-600 dark:text-slate-400">{t("legend", { limit })}</p>
        </>
      )}
    </>
  );
});
