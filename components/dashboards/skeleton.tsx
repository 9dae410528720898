import { useTranslations } from "next-intl";

/** A dashboard while its loaders run: the row of figures and two chart frames, announced once. */
export function DashboardSkeleton() {
  const t = useTranslations();
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4 motion-reduce:animate-none">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-6 w-64 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="grid gap-3 sm:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-16 rounded bg-slate-100 dark:bg-slate-900" />
        ))}
      </div>
      <div className="h-80 rounded bg-slate-100 dark:bg-slate-900" />
      <div className="h-80 rounded bg-slate-100 dark:bg-slate-900" />
    </div>
  );
}
