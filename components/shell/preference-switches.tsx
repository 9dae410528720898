"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import clsx from "clsx";
import { LOCALES } from "@/i18n/config";
import { setLocaleAction } from "@/lib/actions/preferences/set-locale";
import { setThemeAction } from "@/lib/actions/preferences/set-theme";

// Each language's name in itself, so a reader finds theirs whatever the current language.
const NATIVE = { en: "English", fr: "Français" } as const;

export function LocaleSwitch() {
  const t = useTranslations("shell");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div role="group" aria-label={t("language")} className="flex shrink-0 overflow-hidden rounded-md border border-slate-300 text-xs dark:border-slate-700">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          title={NATIVE[l]}
          aria-pressed={locale === l}
          disabled={pending}
          onClick={() =>
            start(async () => {
              await setLocaleAction(l);
              router.refresh();
            })
          }
          className={clsx(
            "px-2 py-1 font-medium uppercase hover:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800",
            locale === l ? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-white" : "text-slate-600 dark:text-slate-300",
          )}
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
      // Switch at once on the client; the cookie makes the server render the same next time.
      const dark = !document.documentElement.classList.contains("dark");
      document.documentElement.classList.toggle("dark", dark);
      await setThemeAction(dark ? "dark" : "light");
      router.refresh();
    });
  // The visible text is the button's name: it says what a click does.
  return (
    <button
      type="button"
      onClick={toggle}
      disabled={pending}
      className="shrink-0 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <span className="dark:hidden"><span aria-hidden>☾ </span>{t("themeDark")}</span>
      <span className="hidden dark:inline"><span aria-hidden>☀ </span>{t("themeLight")}</span>
    </button>
  );
}
