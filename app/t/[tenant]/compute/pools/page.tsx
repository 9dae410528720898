import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { listPools } from "@/lib/db/pools";
import { poolMemory } from "@/lib/domain/pool";
import type { NodeTypeCode } from "@/lib/domain/catalogue";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Th, Td, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { UsageBar } from "@/components/ui/usage-bar";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pools"))("title") };
}

export default async function PoolsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await requireTenant((await params).tenant);
  const [pools, t, format] = await Promise.all([listPools(ctx.tenant.id), getTranslations("pools"), getFormatter()]);
  const pct = (r: number) => format.number(r, { style: "percent", maximumFractionDigits: 0 });
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      {pools.length === 0 ? (
        <EmptyState>{t("none")}</EmptyState>
      ) : (
        <Table label={t("title")}>
          <thead className="bg-slate-50 dark:bg-slate-900">
            <tr>
              <Th>{t("columns.name")}</Th>
              <Th>{t("columns.nodeType")}</Th>
              <Th>{t("columns.az")}</Th>
              <Th align="right">{t("columns.hosts")}</Th>
              <Th align="right">{t("columns.activated")}</Th>
              <Th>{t("columns.used")}</Th>
              <Th>{t("columns.sla")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {pools.map((p) => {
              const m = poolMemory({ nodeType: p.nodeTypeCode as NodeTypeCode, hosts: p._count.hosts, activatedMemoryGb: p.activatedMemoryGb, haEnabled: p.haEnabled, usedGb: p.usedMemoryGb });
              return (
                <tr key={p.id}>
                  <Td className="font-medium">{p.name}</Td>
                  <Td>{p.nodeType.label}</Td>
                  <Td>{p.azId}</Td>
                  <Td align="right">{p._count.hosts}</Td>
                  <Td align="right">
                    <span className="block">{format.number(m.activatedGb)} GB</span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">{t("range", { min: m.minActivatedGb, max: m.maxActivatedGb })}</span>
                  </Td>
                  <Td>
                    <div className="flex items-center gap-2">
                      <UsageBar ratio={m.usedRatio} limit={0.85} label={`${format.number(m.usedGb)} GB · ${pct(m.usedRatio)}`} />
                      {m.inPressure && <Badge tone="red">{t("pressure")}</Badge>}
                    </div>
                  </Td>
                  <Td>{m.slaEligible ? <Badge tone="green">{t("eligible")}</Badge> : <Badge tone="amber" title={t("ineligibleWhy")}>{t("ineligible")}</Badge>}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
