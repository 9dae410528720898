import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { getTotpStatus } from "@/lib/services/totp";
import { tenantRequiringTotp } from "@/lib/services/totp-requirement";
import { TotpSettings } from "@/components/account/totp-settings";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { LocaleSwitch, ThemeToggle } from "@/components/shell/preference-switches";
import { linkClass } from "@/components/ui/styles";
import { TOTP_SETTINGS } from "@/lib/domain/catalogue";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

/**
 * The signed-in person's own security settings: two-factor authentication. A tenant that requires
 * it sends its members here (`?required=<slug>`), and the page says which and why. Outside every
 * tenant, so no tenant's rule can keep anyone from it.
 */
export default async function AccountSecurityPage(props: { searchParams: Promise<{ required?: string | string[] }> }) {
  const user = await requireUser();
  const { required } = await props.searchParams;
  const slug = typeof required === "string" ? required.slice(0, 64) : null;
  const [status, requiredBy, t] = await Promise.all([getTotpStatus(user.id), slug ? tenantRequiringTotp(user.id, slug) : null, getTranslations("account")]);
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col gap-4 p-6">
      <div className="flex items-center justify-between">
        <Link href="/" className={linkClass}>{t("back")}</Link>
        <div className="flex gap-2">
          <LocaleSwitch />
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("signedInAs", { email: user.email })}</p>
      {requiredBy && !status.enabled && (
        <div role="status" data-testid="totp-required" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
          <h2 className="font-semibold">{t("requiredTitle")}</h2>
          <p className="mt-1 text-sm">{t("requiredBody", { tenant: requiredBy })}</p>
        </div>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900" aria-labelledby="totp-title">
        <h2 id="totp-title" className="font-semibold">{t("totpTitle")}</h2>
        <p className="mt-1 mb-4 text-sm text-slate-600 dark:text-slate-300">{t("totpIntro", { recoveryCodes: TOTP_SETTINGS.recoveryCodes })}</p>
        <TotpSettings enabled={status.enabled} recoveryCodesLeft={status.recoveryCodesLeft} continueTo={requiredBy && slug ? `/t/${slug}` : null} />
      </section>
    </main>
  );
}
