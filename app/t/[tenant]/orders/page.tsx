import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { listOrders } from "@/lib/services/orders";
import { sessionOrganizationRole } from "@/lib/auth/session";
import { pageWindow } from "@/lib/list-query";
import { hasPermission } from "@/lib/permissions";
import { ORDER_RESOURCE_TYPES } from "@/lib/domain/orders";
import { orderList, ORDER_STATUSES } from "@/lib/validation/orders";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Td, RowHeader } from "@/components/ui/table";
import { SortableTh } from "@/components/ui/list/sortable-th";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { Field, Select } from "@/components/ui/field";
import { Th } from "@/components/ui/table";
import { buttonVariants } from "@/components/ui/button";
import { linkClass } from "@/components/ui/styles";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { tenantPage } from "../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("orders"))("title") };
}

export default tenantPage({ permission: "order:read", title: ["orders", "title"] }, async ({ ctx, searchParams }) => {
  const q = orderList.parse(searchParams);
  const base = `/t/${ctx.tenant.slug}/orders`;
  const [{ total, rows }, role, t, list, format] = await Promise.all([listOrders(ctx, q), sessionOrganizationRole(ctx.tenant.organizationId), getTranslations("orders"), getTranslations("list"), getFormatter()]);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(orderList.href(base, q, { page: w.pages }));
  const filtered = Boolean(q.status || q.type);
  const clearHref = orderList.href(base, { ...q, status: undefined, type: undefined, page: 1 });
  const sortable = (key: "createdAt" | "status" | "resourceType", label: string) => {
    const active = q.sort === key;
    return <SortableTh key={key} label={label} active={active} dir={q.dir} title={list("sortBy", { column: label })} href={orderList.href(base, q, { sort: key, dir: active && q.dir === "desc" ? "asc" : "desc", page: 1 })} />;
  };

  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name}>
        <div className="flex items-center gap-3">
          {role === "OWNER" && <Link href={`${base}/review`} className={linkClass}>{t("reviewQueue")}</Link>}
          {hasPermission(ctx.permissions, "order:write") && <Link href={`${base}/new`} className={buttonVariants({ variant: "primary", size: "md" })}>{t("new")}</Link>}
        </div>
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
      <FilterBar action={base} label={t("filters")} keep={{ sort: q.sort !== "createdAt" ? q.sort : undefined, dir: q.dir !== "desc" ? q.dir : undefined }} clearHref={filtered ? clearHref : undefined}>
        <Field id="order-filter-status" label={t("columns.status")}>
          {(aria) => (
            <Select {...aria} name="status" defaultValue={q.status ?? ""}>
              <option value="">{t("allStatuses")}</option>
              {ORDER_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </Select>
          )}
        </Field>
        <Field id="order-filter-type" label={t("columns.type")}>
          {(aria) => (
            <Select {...aria} name="type" defaultValue={q.type ?? ""}>
              <option value="">{t("allTypes")}</option>
              {ORDER_RESOURCE_TYPES.map((s) => <option key={s} value={s}>{t(`type.${s}`)}</option>)}
            </Select>
          )}
        </Field>
      </FilterBar>
      <ListSummary from={w.from} to={w.to} total={total} />
      {rows.length === 0 ? (
        <ListEmptyState filtered={filtered} clearHref={clearHref} noMatch={t("none")} none={t("noneAtAll")} />
      ) : (
        <Table label={t("title")}>
          <THead>
            <Th>{t("columns.order")}</Th>
            {sortable("resourceType", t("columns.type"))}
            {sortable("status", t("columns.status"))}
            <Th>{t("columns.by")}</Th>
            {sortable("createdAt", t("columns.submitted"))}
          </THead>
          <TBody>
            {rows.map((o) => (
              <Tr key={o.id}>
                <RowHeader>
                  <Link href={`${base}/${o.id}`} className="hover:underline">{o.summary}</Link>
                </RowHeader>
                <Td>{t(`kind.${o.kind}`)}</Td>
                <Td><OrderStatusBadge status={o.status} label={t(`status.${o.status}`)} /></Td>
                <Td>{o.createdBy.name}</Td>
                <Td className="text-slate-600 tabular-nums dark:text-slate-300">
                  <time dateTime={o.createdAt.toISOString()}>{format.dateTime(o.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pager page={q.page} pages={w.pages} hrefFor={(page) => orderList.href(base, q, { page })} />
    </>
  );
});
