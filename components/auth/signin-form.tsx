"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { inputClass, primaryButtonClass } from "@/components/ui/styles";

export function SignInForm() {
  const t = useTranslations("signin");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Shown once the server answered that this account has two-factor on (the password was right).
  const [needsCode, setNeedsCode] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    try {
      const code = needsCode ? String(form.get("code") ?? "") : "";
      const res = await signIn("credentials", { redirect: false, email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), code });
      if (res?.ok && !res.error) {
        router.replace("/");
        router.refresh();
        return; // stays "signing in" until the console replaces this page
      }
      if (res?.error === "SsoRequired") {
        setError(t("ssoRequired"));
        setPending(false);
        return;
      }
      if (res?.error === "TotpRequired") {
        setNeedsCode(true);
        setPending(false);
        return;
      }
      // One message whatever went wrong with the credentials: nothing tells whether the account exists.
      setError(res?.status === 429 ? t("rateLimited") : res?.status && res.status >= 500 ? t("unavailable") : needsCode ? t("codeError") : t("error"));
    } catch {
      setError(t("unavailable"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-busy={pending}>
      <div>
        <label htmlFor="email" className="text-sm font-medium">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus aria-describedby={error ? "signin-error" : undefined} className={`mt-1 block w-full py-2 ${inputClass}`} />
      </div>
      <div>
        <label htmlFor="password" className="text-sm font-medium">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required aria-describedby={error ? "signin-error" : undefined} className={`mt-1 block w-full py-2 ${inputClass}`} />
      </div>
      {needsCode && (
        <div>
          <label htmlFor="code" className="text-sm font-medium">{t("code")}</label>
          <p id="code-help" className="text-xs text-slate-600 dark:text-slate-400">{t("codeHelp")}</p>
          <input id="code" name="code" type="text" inputMode="text" autoComplete="one-time-code" required autoFocus spellCheck={false} aria-describedby={error ? "code-help signin-error" : "code-help"} className={`mt-1 block w-full py-2 font-mono ${inputClass}`} />
        </div>
      )}
      {error && (
        <p id="signin-error" role="alert" data-testid="signin-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className={`w-full py-2 ${primaryButtonClass}`}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
