import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { alertMailEnabled, getAlertSubscriptions, listAlerts } from "@/lib/services/alerts";
import { ALERT_KINDS, ALERT_STATES } from "@/lib/domain/alerts";
import { alertListQuery } from "@/lib/validation/alerts";
import { hasPermission } from "@/lib/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { DashboardsNav } from "@/components/dashboards-views/dashboards-nav";
import { AlertTable } from "@/components/alerts/alert-table";
import { SubscriptionsForm } from "@/components/alerts/subscriptions-form";
import { cn } from "@/lib/cn";
import { tenantPage } from "../../tenant-page";
import { AutoRefresh } from "@/components/dashboards/auto-refresh";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("title") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The tenant's alerts (open and acknowledged by default, the history on demand), and the caller's subscriptions. */
export default tenantPage({ permission: "metric:read", title: ["alerts", "title"] }, async ({ ctx, searchParams }) => {
  await connection();
  const q = alertListQuery.parse({ state: first(searchParams.state), view: first(searchParams.view), kind: first(searchParams.kind), resourceId: first(searchParams.resourceId), cursor: first(searchParams.cursor) });
  const [page, subscriptions, t] = await Promise.all([listAlerts(ctx, q), getAlertSubscriptions(ctx), getTranslations("alerts")]);
  const base = `/t/${ctx.tenant.slug}/dashboards/alerts`;
  const href = (change: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    const merged = { view: q.view, state: q.state, kind: q.kind, resourceId: q.resourceId, ...change };
    for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `${base}?${s}` : base;
  };
  const chip = (active: boolean) =>
    cn("rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset", active ? "bg-brand-600 text-white ring-brand-600" : "text-slate-700 ring-slate-300 hover:bg-slate-100 dark:text-slate-200 dark:ring-slate-600 dark:hover:bg-slate-800");
  const view = q.state ? "state" : (q.view ?? "active");
  const email = ctx.actor.type === "system" ? "" : ctx.actor.email;
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <DashboardsNav tenantSlug={ctx.tenant.slug} current="alerts" />
      <div className="mb-4 flex justify-end"><AutoRefresh updatedAt={Date.now()} /></div>

      <nav aria-label={t("filters")} className="mb-4 flex flex-col gap-2">
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link className={chip(view === "active")} aria-current={view === "active" ? "page" : undefined} href={href({ view: undefined, state: undefined, cursor: undefined })}>
              {t("viewActive")}
            </Link>
          </li>
          <li>
            <Link className={chip(view === "all")} aria-current={view === "all" ? "page" : undefined} href={href({ view: "all", state: undefined })}>
              {t("viewAll")}
            </Link>
          </li>
          {ALERT_STATES.map((s) => (
            <li key={s}>
              <Link className={chip(q.state === s)} aria-current={q.state === s ? "page" : undefined} href={href({ state: s, view: undefined })}>
                {t(`state.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link className={chip(!q.kind)} aria-current={!q.kind ? "page" : undefined} href={href({ kind: undefined })}>
              {t("kindAny")}
            </Link>
          </li>
          {ALERT_KINDS.map((k) => (
            <li key={k}>
              <Link className={chip(q.kind === k)} aria-current={q.kind === k ? "page" : undefined} href={href({ kind: k })}>
                {t(`kindShort.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <p className="mb-2 text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
        {t("shown", { count: page.total })}
      </p>
      <AlertTable
        alerts={page.alerts}
        tenant={{ id: ctx.tenant.id, slug: ctx.tenant.slug }}
        canAcknowledge={hasPermission(ctx.permissions, "metric:read")}
        label={t("table")}
        empty={view === "active" && !q.kind ? t("noneActive") : t("none")}
      />
      <div className="mt-3 flex gap-4 text-sm">
        {q.cursor && (
          <Link className="underline underline-offset-2" href={href({})}>
            {t("first")}
          </Link>
        )}
        {page.nextCursor && (
          <Link className="underline underline-offset-2" href={href({ cursor: page.nextCursor })}>
            {t("next")}
          </Link>
        )}
      </div>

      <section aria-labelledby="alert-subscriptions" className="mt-8 max-w-3xl rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="alert-subscriptions" className="mb-2 font-semibold">
          {t("subscriptions")}
        </h2>
        {ctx.actor.type === "system" ? null : <SubscriptionsForm tenantId={ctx.tenant.id} rows={subscriptions} mail={{ enabled: alertMailEnabled(), address: email }} />}
      </section>
    </>
  );
});
