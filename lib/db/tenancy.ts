import "server-only";
import { db, type Tx } from "./client";

/** The tenants a user holds a membership in, with the permissions held there. */
export async function listUserTenants(userId: string, tx: Tx = db()) {
  return tx.membership.findMany({
    where: { userId },
    orderBy: { tenant: { name: "asc" } },
    select: { permissions: true, isOwner: true, tenant: { select: { id: true, slug: true, name: true, organizationId: true, organization: { select: { name: true } } } } },
  });
}

/** A tenant where the user holds no membership is not found, exactly like one that does not exist. */
export async function findMembershipBySlug(userId: string, tenantSlug: string, tx: Tx = db()) {
  return tx.membership.findFirst({
    where: { userId, tenant: { slug: tenantSlug } },
    select: { permissions: true, isOwner: true, tenant: { select: { id: true, slug: true, name: true, organizationId: true, regionId: true } } },
  });
}

export async function findMembershipByTenantId(userId: string, tenantId: string, tx: Tx = db()) {
  return tx.membership.findUnique({
    where: { userId_tenantId: { userId, tenantId } },
    select: { permissions: true, isOwner: true, tenant: { select: { id: true, slug: true, name: true, organizationId: true, regionId: true } } },
  });
}
