import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { getBackupJob } from "@/lib/services/backup-jobs";
import { NotFoundError } from "@/lib/errors";
import { hasPermission } from "@/lib/permissions";
import { langOf } from "@/lib/decision-view";
import { Badge } from "@/components/ui/badge";
import { Table, THead, TBody, Tr, Th, Td, RowHeader, EmptyState } from "@/components/ui/table";
import { linkClass } from "@/components/ui/styles";
import { PromoteRestoreButton, RestoreButtons } from "@/components/data-protection/backup-job-actions";
import { tenantPage } from "../../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("backupJobs"))("jobTitle") };
}

const STATE_TONE = { RUNNING: "blue", COMPLETED: "green", FAILED: "red" } as const;

export default tenantPage<{ jobId: string }>({ permission: "backup:read", title: ["backupJobs", "jobTitle"] }, async ({ ctx, params }) => {
  const job = await getBackupJob(ctx, params.jobId).catch((e: unknown) => {
    // Another tenant's job is not found, exactly like one that does not exist.
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const [t, format, locale] = await Promise.all([getTranslations("backupJobs"), getFormatter(), getLocale()]);
  const lang = langOf(locale);
  const base = `/t/${ctx.tenant.slug}`;
  const when = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "medium" });
  const canRestore = hasPermission(ctx.permissions, "backup:write");
  const figures: [string, React.ReactNode][] = [
    [t("columns.vm"), job.vm ? <Link href={`${base}/compute/vms/${job.vm.id}`} className={linkClass}>{job.vm.name}</Link> : <span>{job.vmName} <span className="text-slate-500 dark:text-slate-400">({t("vmGone")})</span></span>],
    [t("columns.policy"), job.policyName],
    [t("columns.zones"), `${job.sourceAzId} → ${job.targetAzId}`],
    [t("columns.state"), <Badge key="state" tone={STATE_TONE[job.state]} dot>{t(`states.${job.state}`)}</Badge>],
    [t("columns.size"), job.state === "COMPLETED" ? t("gib", { value: format.number(job.sizeGib) }) : "—"],
    [t("columns.startedAt"), when(job.startedAt)],
    [t("columns.finishedAt"), job.finishedAt ? when(job.finishedAt) : "—"],
    [t("activity"), job.activityId ? <Link href={`${base}/activities/${job.activityId}`} className={linkClass}>{t("openActivity")}</Link> : "—"],
  ];

  return (
    <>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-xs">
        <Link href={`${base}/data-protection/jobs`} className="inline-flex items-center gap-0.5 text-slate-600 hover:text-slate-900 hover:underline dark:text-slate-400 dark:hover:text-white">
          <ChevronLeft aria-hidden className="size-3.5" />
          {t("back")}
        </Link>
      </nav>
      <header className="mb-4 flex flex-col gap-3 border-b border-slate-200 pb-4 dark:border-slate-800">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <h1 className="text-xl font-semibold break-all">{t("heading", { vm: job.vmName, date: when(job.startedAt) })}</h1>
          <Badge tone={STATE_TONE[job.state]} dot>{t(`states.${job.state}`)}</Badge>
        </div>
        {job.state === "COMPLETED" ? (
          <RestoreButtons tenantId={ctx.tenant.id} canRestore={canRestore} job={{ id: job.id, vmName: job.vm?.name ?? job.vmName, vmExists: job.vm !== null, startedAt: when(job.startedAt) }} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t(job.state === "RUNNING" ? "restoreWhenDone" : "restoreFailed")}</p>
        )}
      </header>

      <div className="grid gap-6 xl:grid-cols-3">
        <div className="min-w-0 space-y-6 xl:col-span-2">
          <section aria-labelledby="job-figures">
            <h2 id="job-figures" className="mb-2 text-sm font-semibold">{t("figures")}</h2>
            <dl className="grid grid-cols-1 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-800">
              {figures.map(([k, v]) => (
                <div key={k} className="flex items-baseline justify-between gap-3 bg-white px-3 py-2 dark:bg-slate-900">
                  <dt className="text-xs text-slate-600 dark:text-slate-400">{k}</dt>
                  <dd className="text-right font-medium">{v}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="job-log">
            <h2 id="job-log" className="mb-2 text-sm font-semibold">{t("log")}</h2>
            {job.log.length === 0 ? (
              <EmptyState>{t("noLog")}</EmptyState>
            ) : (
              <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white font-mono text-xs dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="backup-log">
                {job.log.map((l, i) => (
                  <li key={i} className="flex gap-3 px-3 py-1.5">
                    <time dateTime={l.at} className="shrink-0 text-slate-500 dark:text-slate-400">{format.dateTime(new Date(l.at), { timeStyle: "medium" })}</time>
                    <span>{l[lang]}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section aria-labelledby="job-files">
            <h2 id="job-files" className="mb-1 text-sm font-semibold">{t("files")}</h2>
            <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{t("filesNote")}</p>
            {job.files.length === 0 ? (
              <EmptyState>{t("noFiles")}</EmptyState>
            ) : (
              <Table label={t("filesCaption", { vm: job.vmName })}>
                <THead>
                  <Th>{t("fileColumns.path")}</Th>
                  <Th>{t("fileColumns.disk")}</Th>
                  <Th align="right">{t("fileColumns.size")}</Th>
                </THead>
                <TBody>
                  {job.files.map((f) => (
                    <Tr key={`${f.disk}:${f.path}`}>
                      <RowHeader><span className="font-mono text-xs">{f.path}</span></RowHeader>
                      <Td>{f.disk}</Td>
                      <Td align="right">{f.sizeMib === null ? t("directory") : t("mib", { value: format.number(f.sizeMib) })}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </section>
        </div>

        <div className="min-w-0 space-y-6">
          <section aria-labelledby="job-restored">
            <h2 id="job-restored" className="mb-2 text-sm font-semibold">{t("restored")}</h2>
            {job.restored.length === 0 ? (
              <EmptyState>{t("noRestored")}</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                {job.restored.map((v) => (
                  <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                    <span className="flex items-center gap-2">
                      <Link href={`${base}/compute/vms/${v.id}`} className={linkClass}>{v.name}</Link>
                      {v.restoreTestOfId && <Badge tone="amber">{t("restoreTest")}</Badge>}
                    </span>
                    {v.restoreTestOfId && job.vm && canRestore && <PromoteRestoreButton tenantId={ctx.tenant.id} copy={{ id: v.id, name: v.name }} original={{ name: job.vm.name }} disabled={v.busyActivityId !== null || job.vm.busyActivityId !== null} />}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
});
