"use server";
import { cookies } from "next/headers";
import { THEME_COOKIE } from "@/i18n/config";

// A display preference on the caller's own browser: no session or tenant is involved.
export async function setThemeAction(theme: string): Promise<void> {
  if (theme === "dark" || theme === "light") (await cookies()).set(THEME_COOKIE, theme, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
