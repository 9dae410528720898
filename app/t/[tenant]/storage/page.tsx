import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { listDatastores } from "@/lib/db/datastores";
import { datastoreFigures } from "@/lib/domain/storage";
import type { StorageTierCode } from "@/lib/domain/catalogue";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Th, Td, EmptyState } from "@/components/ui/table";
import { UsageBar } from "@/components/ui/usage-bar";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("storage"))("title") };
}

export default async function StoragePage({ params }: { params: Promise<{ tenant: string }> }) {
  const ctx = await requireTenant((await params).tenant);
  const [stores, t, format] = await Promise.all([listDatastores(ctx.tenant.id), getTranslations("storage"), getFormatter()]);
  const gib = (n: number) => t("gib", { value: format.number(n) });
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      {stores.length === 0 ? (
        <EmptyState>{t("none")}</EmptyState>
      ) : (
        <Table label={t("caption")}>
          <thead className="bg-slate-50 dark:bg-slate-900">
            <tr>
              <Th>{t("columns.name")}</Th>
              <Th>{t("columns.tier")}</Th>
              <Th>{t("columns.az")}</Th>
              <Th align="right">{t("columns.size")}</Th>
              <Th align="right">{t("columns.iopsLimit")}</Th>
              <Th align="right">{t("columns.provisioned")}</Th>
              <Th>{t("columns.used")}</Th>
              <Th align="right">{t("columns.free")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {stores.map((s) => {
              const f = datastoreFigures({ tier: s.tierCode as StorageTierCode, sizeGib: s.sizeGib, provisionedGib: s.provisionedGib, usedGib: s.usedGib, vms: s.vms });
              return (
                <tr key={s.id}>
                  <Td className="font-medium">{s.name}</Td>
                  <Td>{s.tier.label}</Td>
                  <Td>{s.azId}</Td>
                  <Td align="right">{gib(s.sizeGib)}</Td>
                  <Td align="right">{f.iopsLimit === null ? <span title={t("noGuarantee")}>—</span> : format.number(f.iopsLimit)}</Td>
                  <Td align="right">{gib(f.provisionedGib)}</Td>
                  <Td><UsageBar ratio={(s.usedGib + f.swapGib) / s.sizeGib} limit={0.9} label={gib(s.usedGib + f.swapGib)} /></Td>
                  <Td align="right">{gib(f.freeGib)}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
