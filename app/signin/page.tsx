import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { SignInForm } from "@/components/auth/signin-form";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { LocaleSwitch, ThemeToggle } from "@/components/shell/preference-switches";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signin"))("title") };
}

export default async function SignInPage(props: { searchParams: Promise<{ error?: string | string[]; code?: string | string[] }> }) {
  if (await getSessionUser()) redirect("/");
  const [t, app, sso, q] = await Promise.all([getTranslations("signin"), getTranslations("app"), getTranslations("sso"), props.searchParams]);
  // A single sign-on that came back refused names its rule code (a fixed set: shown only if it is one).
  const code = typeof q.code === "string" && /^[A-Z]+\.[A-Z_]+$/.test(q.code) ? q.code : "—";
  const ssoError = q.error === "SsoNotCovered" ? sso("notCovered") : q.error === "SsoRefused" ? sso("refused", { code }) : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <div>
            <p className="text-base font-semibold">{app("name")}</p>
            <p className="text-xs text-slate-600 dark:text-slate-400">{app("provider")}</p>
          </div>
          <div className="flex gap-2">
            <LocaleSwitch />
            <ThemeToggle />
          </div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h1 className="text-lg font-semibold">{t("title")}</h1>
          <p className="mb-5 text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
          <SignInForm />
        </div>
        <section aria-labelledby="sso-title" className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h2 id="sso-title" className="font-semibold">{sso("signInWith")}</h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{sso("signInIntro")}</p>
          {ssoError && (
            <p role="alert" data-testid="sso-error" className="mb-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200">
              {ssoError}
            </p>
          )}
          {/* A plain GET form: the browser goes to the provider and back without any script. */}
          <form action="/api/sso/start" method="get" className="flex flex-col gap-3">
            <label htmlFor="sso-email" className="text-sm font-medium">{sso("email")}</label>
            <input id="sso-email" name="email" type="email" required autoComplete="email" className={`block w-full py-2 ${inputClass}`} />
            <button type="submit" className={secondaryButtonClass}>{sso("continue")}</button>
          </form>
        </section>
      </div>
    </main>
  );
}
