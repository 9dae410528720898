import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { listHosts } from "@/lib/services/pools";
import { pageWindow } from "@/lib/list-query";
import { hostList, HOST_STATUSES } from "@/lib/validation/pools";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { UsageBar } from "@/components/ui/usage-bar";
import { SortableTh } from "@/components/ui/list/sortable-th";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("hosts"))("title") };
}

const TONE = { CONNECTED: "green", MAINTENANCE: "amber", PROVISIONING: "blue", DISCONNECTED: "red" } as const;

export default tenantPage({ permission: "compute:read", title: ["hosts", "title"] }, async ({ ctx, searchParams }) => {
  const q = hostList.parse(searchParams);
  const base = `/t/${ctx.tenant.slug}/compute/hosts`;
  const [{ total, rows, pools }, t, list, format] = await Promise.all([listHosts(ctx, q), getTranslations("hosts"), getTranslations("list"), getFormatter()]);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(hostList.href(base, q, { page: w.pages }));
  const filtered = Boolean(q.q || q.status || q.pool);
  const clearHref = hostList.href(base, { ...q, q: undefined, status: undefined, pool: undefined, page: 1 });
  const gb = (n: number) => t("gb", { value: format.number(Math.round(n * 100) / 100) });
  const sortable = (key: "name" | "pool" | "status") => {
    const active = q.sort === key;
    const label = t(`columns.${key}`);
    return <SortableTh key={key} label={label} active={active} dir={q.dir} title={list("sortBy", { column: label })} href={hostList.href(base, q, { sort: key, dir: active && q.dir === "asc" ? "desc" : "asc", page: 1 })} />;
  };
  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      <FilterBar action={base} label={t("filters")} keep={{ sort: q.sort !== "name" ? q.sort : undefined, dir: q.dir !== "asc" ? q.dir : undefined }} clearHref={filtered ? clearHref : undefined}>
        <Field id="host-filter-q" label={t("filterName")}>
          {(aria) => <Input {...aria} name="q" type="search" defaultValue={q.q} maxLength={100} autoComplete="off" className="w-56" />}
        </Field>
        <Field id="host-filter-pool" label={t("columns.pool")}>
          {(aria) => (
            <Select {...aria} name="pool" defaultValue={q.pool ?? ""}>
              <option value="">{t("allPools")}</option>
              {pools.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </Select>
          )}
        </Field>
        <Field id="host-filter-status" label={t("columns.status")}>
          {(aria) => (
            <Select {...aria} name="status" defaultValue={q.status ?? ""}>
              <option value="">{t("allStatuses")}</option>
              {HOST_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
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
            {sortable("name")}
            {sortable("pool")}
            {sortable("status")}
            <Th>{t("columns.memory")}</Th>
            <Th align="right">{t("columns.vms")}</Th>
          </THead>
          <TBody>
            {rows.map((h) => (
              <Tr key={h.id}>
                <RowHeader>{h.name}</RowHeader>
                <Td>
                  <Link href={`/t/${ctx.tenant.slug}/compute/pools/${h.pool.id}`} className="hover:underline">{h.pool.name}</Link>
                </Td>
                <Td>{h.busy ? <ActivityProgress activity={h.busy} compact /> : <Badge tone={TONE[h.status]} dot>{t(`status.${h.status}`)}</Badge>}</Td>
                <Td>
                  {h.status === "CONNECTED" ? (
                    <UsageBar ratio={h.shareGb > 0 ? h.heldGb / h.shareGb : 0} limit={1} label={t("heldOf", { held: gb(h.heldGb), share: gb(h.shareGb) })} />
                  ) : (
                    <span className="text-xs text-slate-600 dark:text-slate-400">{t("noShare")}</span>
                  )}
                </Td>
                <Td align="right">{format.number(h._count.vms)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <p className="mt-3 max-w-3xl text-xs text-slate-600 dark:text-slate-400">{t("legend")}</p>
      <Pager page={q.page} pages={w.pages} hrefFor={(page) => hostList.href(base, q, { page })} />
    </>
  );
});
