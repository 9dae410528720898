// The alert e-mail's settings from the parsed environment: null when SMTP_URL is unset (e-mail off).
import type { Env } from "./env";

export const DEFAULT_ALERT_MAIL_FROM = "Sovereign console <alerts@localhost>";

export function alertMailConfig(e: Pick<Env, "SMTP_URL" | "ALERT_MAIL_FROM" | "NEXTAUTH_URL" | "PORT">): { smtpUrl: string; from: string; baseUrl: string } | null {
  if (!e.SMTP_URL) return null;
  return { smtpUrl: e.SMTP_URL, from: e.ALERT_MAIL_FROM ?? DEFAULT_ALERT_MAIL_FROM, baseUrl: e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}` };
}
