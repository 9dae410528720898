"use server";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale } from "@/i18n/config";

// A display preference on the caller's own browser, settable before sign-in (the sign-in
// page has a language switch too): no session or tenant is involved.
export async function setLocaleAction(locale: string): Promise<void> {
  const valid = toLocale(locale);
  if (valid) (await cookies()).set(LOCALE_COOKIE, valid, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
