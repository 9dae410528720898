import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { listBackupJobs } from "@/lib/services/backup-jobs";
import { pageWindow } from "@/lib/list-query";
import { BACKUP_JOB_STATES, backupJobList, type BackupJobQuery } from "@/lib/validation/data-protection";
import { PageHeader } from "@/components/ui/page-header";
import { ListSummary, Pager } from "@/components/ui/list/pager";
import { FilterBar } from "@/components/ui/list/filter-bar";
import { ListEmptyState } from "@/components/ui/list/list-empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { linkClass } from "@/components/ui/styles";
import { BackupJobTable } from "@/components/data-protection/backup-job-table";
import { ListTools } from "@/components/ui/list/list-tools";
import { listListViews } from "@/lib/services/list-views";
import { LIST_COLUMNS, pickColumns } from "@/lib/list-views";
import { tenantPage } from "../../tenant-page";
import { DataProtectionTabs } from "../tabs";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("backupJobs"))("title") };
}

export default tenantPage({ permission: "backup:read", title: ["backupJobs", "title"] }, async ({ ctx, searchParams }) => {
  const q: BackupJobQuery = backupJobList.parse(searchParams);
  const base = `/t/${ctx.tenant.slug}/data-protection/jobs`;
  const href = (change: Partial<BackupJobQuery>) => backupJobList.href(base, q, change);
  const columns = pickColumns("backupJobs", q.cols);
  const [{ total, rows }, views, t, dp, list] = await Promise.all([listBackupJobs(ctx, q), listListViews(ctx, "backupJobs"), getTranslations("backupJobs"), getTranslations("dataProtection"), getTranslations("list")]);
  const w = pageWindow(q, total);
  if (q.page > w.pages) redirect(href({ page: w.pages }));
  const filtered = Boolean(q.q || q.state || q.vmId);
  const clearHref = href({ q: undefined, state: undefined, vmId: undefined, page: 1 });
  // The export takes the same filters as the page, all pages of them.
  const exportHref = backupJobList.href(`${base}/export`, { ...q, cols: undefined, page: 1, pageSize: backupJobList.defaults.pageSize });
  const labels = Object.fromEntries(LIST_COLUMNS.backupJobs.all.map((c) => [c, t(`columns.${c}`)]));

  return (
    <>
      <PageHeader title={dp("title")} subtitle={ctx.tenant.name} />
      <DataProtectionTabs tenant={ctx.tenant.slug} current="jobs" />
      <section aria-labelledby="jobs-title">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="jobs-title" className="text-base font-semibold">{t("title")}</h2>
          <a href={exportHref} className={`text-sm ${linkClass}`} download>{t("exportCsv")}</a>
        </div>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
        <FilterBar
          instant
          action={base}
          label={t("filters")}
          keep={{ vmId: q.vmId }}
          clearHref={filtered ? clearHref : undefined}
          tools={<ListTools tenantId={ctx.tenant.id} list="backupJobs" listLabel={t("title")} shown={columns} labels={labels} base={base} views={views} />}
        >
          <Field id="jobs-q" label={t("filterVm")}>
            {(aria) => <Input {...aria} name="q" type="search" defaultValue={q.q} maxLength={100} autoComplete="off" className="w-52" />}
          </Field>
          <Field id="jobs-state" label={t("columns.state")}>
            {(aria) => (
              <Select {...aria} name="state" defaultValue={q.state ?? ""}>
                <option value="">{t("allStates")}</option>
                {BACKUP_JOB_STATES.map((s) => (
                  <option key={s} value={s}>{t(`states.${s}`)}</option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="jobs-page-size" label={list("pageSize")}>
            {(aria) => (
              <Select {...aria} name="pageSize" defaultValue={String(q.pageSize)}>
                {backupJobList.pageSizes.map((n) => (
                  <option key={n} value={n}>{n}</option>
                ))}
              </Select>
            )}
          </Field>
        </FilterBar>
        <ListSummary from={w.from} to={w.to} total={total} />
        {rows.length === 0 ? (
          <ListEmptyState filtered={filtered} clearHref={clearHref} noMatch={t("noneMatch")} none={t("none")} />
        ) : (
          <BackupJobTable rows={rows} tenantSlug={ctx.tenant.slug} label={t("caption")} columns={columns} />
        )}
        <Pager page={q.page} pages={w.pages} hrefFor={(page) => href({ page })} />
      </section>
    </>
  );
});
