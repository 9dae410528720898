import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, negotiateLocale, toLocale } from "./config";
import { loadMessages } from "./messages";

// No locale in the URL: a console link must open the same view for a French and an
// English colleague. The cookie (set by the language switch) wins, then the browser.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value) ?? negotiateLocale((await headers()).get("accept-language"));
  return { locale, messages: await loadMessages(locale) };
});
