"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import clsx from "clsx";

type Item = { key: string; href: string; children?: Item[] };
export const NAV: Item[] = [
  { key: "overview", href: "overview" },
  { key: "compute", href: "compute/pools", children: [
    { key: "pools", href: "compute/pools" },
    { key: "hosts", href: "compute/hosts" },
    { key: "vms", href: "compute/vms" },
    // affinity rules
    { key: "affinityRules", href: "compute/affinity-rules" },
    { key: "catalog", href: "compute/catalog" },
  ] },
  { key: "storage", href: "storage" },
  { key: "network", href: "network" },
  { key: "dataProtection", href: "data-protection" },
  { key: "activities", href: "activities" },
  { key: "audit", href: "audit" },
  { key: "orders", href: "orders" },
  { key: "dashboards", href: "dashboards" },
  { key: "iam", href: "iam" },
];

export function Nav({ tenant }: { tenant: string }) {
  const t = useTranslations("nav");
  const label = useTranslations("shell");
  const pathname = usePathname();
  const base = `/t/${tenant}/`;
  const current = (href: string) => pathname === base + href || pathname.startsWith(base + href + "/");
  const link = (item: Item, nested = false) => (
    <Link
      href={base + item.href}
      aria-current={current(item.href) ? "page" : undefined}
      className={clsx(
        "block rounded-md px-3 py-1.5 hover:bg-slate-200 dark:hover:bg-slate-800",
        nested && "pl-6",
        current(item.href) && "bg-slate-200 font-semibold text-brand-700 dark:bg-slate-800 dark:text-brand-100",
      )}
    >
      {t(item.key)}
    </Link>
  );
  return (
    <nav aria-label={label("mainNav")} className="space-y-0.5">
      {NAV.map((item) =>
        item.children ? (
          <div key={item.key}>
            <p className="px-3 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{t(item.key)}</p>
            {item.children.map((c) => <div key={c.key}>{link(c, true)}</div>)}
          </div>
        ) : (
          <div key={item.key}>{link(item)}</div>
        ),
      )}
    </nav>
  );
}
