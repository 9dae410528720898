import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Download } from "lucide-react";
import { listAuditEvents } from "@/lib/services/audit";
import { pageWindow } from "@/lib/list-query";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { AUDIT_OUTCOMES, AUDIT_PAGE_SIZES, auditListHref, parseAuditListQuery } from "@/lib/validation/audit-list";
import { PageHeader } from "@/components/ui/page-header";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { Field, Input, Select } from "@/components/ui/field";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";
import { AuditTable } from "@/components/audit/audit-table";
import { langOf } from "@/lib/decision-view";
import { ListTools } from "@/components/ui/list/list-tools";
import { listListViews } from "@/lib/services/list-views";
import { LIST_COLUMNS, pickColumns } from "@/lib/list-views";
import { tenantPage } from "../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auditLog"))("title") };
}

export default tenantPage({ permission: "audit:read", title: ["auditLog", "title"] }, async ({ ctx, searchParams }) => {
  const q = parseAuditListQuery(searchParams);
  const base = `/t/${ctx.tenant.slug}/audit`;
  // Refusal sentences in the reader's language, whatever the language of whoever was refused.
  const lang = langOf(await getLocale());
  const columns = pickColumns("audit", q.cols);
  const [{ total, rows }, views, t, list] = await Promise.all([listAuditEvents(ctx, q, lang), listListViews(ctx, "audit"), getTranslations("auditLog"), getTranslations("list")]);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(auditListHref(base, q, { page: w.pages }));
  const filtered = Boolean(q.action || q.outcome || q.actor || q.target || q.targetId || q.from || q.to);
  // The export takes exactly the filters on screen (all their pages), not the page or its size.
  const exportHref = auditListHref(`${base}/export`, { ...q, cols: undefined, page: 1, pageSize: AUDIT_PAGE_SIZES[0] });
  // Clearing the filters keeps the person's columns.
  const clearHref = auditListHref(base, { ...q, action: undefined, outcome: undefined, actor: undefined, target: undefined, targetType: undefined, targetId: undefined, from: undefined, to: undefined, page: 1 });
  const labels = Object.fromEntries(LIST_COLUMNS.audit.all.map((c) => [c, t(`columns.${c}`)]));
  const targetName = q.targetId ? rows.find((r) => r.target?.id === q.targetId)?.target?.name ?? q.targetId : null;

  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle", { tenant: ctx.tenant.name })}>
        <a href={exportHref} download className={`${secondaryButtonClass} inline-flex items-center gap-1.5 py-1.5 text-sm`}>
          <Download aria-hidden className="size-4" />
          {t("export", { count: total })}
        </a>
      </PageHeader>
      {targetName && (
        <p className="mb-3 flex flex-wrap items-center gap-2 rounded-md border border-brand-500/30 bg-brand-50 px-3 py-2 text-sm dark:bg-brand-700/20">
          {t("trailOf", { name: targetName })}
          <Link href={auditListHref(base, { ...q, targetType: undefined, targetId: undefined, page: 1 })} className={linkClass}>{t("allTargets")}</Link>
        </p>
      )}
      <FilterBar
        instant
        action={base}
        label={t("filters")}
        clearHref={filtered ? clearHref : undefined}
        tools={<ListTools tenantId={ctx.tenant.id} list="audit" listLabel={t("title")} shown={columns} labels={labels} base={base} views={views} />}
      >
        <Field id="audit-filter-action" label={t("filterAction")}>
          {(aria) => (
            <Select {...aria} name="action" defaultValue={q.action ?? ""}>
              <option value="">{t("allActions")}</option>
              {AUDIT_ACTIONS.map((x) => (
                <option key={x} value={x}>{t(`actions.${x.replace(".", "_")}`)}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="audit-filter-outcome" label={t("filterOutcome")}>
          {(aria) => (
            <Select {...aria} name="outcome" defaultValue={q.outcome ?? ""}>
              <option value="">{t("allOutcomes")}</option>
              {AUDIT_OUTCOMES.map((x) => (
                <option key={x} value={x}>{t(`outcome.${x}`)}</option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="audit-filter-actor" label={t("filterActor")}>
          {(aria) => <Input {...aria} name="actor" type="search" defaultValue={q.actor} placeholder={t("filterActorPlaceholder")} maxLength={100} autoComplete="off" className="w-48" />}
        </Field>
        <Field id="audit-filter-target" label={t("filterTarget")}>
          {(aria) => <Input {...aria} name="target" type="search" defaultValue={q.target} placeholder={t("filterTargetPlaceholder")} maxLength={100} autoComplete="off" className="w-40" />}
        </Field>
        <Field id="audit-filter-from" label={t("filterFrom")}>
          {(aria) => <Input {...aria} name="from" type="date" defaultValue={q.from} />}
        </Field>
        <Field id="audit-filter-to" label={t("filterTo")}>
          {(aria) => <Input {...aria} name="to" type="date" defaultValue={q.to} />}
        </Field>
        <Field id="audit-page-size" label={list("pageSize")}>
          {(aria) => (
            <Select {...aria} name="pageSize" defaultValue={String(q.pageSize)}>
              {AUDIT_PAGE_SIZES.map((n) => (
                <option key={n} value={n}>{n}</option>
              ))}
            </Select>
          )}
        </Field>
        {q.targetType && <input type="hidden" name="targetType" value={q.targetType} />}
        {q.targetId && <input type="hidden" name="targetId" value={q.targetId} />}
      </FilterBar>

      <ListSummary from={w.from} to={w.to} total={total} />
      {rows.length === 0 ? (
        <ListEmptyState filtered={filtered} clearHref={clearHref} noMatch={t("none")} none={t("noneAtAll")} />
      ) : (
        <AuditTable rows={rows} tenantSlug={ctx.tenant.slug} label={t("title")} columns={columns} />
      )}
      <Pager page={q.page} pages={w.pages} hrefFor={(page) => auditListHref(base, q, { page })} />
    </>
  );
});
