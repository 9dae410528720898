export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "console-locale";
export const THEME_COOKIE = "console-theme";

export function toLocale(value: string | undefined | null): Locale | null {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : null;
}

/** First supported language of an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = toLocale(part.split(";")[0]?.trim().slice(0, 2).toLowerCase());
    if (tag) return tag;
  }
  return DEFAULT_LOCALE;
}

/**
 * The message namespaces client components use: only these are shipped to the browser
 * (the rest stay on the server). i18n/client-namespaces.test.ts keeps the list honest.
 */
export const CLIENT_NAMESPACES = [
  "errors",
  "nav",
  "shell",
  "palette",
  "signin",
  "violations",
  "activity",
  "validation",
  "actions",
  // list controls: the columns menu, saved views, instant filters
  "list",
  // the tenant's catalogue, a VM's CD/DVD drive
  "catalog",
  "vmCatalog",
  // orders, pools and hosts, affinity rules
  "orderForm",
  "orderActions",
  "poolPage",
  "affinity",
  // data protection and network
  "dataProtectionForms",
  "backupJobForms",
  "networkForms",
  // The VM dialogs, bulk actions, padlock and create form
  "vmActions",
  "vmForm",
  // The capacity planner and the cost chart
  "dashboardsPlanner",
  "dashboardsCostChart",
  // the dashboards' "updated at" and auto-refresh pause
  "dashboardsRefresh",
  // IAM and personal access tokens
  "iamForms",
  // a tenant's allowed address ranges (the form)
  "allowedRanges",
  // two-factor: the account's own settings, a tenant's requirement (the forms)
  "account",
  "twoFactor",
  // alerts: the bell, acknowledging, subscriptions and lines
  "alerts",
  "notifications",
  // invitations: the IAM page's form and list, the acceptance form
  "invitations",
  // single sign-on: the owner's settings form
  "sso",
] as const;
