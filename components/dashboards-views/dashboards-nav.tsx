import Link from "next/link";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/cn";

export const DASHBOARD_SECTIONS = ["fleet", "capacity", "pools", "datastores", "alerts", "sla", "cost", "planner"] as const;
export type DashboardSection = (typeof DASHBOARD_SECTIONS)[number];

// Pools and datastores have one dashboard each: the overview lists them (its own sections).
const HREF: Record<DashboardSection, string> = { fleet: "", capacity: "/capacity", pools: "#dashboard-pools", datastores: "#dashboard-datastores", alerts: "/alerts", sla: "/sla", cost: "/cost", planner: "/planner" };

/** The dashboards' own sub-navigation. The other dashboards' pages may pass `current` too. */
export function DashboardsNav({ tenantSlug, current }: { tenantSlug: string; current: DashboardSection }) {
  const t = useTranslations("dashboardsViews");
  const base = `/t/${tenantSlug}/dashboards`;
  return (
    <nav aria-label={t("navLabel")} className="mb-6 border-b border-slate-200 dark:border-slate-800">
      <ul className="-mb-px flex flex-wrap gap-4 text-sm">
        {DASHBOARD_SECTIONS.map((s) => (
          <li key={s}>
            <Link
              href={`${base}${HREF[s]}`}
              aria-current={s === current ? "page" : undefined}
              className={cn(
                "inline-block border-b-2 px-1 pb-2 font-medium",
                s === current ? "border-brand-600 text-brand-700 dark:border-brand-300 dark:text-brand-300" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white",
              )}
            >
              {t(`nav.${s}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
