// A language's messages: the core file (messages/<locale>.json) and one file per area of the
// console (messages/<locale>/<area>.json), merged. Areas keep their namespaces apart, so two
// changes to two areas never touch the same file. A namespace lives in exactly one file.
import type { Locale } from "./config";

/** The area files, in both languages. */
export const MESSAGE_AREAS = [
  // what every action answers: field errors, rule violations, activities, list controls
  "actions",
  // orders and their review; pools, hosts, affinity rules and datastore pages
  "orders",
  "data-protection",
  // backup runs and restores
  "backup-jobs",
  "network",
  // the VM list, page and create form, activities, audit log
  "vms",
  // the pool, datastore and SLA dashboards
  "dashboards",
  // the fleet overview, cost, capacity planner
  "dashboards-fleet",
  // IAM, personal access tokens, the API reference
  "iam",
  // a tenant's allowed address ranges, and the page that refuses a client outside them
  "allowed-ranges",
  // the account's own security page (two-factor enrolment) and a tenant's two-factor requirement
  "account",
  // operator alerts, their lines and subscriptions, and the notifications bell
  "alerts",
  // the tenant's catalogue (templates, ISO images), a VM's CD/DVD drive and cloud-init
  "catalog",
  // the simulated web console of a VM and its history
  "console",
  // invitations by e-mail: the IAM page's list and form, the acceptance page
  "invitations",
  // an organization's single sign-on settings and the sign-in page's SSO form
  "sso",
] as const;

export type Messages = Record<string, unknown>;

export async function loadMessages(locale: Locale): Promise<Messages> {
  const core = (await import(`../messages/${locale}.json`)).default as Messages;
  const areas = await Promise.all(MESSAGE_AREAS.map(async (a) => (await import(`../messages/${locale}/${a}.json`)).default as Messages));
  const out: Messages = { ...core };
  for (const [i, area] of areas.entries()) {
    for (const [ns, value] of Object.entries(area)) {
      if (ns in out) throw new Error(`message namespace "${ns}" is defined twice (messages/${locale}/${MESSAGE_AREAS[i]}.json)`);
      out[ns] = value;
    }
  }
  return out;
}
