import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { listVlans, propagationTargets } from "@/lib/services/network";
import { pageWindow } from "@/lib/list-query";
import { hasPermission } from "@/lib/permissions";
import { vlanList, type VlanListQuery, type VlanSort } from "@/lib/validation/network";
import { PageHeader } from "@/components/ui/page-header";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { SortableTh } from "@/components/ui/list/sortable-th";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { PropagateVlanDialog, WithdrawVlanButton } from "@/components/network/vlan-actions";
import { tenantPage } from "../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("network"))("title") };
}

export default tenantPage({ permission: "network:read", title: ["network", "title"] }, async ({ ctx, searchParams }) => {
  const q: VlanListQuery = vlanList.parse(searchParams);
  const base = `/t/${ctx.tenant.slug}/network`;
  const href = (change: Partial<VlanListQuery>) => vlanList.href(base, q, change);
  const canWrite = hasPermission(ctx.permissions, "network:write");
  const [{ total, rows }, targets, t, list] = await Promise.all([listVlans(ctx, q), canWrite ? propagationTargets(ctx) : [], getTranslations("network"), getTranslations("list")]);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(href({ page: w.pages }));
  const filtered = Boolean(q.q || q.scope);
  const clearHref = href({ q: undefined, scope: undefined, page: 1 });
  const sortHeader = (key: VlanSort) => {
    const active = q.sort === key;
    const label = t(`columns.${key}`);
    return <SortableTh key={key} label={label} active={active} dir={q.dir} title={list("sortBy", { column: label })} href={href({ sort: key, dir: active && q.dir === "asc" ? "desc" : "asc", page: 1 })} />;
  };

  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      <p className="mb-4 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{t("note")}</p>
      <FilterBar action={base} label={t("filters")} keep={{ sort: q.sort !== "tag" ? q.sort : undefined, dir: q.dir !== "asc" ? q.dir : undefined }} clearHref={filtered ? clearHref : undefined}>
        <Field id="vlan-q" label={t("filterName")}>
          {(aria) => <Input {...aria} name="q" type="search" defaultValue={q.q} maxLength={100} autoComplete="off" className="w-52" />}
        </Field>
        <Field id="vlan-scope" label={t("scope")}>
          {(aria) => (
            <Select {...aria} name="scope" defaultValue={q.scope ?? ""}>
              <option value="">{t("scopeAll")}</option>
              <option value="own">{t("scopeOwn")}</option>
              <option value="received">{t("scopeReceived")}</option>
            </Select>
          )}
        </Field>
      </FilterBar>
      <ListSummary from={w.from} to={w.to} total={total} />
      {rows.length === 0 ? (
        <ListEmptyState filtered={filtered} clearHref={clearHref} noMatch={t("noneMatch")} none={t("none")} />
      ) : (
        <Table label={t("caption")}>
          <THead>
            {sortHeader("tag")}
            {sortHeader("name")}
            <Th>{t("columns.subnet")}</Th>
            <Th>{t("columns.owner")}</Th>
            <Th>{t("columns.usedBy")}</Th>
            {canWrite && <Th>{t("columns.actions")}</Th>}
          </THead>
          <TBody>
            {rows.map((v) => (
              <Tr key={v.id}>
                <RowHeader>{v.tag}</RowHeader>
                <Td>{v.name}</Td>
                <Td><span className="font-mono text-xs">{v.subnet ?? "—"}</span></Td>
                <Td>{v.own ? t("ownTenant") : t("from", { tenant: v.tenant.name })}</Td>
                <Td className="whitespace-normal">
                  <span className="block text-xs text-slate-600 dark:text-slate-400">{t("everywhere", { tenant: ctx.tenant.name })}</span>
                  {v.own && v.propagations.length > 0 && (
                    <span className="mt-1 flex flex-wrap items-center gap-1">
                      <span className="text-xs">{t("alsoIn")}</span>
                      {v.propagations.map((p) =>
                        p.busy ? (
                          <ActivityProgress key={p.id} activity={p.busy} compact />
                        ) : (
                          <span key={p.id} className="inline-flex items-center gap-0.5 rounded-full bg-slate-100 py-0.5 pr-0.5 pl-2 text-xs font-medium text-slate-700 ring-1 ring-slate-500/25 ring-inset dark:bg-slate-800 dark:text-slate-200">
                            {p.tenant.name}
                            {canWrite && <WithdrawVlanButton tenantId={ctx.tenant.id} vlan={{ id: v.id, tag: v.tag }} target={{ id: p.tenant.id, name: p.tenant.name }} busy={p.pending} />}
                          </span>
                        ),
                      )}
                    </span>
                  )}
                  {!v.own && v.propagations.some((p) => p.pending) && <Badge tone="blue">{t("pending")}</Badge>}
                </Td>
                {canWrite && (
                  <Td>
                    {v.own && (
                      <PropagateVlanDialog
                        tenantId={ctx.tenant.id}
                        vlan={{ id: v.id, tag: v.tag, name: v.name }}
                        targets={targets.filter((x) => !v.propagations.some((p) => p.tenant.id === x.id))}
                        others={rows.filter((x) => x.own && x.id !== v.id).map((x) => ({ id: x.id, tag: x.tag, name: x.name }))}
                      />
                    )}
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <Pager page={q.page} pages={w.pages} hrefFor={(page) => href({ page })} />
    </>
  );
});
