import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";
import { MissingPermission } from "@/components/ui/missing-permission";
import { listPools } from "@/lib/db/pools";
import { poolMemory } from "@/lib/domain/pool";
import { MEMORY_PRESSURE_LIMIT, type NodeTypeCode } from "@/lib/domain/catalogue";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { UsageBar } from "@/components/ui/usage-bar";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pools"))("title") };
}

export default async function PoolsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await requireTenant((await params).tenant);
  if (!hasPermission(ctx.permissions, "compute:read")) return <MissingPermission title={(await getTranslations("pools"))("title")} permission="compute:read" />;
  const [pools, t, format] = await Promise.all([listPools(ctx.tenant.id), getTranslations("pools"), getFormatter()]);
  const gb = (n: number) => t("gb", { value: format.number(n) });
  const pct = (r: number) => (Number.isFinite(r) ? format.number(r, { style: "percent", maximumFractionDigits: 0 }) : "—");
  const limit = format.number(MEMORY_PRESSURE_LIMIT, { style: "percent" });
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      {pools.length === 0 ? (
        <EmptyState>{t("none")}</EmptyState>
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
              {pools.map((p) => {
                const hosts = p._count.hosts;
                const m = poolMemory({ nodeType: p.nodeTypeCode as NodeTypeCode, hosts, hostsInMaintenance: p.hostsInMaintenance, activatedMemoryGb: p.activatedMemoryGb, haEnabled: p.haEnabled, usedGb: p.usedMemoryGb });
                const why = hosts < 2 ? t("singleHost") : t("haOff");
                return (
                  <Tr key={p.id}>
                    <RowHeader>{p.name}</RowHeader>
                    <Td>{p.nodeType.label}</Td>
                    <Td>{p.azId}</Td>
                    <Td align="right">
                      <span className="block">{format.number(hosts)}</span>
                      {p.hostsInMaintenance > 0 && <span className="block text-xs text-amber-800 dark:text-amber-300">{t("inMaintenance", { count: p.hostsInMaintenance })}</span>}
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
                          <span className="text-xs text-slate-600 dark:text-slate-400">{why}</span>
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
}
