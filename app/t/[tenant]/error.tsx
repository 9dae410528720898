"use client";
import { useTranslations } from "next-intl";

export default function SegmentError({ reset, error }: { reset: () => void; error: Error & { digest?: string } }) {
  const t = useTranslations("errors");
  return (
    <div role="alert" data-testid="page-error" className="rounded-lg border border-red-300 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
      <h1 className="font-semibold">{t("title")}</h1>
      <p className="my-2">{t("body")}{error.digest ? ` (${error.digest})` : ""}</p>
      <button type="button" onClick={reset} className="rounded-md border border-slate-300 bg-white px-3 py-1 dark:border-slate-700 dark:bg-slate-900">{t("retry")}</button>
    </div>
  );
}
