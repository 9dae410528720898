import "server-only";
import { db, type Tx } from "./client";

const TENANT_REF = { id: true, slug: true, name: true, organizationId: true, regionId: true } as const;
type TenantKey = { id: string } | { slug: string };

/** The tenants a user holds a membership in, with the permissions held there. */
export async function listUserTenants(userId: string, tx: Tx = db()) {
  return tx.membership.findMany({
    where: { userId },
    orderBy: { tenant: { name: "asc" } },
    select: { permissions: true, isOwner: true, tenant: { select: { id: true, slug: true, name: true, organizationId: true, organization: { select: { name: true } } } } },
  });
}

/**
 * A user's membership of a tenant named by id or slug, with the user's standing and the tenant's
 * allowed address ranges (read in the same query: authorize() needs them on every request). A
 * tenant where the user holds no membership is not found, exactly like one that does not exist.
 */
export async function findMembership(userId: string, tenant: TenantKey, tx: Tx = db()) {
  const m = await tx.membership.findFirst({
    where: { userId, tenant: "id" in tenant ? { id: tenant.id } : { slug: tenant.slug } },
    select: { permissions: true, isOwner: true, user: { select: { disabledAt: true, totpEnabledAt: true } }, tenant: { select: { ...TENANT_REF, requireTotp: true, allowedRanges: { select: { cidr: true } } } } },
  });
  if (!m) return null;
  const { allowedRanges, requireTotp, ...ref } = m.tenant;
  return { ...m, tenant: ref, allowedCidrs: allowedRanges.map((r) => r.cidr), requireTotp };
}

export async function getTenantRef(tenant: TenantKey, tx: Tx = db()) {
  return tx.tenant.findUnique({ where: "id" in tenant ? { id: tenant.id } : { slug: tenant.slug }, select: TENANT_REF });
}

// ── orders: organization-level standing ──

/**
 * A user's standing in an organization: the organization, the user's role there (null without an
 * OrganizationMember row), and whether the user holds a membership in any of its tenants. A user
 * with neither knows nothing of the organization.
 */
export async function findOrganizationStanding(userId: string, organizationId: string, tx: Tx = db()) {
  const [organization, member, tenantMembership, user] = await Promise.all([
    tx.organization.findUnique({ where: { id: organizationId }, select: { id: true, slug: true, name: true } }),
    tx.organizationMember.findUnique({ where: { organizationId_userId: { organizationId, userId } }, select: { role: true } }),
    tx.membership.findFirst({ where: { userId, tenant: { organizationId } }, select: { id: true } }),
    tx.user.findUnique({ where: { id: userId }, select: { disabledAt: true } }),
  ]);
  return { organization, role: member?.role ?? null, inATenant: tenantMembership !== null, disabled: !user || user.disabledAt !== null };
}

export async function getOrganizationRef(organizationId: string, tx: Tx = db()) {
  return tx.organization.findUnique({ where: { id: organizationId }, select: { id: true, slug: true, name: true } });
}
