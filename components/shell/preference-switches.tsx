"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { setLocaleAction } from "@/lib/actions/preferences/set-locale";
import { setThemeAction } from "@/lib/actions/preferences/set-theme";

export function LocaleSwitch() {
  const t = useTranslations("shell");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div role="group" aria-label={t("language")} className="flex rounded-md border border-slate-300 text-xs dark:border-slate-700">
      {(["en", "fr"] as const).map((l) => (
        <button
          key={l}
          type="button"
          aria-pressed={locale === l}
          disabled={pending}
          onClick={() => start(async () => { await setLocaleAction(l); router.refresh(); })}
          className="px-2 py-1 uppercase aria-pressed:bg-slate-200 aria-pressed:font-semibold dark:aria-pressed:bg-slate-700"
        >
          {l}
        </button>
      ))}
    </div>
  );
}

export function ThemeToggle() {
  const t = useTranslations("shell");
  const router = useRouter();
  const [pending, start] = useTransition();
  const toggle = () =>
    start(async () => {
      const dark = !document.documentElement.classList.contains("dark");
      document.documentElement.classList.toggle("dark", dark);
      await setThemeAction(dark ? "dark" : "light");
      router.refresh();
    });
  return (
    <button type="button" onClick={toggle} disabled={pending} className="rounded-md border border-slate-300 px-2 py-1 text-xs dark:border-slate-700" aria-label={t("theme")}>
      <span className="dark:hidden">☾ {t("themeDark")}</span>
      <span className="hidden dark:inline">☀ {t("themeLight")}</span>
    </button>
  );
}
