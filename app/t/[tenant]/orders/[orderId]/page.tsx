import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getOrder, type OrderDetailView } from "@/lib/services/orders";
import { sessionOrganizationRole } from "@/lib/auth/session";
import { NETWORKS_PER_ORDER_MAX, NODE_TYPES, STORAGE_TIERS } from "@/lib/domain/catalogue";
import { iopsLimit } from "@/lib/domain/storage";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { NotFoundError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { resourceHref } from "@/components/activity/activity-table";
import { OrderNetworks } from "@/components/orders/order-networks";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { CancelOrderButton, ReviewButtons } from "@/components/orders/order-actions";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("orders"))("detailTitle") };
}

export default tenantPage<{ orderId: string }>({ permission: "order:read", title: ["orders", "detailTitle"] }, async ({ ctx, params }) => {
  const order = await getOrder(ctx, params.orderId).catch((e: unknown) => (e instanceof NotFoundError ? notFound() : Promise.reject(e)));
  const [t, format, locale, role] = await Promise.all([getTranslations("orders"), getFormatter(), getLocale(), sessionOrganizationRole(ctx.tenant.organizationId)]);
  const lang = langOf(locale);
  const base = `/t/${ctx.tenant.slug}`;
  const when = (d: Date) => <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" })}</time>;

  return (
    <>
      <PageHeader title={order.summary} subtitle={t(`kind.${order.input.kind}`)}>
        <div className="flex flex-wrap items-center gap-3">
          <OrderStatusBadge status={order.status} label={t(`status.${order.status}`)} />
          {order.canCancel && <CancelOrderButton tenantId={ctx.tenant.id} orderId={order.id} />}
          {role === "OWNER" && order.status === "SUBMITTED" && !order.busy && (
            <ReviewButtons
              organizationId={ctx.tenant.organizationId}
              orderId={order.id}
              orderTenant={ctx.tenant.slug}
              currentTenant={ctx.tenant.slug}
              verdict={toViolationViews(order.verdict, lang)}
              summary={order.summary}
            />
          )}
        </div>
      </PageHeader>
      <p className="mb-4 text-sm">
        <Link href={`${base}/orders`} className={linkClass}>{t("backToList")}</Link>
      </p>

      {order.busy && (
        <div className="mb-4">
          <ActivityProgress activity={order.busy} />
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="order-what" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="order-what" className="mb-3 font-semibold">{t("what")}</h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
            <Details order={order} t={t} format={format} base={base} />
            <dt className="text-slate-600 dark:text-slate-400">{t("orderedBy")}</dt>
            <dd>{order.createdBy.name} ({order.createdBy.email})</dd>
            <dt className="text-slate-600 dark:text-slate-400">{t("columns.submitted")}</dt>
            <dd>{when(order.createdAt)}</dd>
          </dl>
          {order.reviewNote && (
            <div className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
              <p className="font-semibold">{t("reviewNote")}</p>
              <p>{order.reviewNote}</p>
            </div>
          )}
          {order.resources.length > 0 && (
            <div className="mt-4">
              <h3 className="text-sm font-semibold">{t("delivered")}</h3>
              <ul className="mt-1 list-disc pl-5 text-sm">
                {order.resources.map((r) => (
                  <li key={`${r.type}-${r.id}`}>
                    {t(`resource.${r.type}`)}{" "}
                    <Link href={resourceHref(ctx.tenant.slug, r) ?? base} className={linkClass}>{r.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>

        <section aria-labelledby="order-history" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="order-history" className="mb-3 font-semibold">{t("history")}</h2>
          <ol className="space-y-3 border-l border-slate-200 pl-4 text-sm dark:border-slate-700">
            {order.events.map((e) => (
              <li key={e.id} className="relative">
                <span aria-hidden className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-brand-600 dark:bg-brand-300" />
                <p>
                  <span className="font-medium">{t(`event.${e.kind}`)}</span> · <OrderStatusBadge status={e.status} label={t(`status.${e.status}`)} />
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {when(e.createdAt)} · {e.actorType === "SYSTEM" ? t("byPlatform") : t("by", { who: e.actorLabel ?? "" })}
                </p>
                {e.note && <p className="mt-1 italic">“{e.note}”</p>}
                {e.activity && e.activity.state !== "COMPLETED" && e.activity.state !== "FAILED" && (
                  <div className="mt-1">
                    <ActivityProgress activity={e.activity} />
                  </div>
                )}
                {e.kind === "DELIVERY_FAILED" && e.activity?.failure && (
                  <p role="note" className="mt-1 rounded bg-red-50 px-2 py-1 text-red-900 dark:bg-red-950/50 dark:text-red-100">
                    <code className="mr-1 font-mono text-xs font-semibold">{e.activity.failure.code}</code>
                    {e.activity.failure.message[lang]}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
});

type T = Awaited<ReturnType<typeof getTranslations<"orders">>>;
type F = Awaited<ReturnType<typeof getFormatter>>;

/** What the order asks for, in words and figures. */
function Details({ order, t, format, base }: { order: OrderDetailView; t: T; format: F; base: string }) {
  const input = order.input;
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd>{value}</dd>
    </>
  );
  const gib = (n: number) => t("gib", { value: format.number(n) });
  const gb = (n: number) => t("gb", { value: format.number(n) });
  switch (input.kind) {
    case "pool":
      return (
        <>
          {row(t("field.az"), input.azId)}
          {row(t("field.nodeType"), NODE_TYPES[input.nodeType].label)}
          {row(t("field.hosts"), format.number(input.hostCount))}
          {row(t("field.activated"), input.activatedMemoryGb === undefined ? t("defaultActivated") : gb(input.activatedMemoryGb))}
          {row(t("field.ha"), input.haEnabled ? t("yes") : t("no"))}
        </>
      );
    case "hosts":
      return (
        <>
          {row(t("field.pool"), order.subject ? <Link href={`${base}/compute/pools/${input.poolId}`} className={linkClass}>{order.subject.name}</Link> : t("gone"))}
          {row(t("field.hosts"), format.number(input.count))}
          {input.nodeType && row(t("field.nodeType"), NODE_TYPES[input.nodeType].label)}
          {row(t("field.activated"), input.activatedMemoryGb === undefined ? t("defaultAddActivated") : gb(input.activatedMemoryGb))}
        </>
      );
    case "datastore": {
      const iops = iopsLimit(input.tier, input.sizeGib);
      return (
        <>
          {row(t("field.az"), input.azId)}
          {row(t("field.tier"), STORAGE_TIERS[input.tier].label)}
          {row(t("field.size"), gib(input.sizeGib))}
          {row(t("field.iops"), iops === null ? t("noIops") : t("iops", { value: format.number(iops) }))}
          {input.requestedIops !== undefined && row(t("field.requestedIops"), t("iops", { value: format.number(input.requestedIops) }))}
        </>
      );
    }
    case "datastore_resize":
      return (
        <>
          {row(t("field.datastore"), order.subject ? <Link href={`${base}/storage/${input.datastoreId}`} className={linkClass}>{order.subject.name}</Link> : t("gone"))}
          {row(t("field.newSize"), gib(input.sizeGib))}
        </>
      );
    case "datastore_tier":
      return (
        <>
          {row(t("field.datastore"), order.subject ? <Link href={`${base}/storage/${input.datastoreId}`} className={linkClass}>{order.subject.name}</Link> : t("gone"))}
          {row(t("field.newTier"), STORAGE_TIERS[input.tier].label)}
        </>
      );
    case "vlan":
      return (
        <>
          {row(t("field.networks", { count: input.networks.length, max: NETWORKS_PER_ORDER_MAX }), <OrderNetworks networks={input.networks} label={t("networksLabel")} />)}
        </>
      );
  }
}
