import Link from "next/link";
import { getTranslations } from "next-intl/server";
import clsx from "clsx";

/** The two halves of data protection, each its own URL. */
export async function DataProtectionTabs({ tenant, current }: { tenant: string; current: "backup" | "jobs" | "replication" }) {
  const t = await getTranslations("dataProtection");
  const tabs = [
    { key: "backup", href: `/t/${tenant}/data-protection`, label: t("tabBackup") },
    { key: "jobs", href: `/t/${tenant}/data-protection/jobs`, label: t("tabJobs") },
    { key: "replication", href: `/t/${tenant}/data-protection/replications`, label: t("tabReplication") },
  ] as const;
  return (
    <nav aria-label={t("tabs")} className="mb-5 flex gap-1 border-b border-slate-200 dark:border-slate-800">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={clsx(
            "-mb-px border-b-2 px-3 py-1.5 text-sm font-medium",
            tab.key === current ? "border-brand-600 text-brand-700 dark:border-brand-300 dark:text-brand-100" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

export function Card({ title, value, children }: { title: string; value: string; children?: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{title}</h2>
      <p className="my-1 text-2xl font-semibold tabular-nums">{value}</p>
      {children}
    </section>
  );
}
