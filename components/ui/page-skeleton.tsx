import { useTranslations } from "next-intl";

/** What a segment shows while its loaders run: the shape of a list page, announced once. */
export function PageSkeleton({ rows = 8 }: { rows?: number }) {
  const t = useTranslations();
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-3 motion-reduce:animate-none">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-6 w-48 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-4 w-32 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-9 w-full rounded bg-slate-200 dark:bg-slate-800" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-8 w-full rounded bg-slate-100 dark:bg-slate-900" />
      ))}
    </div>
  );
}
