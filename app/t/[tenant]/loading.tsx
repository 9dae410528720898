import { useTranslations } from "next-intl";

export default function Loading() {
  const t = useTranslations();
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-3">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-6 w-48 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-9 w-full rounded bg-slate-200 dark:bg-slate-800" />
      {Array.from({ length: 8 }, (_, i) => <div key={i} className="h-7 w-full rounded bg-slate-100 dark:bg-slate-900" />)}
    </div>
  );
}
