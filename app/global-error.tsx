"use client";
import { useSyncExternalStore } from "react";
import { NextIntlClientProvider } from "next-intl";
import "@fontsource-variable/inter";
import "./globals.css";
import { LOCALE_COOKIE, THEME_COOKIE, negotiateLocale, toLocale, type Locale } from "@/i18n/config";
import { SegmentError } from "@/components/ui/segment-error";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

// What shows when the root layout itself fails: it replaces that layout, so it brings its
// own <html>, styles and messages. Language and theme come from the same cookies the
// layout reads (then the browser's language); the server render assumes English and light,
// and React re-renders with the reader's choice right after hydration.
const ERRORS = { en: en.errors, fr: fr.errors } as const;

function cookie(name: string): string | undefined {
  return document.cookie.split("; ").find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);
}
const noSubscription = () => () => undefined;

export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useSyncExternalStore<Locale>(noSubscription, () => toLocale(cookie(LOCALE_COOKIE)) ?? negotiateLocale(navigator.languages.join(",")), () => "en");
  const dark = useSyncExternalStore(noSubscription, () => cookie(THEME_COOKIE) === "dark", () => false);
  return (
    <html lang={locale} className={dark ? "dark" : undefined}>
      <body className="min-h-screen font-sans text-sm">
        <NextIntlClientProvider locale={locale} messages={{ errors: ERRORS[locale] }}>
          <main className="mx-auto max-w-lg p-10">
            <SegmentError {...props} />
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
