import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listAllowedRanges } from "@/lib/services/allowed-ranges";
import { hostRange } from "@/lib/domain/address-ranges";
import { hasPermission } from "@/lib/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Td, Th, RowHeader } from "@/components/ui/table";
import { linkClass } from "@/components/ui/styles";
import { AllowedRangesForm } from "@/components/iam/allowed-ranges-form";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("allowedRanges"))("title") };
}

export default tenantPage({ permission: "iam:read", title: ["allowedRanges", "title"] }, async ({ ctx }) => {
  const [{ ranges, yourAddress }, t, iam] = await Promise.all([listAllowedRanges(ctx), getTranslations("allowedRanges"), getTranslations("iam")]);
  const canWrite = hasPermission(ctx.permissions, "iam:write");
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name}>
        <Link href={`/t/${ctx.tenant.slug}/iam`} className={linkClass}>{iam("title")}</Link>
      </PageHeader>
      <p className="mb-2 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{t("intro", { tenant: ctx.tenant.name })}</p>
      {yourAddress && <p className="mb-4 text-sm" data-testid="your-address">{t("yourAddress", { address: yourAddress })}</p>}
      {canWrite ? (
        <section className="rounded-lg border border-slate-200 p-4 dark:border-slate-700" aria-label={t("title")}>
          <AllowedRangesForm tenantId={ctx.tenant.id} tenantName={ctx.tenant.name} initial={ranges} myRange={yourAddress ? hostRange(yourAddress) : null} />
          <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">{t("lockout")}</p>
        </section>
      ) : (
        <>
          {ranges.length === 0 ? (
            <p className="text-sm">{t("none", { tenant: ctx.tenant.name })}</p>
          ) : (
            <Table label={t("title")}>
              <THead>
                <Th>{t("cidr")}</Th>
                <Th>{t("label")}</Th>
              </THead>
              <TBody>
                {ranges.map((r) => (
                  <Tr key={r.cidr}>
                    <RowHeader>{r.cidr}</RowHeader>
                    <Td>{r.label}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">{t("readOnly")}</p>
        </>
      )}
    </>
  );
});
