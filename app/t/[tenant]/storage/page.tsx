import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { hasPermission } from "@/lib/permissions";
import { listDatastores } from "@/lib/services/datastores";
import { SNAPSHOT_RESERVE_RATIO } from "@/lib/domain/catalogue";
import { buttonVariants } from "@/components/ui/button";
import { tenantPage } from "../tenant-page";
// The fleet overview links here filtered by ?attention=iops|space
import { datastoresNeedingAttention } from "@/lib/services/dashboards-fleet";
import { AttentionNotice } from "@/components/dashboards-views/attention-notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { UsageBar } from "@/components/ui/usage-bar";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("storage"))("title") };
}

export default tenantPage({ permission: "storage:read", title: ["storage", "title"] }, async ({ ctx, searchParams }) => {
  const attention = searchParams.attention === "iops" || searchParams.attention === "space" ? searchParams.attention : null;
  const [allStores, t, d, format, dv, flagged] = await Promise.all([
    listDatastores(ctx),
    getTranslations("storage"),
    getTranslations("datastorePage"),
    getFormatter(),
    getTranslations("dashboardsViews"),
    attention ? datastoresNeedingAttention(ctx, attention) : null,
  ]);
  const stores = flagged ? allStores.filter((s) => flagged.has(s.id)) : allStores;
  const gib = (n: number) => t("gib", { value: format.number(n) });
  const pct = (r: number) => format.number(r, { style: "percent", maximumFractionDigits: 0 });
  const reserve = pct(SNAPSHOT_RESERVE_RATIO);
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name}>
        {hasPermission(ctx.permissions, "order:write") && (
          <Link href={`/t/${ctx.tenant.slug}/orders/new?kind=datastore`} className={buttonVariants({ variant: "primary", size: "md" })}>{d("orderDatastore")}</Link>
        )}
      </PageHeader>
      {attention && <AttentionNotice text={dv(`attention.datastores.${attention}`, { count: stores.length })} allHref={`/t/${ctx.tenant.slug}/storage`} />}
      {stores.length === 0 ? (
        <EmptyState>{attention ? dv("attention.noneLeft") : t("none")}</EmptyState>
      ) : (
        <>
          <Table label={t("caption")}>
            <THead>
              <Th>{t("columns.name")}</Th>
              <Th>{t("columns.tier")}</Th>
              <Th>{t("columns.az")}</Th>
              <Th align="right">{t("columns.size")}</Th>
              <Th align="right">{t("columns.iopsLimit")}</Th>
              <Th align="right">{t("columns.provisioned")}</Th>
              <Th>{t("columns.used")}</Th>
              <Th align="right">{t("columns.free")}</Th>
            </THead>
            <TBody>
              {stores.map((s) => {
                const f = s.figures;
                // Written data plus the swap files of powered-on VMs: what really occupies the volume.
                const occupied = s.sizeGib - f.freeGib;
                const ratio = s.sizeGib === 0 ? 0 : occupied / s.sizeGib;
                const short = f.freeGib < f.snapshotReserveGib;
                return (
                  <Tr key={s.id}>
                    <RowHeader>
                      <Link href={`/t/${ctx.tenant.slug}/storage/${s.id}`} className="hover:underline">{s.name}</Link>
                    </RowHeader>
                    <Td>{s.tier.label}</Td>
                    <Td>{s.azId}</Td>
                    <Td align="right">{gib(s.sizeGib)}</Td>
                    <Td align="right">
                      {f.iopsLimit === null ? (
                        <>
                          <span aria-hidden className="text-slate-400">—</span>
                          <span className="sr-only">{t("noGuarantee")}</span>
                        </>
                      ) : (
                        <>
                          <span className="block">{format.number(f.iopsLimit)}</span>
                          <span className={f.throttled ? "block text-xs font-semibold text-red-700 dark:text-red-300" : "block text-xs text-slate-500 dark:text-slate-400"}>
                            {t(f.throttled ? "throttled" : "demand", { demand: format.number(f.iopsDemand) })}
                          </span>
                        </>
                      )}
                    </Td>
                    <Td align="right">
                      <span className="block">{gib(f.provisionedGib)}</span>
                      {f.overcommitRatio > 1 && <span className={f.thinAtRisk ? "block text-xs font-semibold text-amber-800 dark:text-amber-300" : "block text-xs text-slate-500 dark:text-slate-400"}>{t("overcommit", { percent: pct(f.overcommitRatio) })}</span>}
                    </Td>
                    <Td>
                      <UsageBar ratio={ratio} limit={1 - SNAPSHOT_RESERVE_RATIO} label={t("usedOf", { used: gib(occupied), percent: pct(ratio) })} />
                    </Td>
                    <Td align="right">
                      <span className={short ? "font-semibold text-red-700 dark:text-red-300" : undefined}>{gib(f.freeGib)}</span>
                      {short && (
                        <span className="mt-0.5 block">
                          <Badge tone="red">{f.freeGib < 0 ? t("full") : t("belowReserve", { reserve })}</Badge>
                        </span>
                      )}
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
          <p className="mt-3 max-w-3xl text-xs text-slate-600 dark:text-slate-400">{t("legend", { reserve })}</p>
        </>
      )}
    </>
  );
});
