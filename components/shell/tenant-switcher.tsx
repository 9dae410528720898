"use client";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

/** Switching keeps the section: /t/a/compute/vms → /t/b/compute/vms (filters are tenant-specific, so they are dropped). */
export function TenantSwitcher({ current, tenants }: { current: string; tenants: { slug: string; name: string }[] }) {
  const t = useTranslations("shell");
  const router = useRouter();
  const pathname = usePathname();
  return (
    <label className="flex items-center gap-2 text-xs">
      <span className="font-medium text-slate-500 dark:text-slate-400">{t("tenant")}</span>
      <select
        value={current}
        onChange={(e) => router.push(pathname.replace(/^\/t\/[^/]+/, `/t/${e.target.value}`))}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-semibold dark:border-slate-700 dark:bg-slate-900"
      >
        {tenants.map((x) => (
          <option key={x.slug} value={x.slug}>{x.name}</option>
        ))}
      </select>
    </label>
  );
}
