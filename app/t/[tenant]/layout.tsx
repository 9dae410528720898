import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireTenant, requireUser } from "@/lib/auth/session";
import { listTenantsOfUser } from "@/lib/services/overview";
import { Nav } from "@/components/shell/nav";
import { TenantSwitcher } from "@/components/shell/tenant-switcher";
import { LocaleSwitch, ThemeToggle } from "@/components/shell/preference-switches";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ActivityTracker } from "@/components/activity/activity-tracker";
import { NavDrawer } from "@/components/shell/nav-drawer";
import { CommandPalette } from "@/components/shell/command-palette";
import { KeyboardShortcuts } from "@/components/shell/keyboard-shortcuts";
import { LiveUpdates } from "@/components/shell/live-updates";
import { NotificationBell } from "@/components/alerts/notification-bell";

export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  // Another tenant's slug is a 404 here, before anything of the tenant is read.
  const ctx = await requireTenant((await params).tenant);
  const user = await requireUser();
  const [tenants, t, app, account] = await Promise.all([listTenantsOfUser(user.id), getTranslations("shell"), getTranslations("app"), getTranslations("account")]);
  const sidebar = (
    <>
      <Link href={`/t/${ctx.tenant.slug}/overview`} className="mb-4 block rounded-md px-3 py-1">
        <span className="block text-sm font-semibold">{app("name")}</span>
        <span className="block text-xs text-slate-600 dark:text-slate-400">{app("provider")}</span>
      </Link>
      <Nav tenant={ctx.tenant.slug} />
    </>
  );
  return (
    <div className="flex min-h-screen">
      <a
        href="#content"
        className="sr-only rounded-md bg-white px-3 py-2 font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 dark:bg-slate-900"
      >
        {t("skip")}
      </a>
      {/* The column stretches to the page's full height (its background with it); only its content sticks. */}
      <aside className="hidden w-56 shrink-0 border-r border-slate-200 bg-slate-100 lg:block dark:border-slate-800 dark:bg-slate-900">
        <div className="sticky top-0 max-h-screen overflow-y-auto p-3">{sidebar}</div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur sm:px-6 dark:border-slate-800 dark:bg-slate-900/95">
          <div className="flex min-w-0 items-center gap-2">
            <NavDrawer>{sidebar}</NavDrawer>
            <TenantSwitcher current={ctx.tenant.slug} tenants={tenants.map((m) => ({ slug: m.tenant.slug, name: m.tenant.name }))} />
            <CommandPalette tenant={ctx.tenant.slug} />
            <KeyboardShortcuts tenant={ctx.tenant.slug} />
          </div>
          <div className="flex flex-wrap items-center gap-2 sm:gap-3">
            <NotificationBell />
            <LocaleSwitch />
            <ThemeToggle />
            <span className="hidden text-xs text-slate-700 sm:inline dark:text-slate-300" title={user.email}>
              <span className="sr-only">{t("signedInAs")} </span>
              {user.name}
            </span>
            <Link href="/account/security" className="text-xs font-medium text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">{account("navLink")}</Link>
            <SignOutButton />
          </div>
        </header>
        <main id="content" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none sm:p-6">
          <LiveUpdates tenant={ctx.tenant.slug}>
            <ActivityTracker tenant={ctx.tenant.slug}>{children}</ActivityTracker>
          </LiveUpdates>
        </main>
      </div>
    </div>
  );
}
