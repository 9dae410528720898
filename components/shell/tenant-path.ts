/**
 * The tenant pages that take no id, relative to /t/<tenant> ("" is the tenant's home). A unit test
 * compares this list with app/t/[tenant], so a new page cannot be forgotten.
 */
export const TENANT_STATIC_PAGES = new Set([
  "",
  "activities",
  "audit",
  "compute",
  "compute/affinity-rules",
  "compute/catalog",
  "compute/hosts",
  "compute/pools",
  "compute/vms",
  "compute/vms/new",
  "dashboards",
  "dashboards/alerts",
  "dashboards/capacity",
  "dashboards/cost",
  "dashboards/planner",
  "dashboards/sla",
  "data-protection",
  "data-protection/jobs",
  "data-protection/replications",
  "iam",
  "iam/api",
  "iam/ranges",
  "iam/sso",
  "iam/two-factor",
  "iam/tokens",
  "network",
  "orders",
  "orders/new",
  "orders/review",
  "overview",
  "storage",
]);

/**
 * Pages with an id whose kind has no list of its own under that path: the list that holds them.
 * Every pool dashboard is a row of the capacity table (which reads the range too).
 */
const LIST_OF: Record<string, string> = { "dashboards/pools": "dashboards/capacity" };

/** Query parameters that mean the same in every tenant (a dashboard's range); filters name tenant-specific things. */
const KEPT_PARAMS = ["range"];

/**
 * Where the tenant switcher goes: the same kind of page in the other tenant. An id belongs to one tenant,
 * so /t/a/compute/vms/<id> becomes /t/b/compute/vms, /t/a/dashboards/pools/<id> the capacity table that
 * lists every pool dashboard (LIST_OF), and /t/a/dashboards/datastores/<id> the dashboards' home.
 */
export function tenantSwitchHref(pathname: string, search: string, slug: string): string {
  const rest = pathname.replace(/^\/t\/[^/]+\/?/, "").split("/").filter(Boolean);
  let n = rest.length;
  while (n > 0 && !TENANT_STATIC_PAGES.has(rest.slice(0, n).join("/")) && !(rest.slice(0, n).join("/") in LIST_OF)) n--;
  const prefix = rest.slice(0, n).join("/");
  const page = LIST_OF[prefix] ?? prefix;
  const from = new URLSearchParams(search);
  const kept = new URLSearchParams(KEPT_PARAMS.flatMap((k) => (from.has(k) ? [[k, from.get(k)!]] : [])));
  const query = kept.toString();
  return `/t/${slug}${page ? `/${page}` : ""}${query ? `?${query}` : ""}`;
}
