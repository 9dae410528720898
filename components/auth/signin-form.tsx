"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignInForm() {
  const t = useTranslations("signin");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    try {
      const res = await signIn("credentials", { redirect: false, email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
      if (res?.ok && !res.error) {
        router.replace("/");
        router.refresh();
        return;
      }
      setError(res?.status && res.status >= 500 ? t("unavailable") : t("error"));
    } catch {
      setError(t("unavailable"));
    }
    setPending(false);
  }

  const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900";
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-describedby={error ? "signin-error" : undefined}>
      <div>
        <label htmlFor="email" className="font-medium">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required className={field} />
      </div>
      <div>
        <label htmlFor="password" className="font-medium">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={field} />
      </div>
      <div aria-live="polite">
        {error && (
          <p id="signin-error" role="alert" data-testid="signin-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-3 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
