"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";

export type CostBar = { name: string; monthToDate: number; forecast: number };

// Recharts loads only here, in the browser, once a chart is drawn: the route's first load stays small.
const Bars = dynamic(() => import("./cost-chart-recharts"), {
  ssr: false,
  loading: () => <ChartSkeleton />,
});

function ChartSkeleton() {
  const t = useTranslations("dashboardsCostChart");
  return (
    <div role="status" className="h-72 w-full animate-pulse rounded-md bg-slate-100 motion-reduce:animate-none dark:bg-slate-800">
      <span className="sr-only">{t("loading")}</span>
    </div>
  );
}

/** A bar chart of month to date against forecast; the table next to it carries the same figures for screen readers. */
export function CostChart({ data, title, locale }: { data: CostBar[]; title: string; locale: string }) {
  const t = useTranslations("dashboardsCostChart");
  return (
    <figure aria-label={title} className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <figcaption className="mb-2 text-sm font-semibold">{title}</figcaption>
      <div aria-hidden data-testid="cost-chart">
        <Bars data={data} locale={locale} labels={{ monthToDate: t("monthToDate"), forecast: t("forecast") }} />
      </div>
    </figure>
  );
}
