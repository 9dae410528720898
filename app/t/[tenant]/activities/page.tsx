import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { activityInitiators, listActivities } from "@/lib/services/activities";
import { pageWindow } from "@/lib/list-query";
import { ACTIVITY_STATES } from "@/lib/activity-types";
import { ACTIVITY_FILTER_TYPES, ACTIVITY_PAGE_SIZES, activityListHref, parseActivityListQuery } from "@/lib/validation/activity-list";
import { PageHeader } from "@/components/ui/page-header";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { Field, Input, Select } from "@/components/ui/field";
import { linkClass } from "@/components/ui/styles";
import { ActivityTable } from "@/components/activity/activity-table";
import { ListTools } from "@/components/ui/list/list-tools";
import { listListViews } from "@/lib/services/list-views";
import { LIST_COLUMNS, pickColumns } from "@/lib/list-views";
import { tenantPage } from "../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activityLog"))("title") };
}

export default tenantPage({ permission: "activity:read", title: ["activityLog", "title"] }, async ({ ctx, searchParams }) => {
  const q = parseActivityListQuery(searchParams);
  const base = `/t/${ctx.tenant.slug}/activities`;
  const columns = pickColumns("activities", q.cols);
  const [{ total, rows }, people, views, t, a, list] = await Promise.all([listActivities(ctx, q), activityInitiators(ctx), listListViews(ctx, "activities"), getTranslations("activityLog"), getTranslations("activity"), getTranslations("list")]);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(activityListHref(base, q, { page: w.pages }));
  const filtered = Boolean(q.state || q.type || q.q || q.initiator || q.resourceId);
  // Clearing the filters keeps the person's columns.
  const clearHref = activityListHref(base, { ...q, state: undefined, type: undefined, q: undefined, initiator: undefined, resourceType: undefined, resourceId: undefined, page: 1 });
  const labels = Object.fromEntries(LIST_COLUMNS.activities.all.map((c) => [c, t(`columns.${c}`)]));
  // A resource's own history: said above the list, with its name when a row carries it.
  const resourceName = q.resourceId ? rows.find((r) => r.resource?.id === q.resourceId)?.concernedItems[0]?.name ?? q.resourceId : null;

  return (
    <>
      <PageHeader title={t("title")} subtitle={ctx.tenant.name} />
      {resourceName && (
        <p className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-brand-500/30 bg-brand-50 px-3 py-2 text-sm dark:bg-brand-700/20">
          {t("historyOf", { name: resourceName })}
          <Link href={activityListHref(base, { ...q, resourceType: undefined, resourceId: undefined, page: 1 })} className={linkClass}>{t("allResources")}</Link>
        </p>
      )}
      <FilterBar
        instant
        action={base}
        label={t("filters")}
        clearHref={filtered ? clearHref : undefined}
        tools={<ListTools tenantId={ctx.tenant.id} list="activities" listLabel={t("title")} shown={columns} labels={labels} base={base} views={views} />}
      >
        <Field id="act-filter-q" label={t("filterResource")}>
          {(aria) => <Input {...aria} name="q" type="search" defaultValue={q.q} placeholder={t("filterResourcePlaceholder")} maxLength={100} autoComplete="off" className="w-52" />}
        </Field>
        <Field id="act-filter-state" label={t("filterState")}>
          {(aria) => (
            <Select {...aria} name="state" defaultValue={q.state ?? ""}>
              <option value="">{t("allStates")}</option>
              {ACTIVITY_STATES.map((s) => (
                <option key={s} value={s}>{a(`states.${s}`)}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="act-filter-type" label={t("filterType")}>
          {(aria) => (
            <Select {...aria} name="type" defaultValue={q.type ?? ""}>
              <option value="">{t("allTypes")}</option>
              {ACTIVITY_FILTER_TYPES.map((s) => (
                <option key={s} value={s}>{a(`types.${s.replace(".", "_")}`)}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="act-filter-initiator" label={t("filterInitiator")}>
          {(aria) => (
            <Select {...aria} name="initiator" defaultValue={q.initiator ?? ""}>
              <option value="">{t("anyone")}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="act-page-size" label={list("pageSize")}>
          {(aria) => (
            <Select {...aria} name="pageSize" defaultValue={String(q.pageSize)}>
              {ACTIVITY_PAGE_SIZES.map((n) => (
                <option key={n} value={n}>{n}</option>
              ))}
            </Select>
          )}
        </Field>
        {q.resourceType && <input type="hidden" name="resourceType" value={q.resourceType} />}
        {q.resourceId && <input type="hidden" name="resourceId" value={q.resourceId} />}
      </FilterBar>

      <ListSummary from={w.from} to={w.to} total={total} />
      {rows.length === 0 ? (
        <ListEmptyState filtered={filtered} clearHref={clearHref} noMatch={t("none")} none={t("noneAtAll")} />
      ) : (
        <ActivityTable rows={rows} tenantSlug={ctx.tenant.slug} label={t("title")} columns={columns} />
      )}
      <Pager page={q.page} pages={w.pages} hrefFor={(page) => activityListHref(base, q, { page })} />
    </>
  );
});
