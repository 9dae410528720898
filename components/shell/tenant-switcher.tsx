"use client";
import { useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { inputClass } from "@/components/ui/styles";
import { tenantSwitchHref } from "./tenant-path";

/** Switching keeps the kind of page and the dashboards' range, never an id or a filter of the other tenant (tenant-path.ts). */
export function TenantSwitcher({ current, tenants }: { current: string; tenants: { slug: string; name: string }[] }) {
  const t = useTranslations("shell");
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, start] = useTransition();
  return (
    <div className="flex items-center gap-2 text-xs">
      <label htmlFor="tenant-switcher" className="font-medium text-slate-600 dark:text-slate-400">{t("tenant")}</label>
      <select
        id="tenant-switcher"
        // Uncontrolled and keyed on the tenant: the new choice stays shown while the page loads.
        key={current}
        defaultValue={current}
        aria-busy={pending}
        onChange={(e) => {
          const slug = e.target.value;
          start(() => router.push(tenantSwitchHref(pathname, search.toString(), slug)));
        }}
        className={`${inputClass} py-1 font-semibold`}
      >
        {tenants.map((x) => (
          <option key={x.slug} value={x.slug}>{x.name}</option>
        ))}
      </select>
    </div>
  );
}
