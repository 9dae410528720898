import "server-only";
import type { Actor } from "@/lib/auth/context";
import { listSearchableMemberships, searchActivities, searchDatastores, searchOrders, searchPools, searchVlans, searchVms, type SearchQuery } from "@/lib/db/search";
import { membershipGate } from "@/lib/auth/authorize";
import { hasPermission, type Permission } from "@/lib/permissions";
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, type SearchHit, type SearchKind, type SearchResult } from "@/lib/search-view";

// Search anywhere (the command palette): the resources of every tenant the person may open, by
// name or exact id. A tenant is searched only where authorize() would open it (membership, account
// not disabled, two-factor when required, address inside its ranges), and each kind only where the
// membership holds the permission that reads it; another tenant's row is never read.

/** The permission that reads each kind, the same the kind's pages and API ask. */
export const SEARCH_PERMISSION = {
  vm: "compute:read",
  pool: "compute:read",
  datastore: "storage:read",
  vlan: "network:read",
  order: "order:read",
  activity: "activity:read",
} as const satisfies Record<SearchKind, Permission>;

/** Hits per kind: the palette is a jump list, not a result page. */
export const SEARCH_LIMIT = 5;

/**
 * Finds the resources named like `q` (or whose id is `q`) in the tenants the actor may open, at
 * most SEARCH_LIMIT of each kind, in one query per kind. Fewer than SEARCH_MIN_LENGTH characters
 * find nothing. A token is bound to one tenant and searches through the API's lists instead: it
 * finds nothing here; so does the system, which has no memberships.
 */
export async function searchEverywhere(actor: Actor | null, q: string): Promise<SearchResult> {
  const text = q.trim().slice(0, SEARCH_MAX_LENGTH);
  if (!actor || actor.type !== "user" || text.length < SEARCH_MIN_LENGTH) return { query: text, hits: [] };

  // The tenants authorize() would open: the same gate, without its audit of a refused address.
  const memberships = (await listSearchableMemberships(actor.userId)).filter((m) => membershipGate(actor, m) === null);
  const tenants = new Map(memberships.map((m) => [m.tenant.id, m.tenant]));
  const query = (kind: SearchKind): SearchQuery => ({
    tenantIds: memberships.filter((m) => hasPermission(m.permissions, SEARCH_PERMISSION[kind])).map((m) => m.tenant.id),
    text,
    limit: SEARCH_LIMIT,
  });

  const [vms, pools, datastores, vlans, orders, activities] = await Promise.all([
    searchVms(query("vm")),
    searchPools(query("pool")),
    searchDatastores(query("datastore")),
    searchVlans(query("vlan")),
    searchOrders(query("order")),
    searchActivities(query("activity")),
  ]);
  const hit = (kind: SearchKind, r: { id: string; tenantId: string }, name: string, detail: SearchHit["detail"] = {}): SearchHit => {
    const t = tenants.get(r.tenantId)!;
    return { kind, id: r.id, name, detail, tenant: { slug: t.slug, name: t.name } };
  };
  return {
    query: text,
    hits: [
      ...vms.map((r) => hit("vm", r, r.name)),
      ...pools.map((r) => hit("pool", r, r.name)),
      ...datastores.map((r) => hit("datastore", r, r.name)),
      ...vlans.map((r) => hit("vlan", r, r.name, { tag: r.tag })),
      ...orders.map((r) => hit("order", r, r.id, { resourceType: r.resourceType, status: r.status })),
      ...activities.map((r) => hit("activity", r, r.resourceName ?? r.id, { type: r.type, state: r.state })),
    ],
  };
}
