import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { SignInForm } from "@/components/auth/signin-form";
import { LocaleSwitch, ThemeToggle } from "@/components/shell/preference-switches";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signin"))("title") };
}

export default async function SignInPage() {
  if (await getSessionUser()) redirect("/");
  const [t, app] = await Promise.all([getTranslations("signin"), getTranslations("app")]);
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
      </div>
    </main>
  );
}
