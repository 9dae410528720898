import "server-only";
import { db, type Tx } from "./client";
import { likeLiteral } from "./like";

// The command palette's reads. Each takes the tenant ids the caller may read that kind in and puts
// them in its where (`tenantId IN (...)`): one query per kind whatever the number of tenants, and
// a row of any other tenant is never read, even named by its exact id.

/**
 * Every membership of a user with what authorize() weighs before opening a tenant (the user's
 * standing, the tenant's two-factor requirement and allowed ranges), in one query.
 */
export async function listSearchableMemberships(userId: string, tx: Tx = db()) {
  const rows = await tx.membership.findMany({
    where: { userId },
    orderBy: { tenant: { name: "asc" } },
    select: {
      permissions: true,
      user: { select: { disabledAt: true, totpEnabledAt: true } },
      tenant: { select: { id: true, slug: true, name: true, requireTotp: true, allowedRanges: { select: { cidr: true } } } },
    },
  });
  // The shape findMembership gives authorize(): the same gate (membershipGate) reads both.
  return rows.map((m) => ({
    permissions: m.permissions,
    user: m.user,
    tenant: { id: m.tenant.id, slug: m.tenant.slug, name: m.tenant.name },
    requireTotp: m.tenant.requireTotp,
    allowedCidrs: m.tenant.allowedRanges.map((r) => r.cidr),
  }));
}

export type SearchQuery = { tenantIds: readonly string[]; text: string; limit: number };

/** A name holding the text (case-insensitive, wildcards literal), or the exact id. */
function nameOrId(text: string) {
  return [{ name: { contains: likeLiteral(text), mode: "insensitive" as const } }, { id: text }];
}

const ROW = { id: true, name: true, tenantId: true } as const;

export async function searchVms(q: SearchQuery, tx: Tx = db()) {
  if (q.tenantIds.length === 0) return [];
  return tx.vm.findMany({ where: { tenantId: { in: [...q.tenantIds] }, OR: nameOrId(q.text) }, orderBy: [{ name: "asc" }, { id: "asc" }], take: q.limit, select: ROW });
}

export async function searchPools(q: SearchQuery, tx: Tx = db()) {
  if (q.tenantIds.length === 0) return [];
  return tx.computePool.findMany({ where: { tenantId: { in: [...q.tenantIds] }, OR: nameOrId(q.text) }, orderBy: [{ name: "asc" }, { id: "asc" }], take: q.limit, select: ROW });
}

export async function searchDatastores(q: SearchQuery, tx: Tx = db()) {
  if (q.tenantIds.length === 0) return [];
  return tx.datastore.findMany({ where: { tenantId: { in: [...q.tenantIds] }, OR: nameOrId(q.text) }, orderBy: [{ name: "asc" }, { id: "asc" }], take: q.limit, select: ROW });
}

/** A tenant's own VLANs by name, id or tag (the number people say: "VLAN 120"). */
export async function searchVlans(q: SearchQuery, tx: Tx = db()) {
  if (q.tenantIds.length === 0) return [];
  const tag = /^\d{1,4}$/.test(q.text) ? Number(q.text) : null;
  return tx.vlan.findMany({
    where: { tenantId: { in: [...q.tenantIds] }, OR: [...nameOrId(q.text), ...(tag !== null ? [{ tag }] : [])] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: q.limit,
    select: { ...ROW, tag: true },
  });
}

/** Orders have no name of their own: found by their exact id. */
export async function searchOrders(q: SearchQuery, tx: Tx = db()) {
  if (q.tenantIds.length === 0) return [];
  return tx.order.findMany({ where: { tenantId: { in: [...q.tenantIds] }, id: q.text }, take: q.limit, select: { id: true, tenantId: true, resourceType: true, status: true } });
}

/** Activities by the name of their resource (trigram index) or their exact id, newest first. */
export async function searchActivities(q: SearchQuery, tx: Tx = db()) {
  if (q.tenantIds.length === 0) return [];
  return tx.activity.findMany({
    where: { tenantId: { in: [...q.tenantIds] }, OR: [{ resourceName: { contains: likeLiteral(q.text), mode: "insensitive" } }, { id: q.text }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit,
    select: { id: true, tenantId: true, type: true, state: true, resourceName: true },
  });
}
