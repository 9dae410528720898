import type { Metadata } from "next";
import { cookies } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import "@fontsource-variable/inter";
import "./globals.css";
import { CLIENT_NAMESPACES, THEME_COOKIE } from "@/i18n/config";
import { Providers } from "@/components/providers";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  // robots.txt keeps crawlers out; noindex also keeps out a URL that was linked from elsewhere.
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, robots: { index: false, follow: false } };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, store, messages] = await Promise.all([getLocale(), cookies(), getMessages()]);
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, messages[ns]]));
  // The theme is rendered on the server from its cookie: no flash of the wrong theme.
  const dark = store.get(THEME_COOKIE)?.value === "dark";
  return (
    <html lang={locale} className={dark ? "dark" : undefined}>
      <body className="min-h-screen font-sans text-sm">
        <NextIntlClientProvider messages={clientMessages}>
          <Providers dark={dark}>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
