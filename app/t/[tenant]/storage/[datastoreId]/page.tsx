import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDatastore } from "@/lib/services/datastores";
import { listDetachedDisks } from "@/lib/services/detached-disks";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { hasPermission } from "@/lib/permissions";
import { SNAPSHOT_RESERVE_RATIO, STORAGE_TIERS } from "@/lib/domain/catalogue";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { NotFoundError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { UsageBar } from "@/components/ui/usage-bar";
import { Violations } from "@/components/ui/violations";
import { buttonVariants } from "@/components/ui/button";
import { linkClass } from "@/components/ui/styles";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("datastorePage"))("title") };
}

export default tenantPage<{ datastoreId: string }>({ permission: "storage:read", title: ["datastorePage", "title"] }, async ({ ctx, params }) => {
  const ds = await getDatastore(ctx, params.datastoreId).catch((e: unknown) => (e instanceof NotFoundError ? notFound() : Promise.reject(e)));
  const [t, format, locale, tc, detached] = await Promise.all([
    getTranslations("datastorePage"),
    getFormatter(),
    getLocale(),
    getTranslations("vmCatalog"),
    hasPermission(ctx.permissions, "compute:read") ? listDetachedDisks(ctx, ds.id) : null,
  ]);
  const lang = langOf(locale);
  const f = ds.figures;
  const base = `/t/${ctx.tenant.slug}`;
  const gib = (n: number) => t("gib", { value: format.number(Math.round(n * 100) / 100) });
  const pct = (r: number) => format.number(r, { style: "percent", maximumFractionDigits: 0 });
  const open = ds.openOrders.find((o) => o.resourceType === "DATASTORE");
  const canOrder = hasPermission(ctx.permissions, "order:write");
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <>
      <PageHeader title={ds.name} subtitle={t("subtitle", { tier: ds.tier.label, az: ds.azId })}>
        {canOrder && (
          <div className="flex gap-2">
            <Link href={`${base}/orders/new?kind=datastore_resize&datastoreId=${ds.id}`} className={buttonVariants({ variant: "primary", size: "md" })}>{t("resize")}</Link>
            <Link href={`${base}/orders/new?kind=datastore_tier&datastoreId=${ds.id}`} className={buttonVariants({ variant: "secondary", size: "md" })}>{t("changeTier")}</Link>
          </div>
        )}
      </PageHeader>
      {open && (
        <p role="status" className="mb-4 text-sm">
          {t("openOrder")} <Link href={`${base}/orders/${open.id}`} className={linkClass}>{t("seeOrder")}</Link>
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="ds-iops" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="ds-iops" className="mb-3 font-semibold">{t("performance")}</h2>
          {f.iopsLimit === null ? (
            <p className="text-sm">{t("noIops")}</p>
          ) : (
            <>
              <UsageBar ratio={f.iopsLimit > 0 ? f.iopsDemand / f.iopsLimit : 0} limit={1} label={t("iopsOf", { demand: format.number(f.iopsDemand), limit: format.number(f.iopsLimit) })} />
              <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm" data-testid="datastore-iops">
                {row(t("iopsLimit"), <span className="font-semibold">{t("iops", { value: format.number(f.iopsLimit) })}</span>)}
                {row(t("iopsRule"), t("iopsRuleValue", { perTb: format.number(STORAGE_TIERS[ds.state.tier].iopsPerTb ?? 0), size: format.number(ds.sizeGib) }))}
                {row(t("iopsDemand"), <>{t("iops", { value: format.number(f.iopsDemand) })} {f.throttled && <Badge tone="red">{t("throttled")}</Badge>}</>)}
              </dl>
            </>
          )}
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
            {row(t("replication"), ds.state.replication ? t(`replicationKind.${ds.state.replication}`) : t("noReplication"))}
            {row(t("vms"), t("vmCounts", { on: ds.vmCounts.POWERED_ON ?? 0, off: ds.vmCounts.POWERED_OFF ?? 0, suspended: ds.vmCounts.SUSPENDED ?? 0 }))}
          </dl>
        </section>
        <section aria-labelledby="ds-space" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="ds-space" className="mb-3 font-semibold">{t("space")}</h2>
          <UsageBar ratio={ds.sizeGib > 0 ? (ds.sizeGib - f.freeGib) / ds.sizeGib : 0} limit={1 - SNAPSHOT_RESERVE_RATIO} label={t("occupied", { used: gib(ds.sizeGib - f.freeGib), size: gib(ds.sizeGib) })} />
          <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm" data-testid="datastore-space">
            {row(t("size"), gib(f.sizeGib))}
            {row(t("disks"), gib(f.usedGib))}
            {row(t("swap"), gib(f.swapGib))}
            {row(t("reserve", { ratio: pct(SNAPSHOT_RESERVE_RATIO) }), gib(f.snapshotReserveGib))}
            {row(t("free"), <span className={f.freeGib < f.snapshotReserveGib ? "font-semibold text-red-700 dark:text-red-300" : undefined}>{gib(f.freeGib)}</span>)}
            {row(t("available"), gib(f.availableGib))}
            {row(t("provisioned"), <>{gib(f.provisionedGib)} <span className="text-slate-600 dark:text-slate-400">{t("overcommit", { ratio: pct(f.overcommitRatio) })}</span> {f.thinAtRisk && <Badge tone="amber">{t("thinAtRisk")}</Badge>}</>)}
            {row(t("swapNeeded"), gib(f.swapNeededGib))}
          </dl>
        </section>
      </div>
      {detached && (
        <section aria-labelledby="ds-detached" className="mt-6">
          <h2 id="ds-detached" className="mb-2 font-semibold">{tc("detachedTitle")}</h2>
          {detached.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">{tc("detachedNone")}</p>
          ) : (
            <Table label={tc("detachedTitle")}>
              <THead>
                <Th>{tc("detachedLabel")}</Th>
                <Th align="right">{tc("detachedSize")}</Th>
                <Th>{tc("detachedFrom")}</Th>
              </THead>
              <TBody>
                {detached.map((d) => (
                  <Tr key={d.id}>
                    <RowHeader>{d.label}</RowHeader>
                    <Td align="right">{format.number(d.sizeGib)}</Td>
                    <Td>{d.detachedFrom ?? "—"}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </section>
      )}
      {ds.warnings.length > 0 && <Violations className="mt-6" items={toViolationViews(ds.warnings, lang)} title={t("warnings")} />}
      <p className="mt-4 max-w-3xl text-xs text-slate-600 dark:text-slate-400">{t("legend")}</p>
    </>
  );
});
