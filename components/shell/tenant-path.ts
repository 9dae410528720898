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

/** Query parameters that mean the same in every tenant (a dashboard's range); filters name tenant-specific things. */
const KEPT_PARAMS = ["range"];

/**
 * Where the tenant switcher goes: the same kind of page in the other tenant. An id belongs to one tenant,
 * so /t/a/compute/vms/<id> becomes /t/b/compute/vms, and /t/a/dashboards/pools/<id> (no list of its own)
 * becomes /t/b/dashboards.
 */
export function tenantSwitchHref(pathname: string, search: string, slug: string): string {
  const rest = pathname.replace(/^\/t\/[^/]+\/?/, "").split("/").filter(Boolean);
  let n = rest.length;
  while (n > 0 && !TENANT_STATIC_PAGES.has(rest.slice(0, n).join("/"))) n--;
  const page = rest.slice(0, n).join("/");
  const from = new URLSearchParams(search);
  const kept = new URLSearchParams(KEPT_PARAMS.flatMap((k) => (from.has(k) ? [[k, from.get(k)!]] : [])));
  const query = kept.toString();
  return `/t/${slug}${page ? `/${page}` : ""}${query ? `?${query}` : ""}`;
}
