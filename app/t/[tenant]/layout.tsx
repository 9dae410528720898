import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireTenant } from "@/lib/auth/session";
import { listUserTenants } from "@/lib/db/tenancy";
import { Nav } from "@/components/shell/nav";
import { TenantSwitcher } from "@/components/shell/tenant-switcher";
import { LocaleSwitch, ThemeToggle } from "@/components/shell/preference-switches";
import { SignOutButton } from "@/components/shell/sign-out-button";

export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const ctx = await requireTenant((await params).tenant);
  const [tenants, t, app] = await Promise.all([listUserTenants(ctx.user.id), getTranslations("shell"), getTranslations("app")]);
  return (
    <div className="flex min-h-screen">
      <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:p-2">{t("skip")}</a>
      <aside className="w-56 shrink-0 border-r border-slate-200 bg-slate-100/60 p-3 dark:border-slate-800 dark:bg-slate-900/60">
        <Link href={`/t/${ctx.tenant.slug}/overview`} className="mb-4 block px-3">
          <span className="block text-sm font-semibold">{app("name")}</span>
          <span className="block text-xs text-slate-500 dark:text-slate-400">{app("provider")}</span>
        </Link>
        <Nav tenant={ctx.tenant.slug} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-2 dark:border-slate-800 dark:bg-slate-900">
          <TenantSwitcher current={ctx.tenant.slug} tenants={tenants.map((m) => ({ slug: m.tenant.slug, name: m.tenant.name }))} />
          <div className="flex items-center gap-3">
            <LocaleSwitch />
            <ThemeToggle />
            <span className="text-xs text-slate-600 dark:text-slate-300" title={ctx.user.email}>{ctx.user.name}</span>
            <SignOutButton />
          </div>
        </header>
        <main id="content" className="min-w-0 flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
