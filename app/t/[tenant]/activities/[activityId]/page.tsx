import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getActivity } from "@/lib/services/activities";
import type { ActivityStepView } from "@/lib/activity-types";
import { langOf } from "@/lib/decision-view";
import { NotFoundError } from "@/lib/errors";
import { activityListHref, parseActivityListQuery } from "@/lib/validation/activity-list";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/styles";
import { ActivityProgress } from "@/components/activity/activity-tracker";
import { resourceHref, STATE_TONE } from "@/components/activity/activity-table";
import { tenantPage } from "../../tenant-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activityLog"))("detail.title") };
}

const STEP_TONE = { done: "green", running: "blue", failed: "red", interrupted: "amber", pending: "grey", skipped: "grey" } as const satisfies Record<ActivityStepView["state"], string>;

/** One activity: what it did, step by step with the times, why it failed, and every resource it concerned. */
export default tenantPage<{ activityId: string }>({ permission: "activity:read", title: ["activityLog", "detail.title"] }, async ({ ctx, params }) => {
  const a = await getActivity(ctx, params.activityId).catch((e: unknown) => (e instanceof NotFoundError ? notFound() : Promise.reject(e)));
  const [t, types, format, locale] = await Promise.all([getTranslations("activityLog"), getTranslations("activity"), getFormatter(), getLocale()]);
  const lang = langOf(locale);
  const base = `/t/${ctx.tenant.slug}/activities`;
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{format.dateTime(new Date(iso), { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" })}</time> : "—");
  const seconds = (from: string | null, to: string | null) => (from && to ? t("seconds", { value: format.number((Date.parse(to) - Date.parse(from)) / 1000, { maximumFractionDigits: 1 }) }) : "—");
  const typeLabel = types(`types.${a.type.replace(".", "_")}`);
  const subject = a.concernedItems[0]?.name;
  const running = a.state === "WAITING" || a.state === "RUNNING";
  const timed = a.steps.some((st) => st.startedAt);

  return (
    <>
      <PageHeader title={subject ? `${typeLabel} · ${subject}` : typeLabel} subtitle={ctx.tenant.name}>
        {running ? <ActivityProgress activity={a} /> : <Badge tone={STATE_TONE[a.state]} dot>{types(`states.${a.state}`)}</Badge>}
      </PageHeader>
      <p className="mb-4 text-sm">
        <Link href={base} className={linkClass}>{t("detail.back")}</Link>
      </p>

      {a.state === "FAILED" && a.failure && (
        <section aria-labelledby="activity-failure" className="mb-6 rounded-lg border border-red-300 bg-red-50 p-4 text-sm dark:border-red-800 dark:bg-red-950/40" data-testid="activity-failure">
          <h2 id="activity-failure" className="mb-1 font-semibold text-red-900 dark:text-red-200">{t("detail.failure")}</h2>
          <p className="text-red-900 dark:text-red-200">{a.failure.message[lang]}</p>
          <p className="mt-1 font-mono text-xs text-red-800 dark:text-red-300">{a.failure.code}</p>
        </section>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="activity-steps">
          <h2 id="activity-steps" className="mb-2 text-base font-semibold">{t("detail.steps")}</h2>
          <ol className="space-y-2" data-testid="activity-steps">
            {a.steps.map((st, i) => (
              <li key={`${st.key}-${i}`} className="rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-700">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{st.label[lang]}</span>
                  <Badge tone={STEP_TONE[st.state]}>{t(`detail.stepState.${st.state}`)}</Badge>
                </div>
                {st.startedAt && (
                  <p className="mt-1 text-xs text-slate-600 tabular-nums dark:text-slate-300">
                    {when(st.startedAt)}
                    {st.endedAt && <> · {seconds(st.startedAt, st.endedAt)}</>}
                  </p>
                )}
              </li>
            ))}
          </ol>
          {!timed && a.state === "COMPLETED" && <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{t("detail.noTimes")}</p>}
        </section>

        <div className="space-y-6">
          <section aria-labelledby="activity-summary">
            <h2 id="activity-summary" className="mb-2 text-base font-semibold">{t("detail.summary")}</h2>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600 dark:text-slate-300">{t("detail.initiator")}</dt>
              <dd>{a.initiator ? <span title={a.initiator.email}>{a.initiator.name}</span> : t(`actor.${a.actorType}`)}</dd>
              <dt className="text-slate-600 dark:text-slate-300">{t("detail.createdAt")}</dt>
              <dd>{when(a.createdAt)}</dd>
              <dt className="text-slate-600 dark:text-slate-300">{t("detail.startedAt")}</dt>
              <dd>{when(a.startedAt)}</dd>
              <dt className="text-slate-600 dark:text-slate-300">{t("detail.completedAt")}</dt>
              <dd>{when(a.completedAt)}</dd>
              <dt className="text-slate-600 dark:text-slate-300">{t("detail.duration")}</dt>
              <dd>{seconds(a.startedAt, a.completedAt)}</dd>
              <dt className="text-slate-600 dark:text-slate-300">{t("detail.attempts")}</dt>
              <dd title={t("detail.attemptsNote")}>{a.attempts}</dd>
            </dl>
          </section>

          <section aria-labelledby="activity-concerned">
            <h2 id="activity-concerned" className="mb-2 text-base font-semibold">{t("detail.concerned")}</h2>
            <ul className="space-y-1 text-sm" data-testid="activity-concerned">
              {a.concernedItems.map((item) => {
                // A deleted VM has no page any more: its name stays, without a link.
                const href = a.type === "vm.delete" && a.state === "COMPLETED" && item.type === "vm" ? null : resourceHref(ctx.tenant.slug, item);
                return (
                  <li key={`${item.type}-${item.id}`}>
                    {href ? <Link href={href} className={linkClass}>{item.name}</Link> : <span>{item.name}</span>} <span className="text-xs text-slate-600 dark:text-slate-300">({item.type})</span>
                  </li>
                );
              })}
            </ul>
            {a.resource && (
              <p className="mt-2 text-sm">
                <Link href={activityListHref(base, { ...parseActivityListQuery({}), resourceType: a.resource.type, resourceId: a.resource.id })} className={linkClass}>
                  {t("detail.history")}
                </Link>
              </p>
            )}
          </section>
        </div>
      </div>
    </>
  );
});
