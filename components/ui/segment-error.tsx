"use client";
import { useTranslations } from "next-intl";

/**
 * A segment's error boundary. The server logs the error under its digest; the user sees
 * that reference and a retry, never the error's own text.
 */
export function SegmentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div role="alert" data-testid="page-error" className="rounded-lg border border-red-300 bg-red-50 p-6 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100">
      <h1 className="font-semibold">{t("title")}</h1>
      <p className="my-2">{t("body")}</p>
      {error.digest && <p className="mb-3 text-xs">{t("reference", { digest: error.digest })}</p>}
      <button
        type="button"
        onClick={reset}
        className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
      >
        {t("retry")}
      </button>
    </div>
  );
}
