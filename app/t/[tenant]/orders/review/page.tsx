import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireOrganizationOwner, requireTenant } from "@/lib/auth/session";
import { OwnersOnly } from "@/components/ui/owners-only";
import { listReviewOrders } from "@/lib/services/orders";
import { pageWindow } from "@/lib/list-query";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { reviewQueue } from "@/lib/validation/orders";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { Violations } from "@/components/ui/violations";
import { linkClass } from "@/components/ui/styles";
import { ReviewButtons } from "@/components/orders/order-actions";
import { OrderNetworks } from "@/components/orders/order-networks";
import type { SearchParams } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

/**
 * The review queue: every tenant's submitted orders in the organization, for its owners. The gate
 * is the organization's (authorizeOrganization), not a tenant permission; the tenant in the URL
 * only says where the owner stands.
 */
export default async function ReviewPage(props: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const [params, searchParams] = await Promise.all([props.params, props.searchParams]);
  const ctx = await requireTenant(params.tenant);
  const t = await getTranslations("review");
  const authz = await requireOrganizationOwner(ctx.tenant.organizationId);
  if (!authz.ok) return <OwnersOnly title={t("title")} heading={t("ownersOnlyTitle")} body={t("ownersOnly", { organization: authz.organizationName })} />;
  const q = reviewQueue.parse(searchParams);
  const base = `/t/${ctx.tenant.slug}/orders/review`;
  const [{ total, rows }, orders, format, locale] = await Promise.all([listReviewOrders(authz.ctx, q), getTranslations("orders"), getFormatter(), getLocale()]);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(reviewQueue.href(base, q, { page: w.pages }));
  const lang = langOf(locale);
  return (
    <>
      <PageHeader title={t("title")} subtitle={authz.ctx.organization.name} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
      <ListSummary from={w.from} to={w.to} total={total} />
      {rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <Table label={t("title")}>
          <THead>
            <Th>{orders("columns.order")}</Th>
            <Th>{t("tenant")}</Th>
            <Th>{orders("columns.by")}</Th>
            <Th>{orders("columns.submitted")}</Th>
            <Th>{t("verdict")}</Th>
            <Th>{t("decision")}</Th>
          </THead>
          <TBody>
            {rows.map((o) => {
              const verdict = toViolationViews(o.violations, lang);
              return (
                <Tr key={o.id}>
                  <RowHeader>
                    <span className="block">{o.summary}</span>
                    {o.input.kind === "vlan" && o.input.networks.length > 1 && (
                      <OrderNetworks networks={o.input.networks} label={orders("networksOf", { summary: o.summary })} className="text-xs font-normal" />
                    )}
                    <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{orders(`kind.${o.kind}`)}</span>
                  </RowHeader>
                  <Td>
                    <Link href={`/t/${o.tenant.slug}/orders/${o.id}`} className={linkClass}>{o.tenant.name}</Link>
                  </Td>
                  <Td>{o.createdBy.name}</Td>
                  <Td className="text-slate-600 tabular-nums dark:text-slate-300">
                    <time dateTime={o.createdAt.toISOString()}>{format.dateTime(o.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                  </Td>
                  <Td className="max-w-md whitespace-normal">{verdict.length === 0 ? <span className="text-emerald-800 dark:text-emerald-300">{t("clean")}</span> : <Violations items={verdict} />}</Td>
                  <Td>
                    {o.busyActivityId ? (
                      <span className="text-xs text-slate-600 dark:text-slate-400">{t("busy")}</span>
                    ) : (
                      <ReviewButtons organizationId={authz.ctx.organization.id} orderId={o.id} orderTenant={o.tenant.slug} currentTenant={ctx.tenant.slug} verdict={verdict} summary={o.summary} />
                    )}
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
      <Pager page={q.page} pages={w.pages} hrefFor={(page) => reviewQueue.href(base, q, { page })} />
    </>
  );
}
