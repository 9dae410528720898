import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { describeInvitationLink } from "@/lib/services/invitations";
import { invitationTokenSchema } from "@/lib/validation/invitations";
import { AcceptInvitationForm, JoinButton } from "@/components/account/accept-invitation-form";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { LocaleSwitch, ThemeToggle } from "@/components/shell/preference-switches";
import { linkClass } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invitations"))("title"), referrer: "no-referrer" };
}

/**
 * An invitation's link: outside every tenant (the person is no member yet), open without a session.
 * Says why a link no longer opens (expired, used, revoked); otherwise lets a new e-mail set a
 * password, and an existing account (signed in as it) join.
 */
export default async function InvitationPage(props: { params: Promise<{ token: string }> }) {
  const { token: raw } = await props.params;
  const parsed = invitationTokenSchema.safeParse(raw);
  const [t, sso, locale, user] = await Promise.all([getTranslations("invitations"), getTranslations("sso"), getLocale(), getSessionUser()]);
  const link = parsed.success ? await describeInvitationLink(parsed.data) : ({ found: false } as const);
  const lang = locale === "fr" ? "fr" : "en";
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col gap-4 p-6">
      <div className="flex items-center justify-end gap-2">
        <LocaleSwitch />
        <ThemeToggle />
        {user && <SignOutButton />}
      </div>
      {!link.found ? (
        <p role="alert" data-testid="invitation-refused" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">{t("notFound")}</p>
      ) : !link.refusal.ok ? (
        <div role="alert" data-testid="invitation-refused" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
          <h1 className="font-semibold">{t("refusedTitle")}</h1>
          <p className="mt-1 text-sm">{link.refusal.violations[0]!.message[lang]}</p>
        </div>
      ) : (
        <section className="rounded-lg border border-slate-200 bg-white p-6 dark:border-slate-800 dark:bg-slate-900" aria-labelledby="accept-title">
          <h1 id="accept-title" className="text-lg font-semibold">{t("acceptTitle", { tenant: link.tenantName })}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t("acceptIntro", { tenant: link.tenantName, email: link.email, count: link.permissions.length })}</p>
          <p className="mt-1 mb-4 text-xs text-slate-600 dark:text-slate-400">{t("validUntil", { until: link.expiresAt.toISOString().replace("T", " ").slice(0, 16) + " UTC" })}</p>
          {link.sso && (
            <p className="mb-4">
              <a href={`/api/sso/start?email=${encodeURIComponent(link.email)}`} className={linkClass}>{sso("continue")}</a>
            </p>
          )}
          {link.sso && !link.sso.passwordAllowed && !link.accountExists ? null : !link.accountExists ? (
            <AcceptInvitationForm token={parsed.data!} email={link.email} tenantSlug={link.tenantSlug} />
          ) : user && user.email === link.email ? (
            <JoinButton token={parsed.data!} tenantName={link.tenantName} />
          ) : user ? (
            <p className="text-sm">{t("signedInOther", { current: user.email, email: link.email })}</p>
          ) : (
            <p className="text-sm">
              {t("existingAccount", { email: link.email, tenant: link.tenantName })} <Link href="/signin" className={linkClass}>{t("signIn")}</Link>
            </p>
          )}
        </section>
      )}
    </main>
  );
}
