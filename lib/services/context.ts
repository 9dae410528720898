import "server-only";
import { hasPermission, type Permission } from "@/lib/permissions";
import { actorLabel, actorUserId, AUDIT_ACTOR_TYPE, type OrganizationContext, type OrganizationRole, type TenantContext } from "@/lib/auth/context";
import { ForbiddenError } from "@/lib/errors";

export type { OrganizationContext, TenantContext } from "@/lib/auth/context";

/**
 * Services check the permission of their use case themselves, whoever called them: the entry
 * point authorised the tenant, and this keeps a service safe behind any future caller.
 */
export function assertPermission(ctx: TenantContext, permission: Permission): void {
  if (!hasPermission(ctx.permissions, permission)) throw new ForbiddenError(permission);
}

/** The organization-level check of a service (orders), like assertPermission for a tenant. */
export function assertOrganizationRole(ctx: OrganizationContext, role: OrganizationRole): void {
  const rank = { MEMBER: 1, OPERATOR: 2, OWNER: 3 } as const;
  if (rank[ctx.role] < rank[role]) throw new ForbiddenError(`organization:${role}`);
}

/** The columns that name an actor on an audit row or an activity. */
export function actorColumns(ctx: TenantContext) {
  const a = ctx.actor;
  return {
    actorType: AUDIT_ACTOR_TYPE[a.type],
    actorId: a.type === "token" ? a.tokenId : actorUserId(a),
    actorLabel: actorLabel(a),
  };
}
