// Who is acting and where: one context for every caller (a server action, the REST API, a job).
// No framework here: services take this context whatever the entry point.
import type { Permission } from "@/lib/permissions";

export type Actor =
  /** A person signed in to the console. */
  | { type: "user"; userId: string; email: string; name: string; address?: string }
  /** A personal access token, acting for its user with at most the user's rights. */
  | { type: "token"; tokenId: string; tokenName: string; userId: string; email: string; permissions: readonly Permission[]; address?: string }
  /** The platform itself (a job, a delivery, the seed). */
  | { type: "system"; name: string };
// `address` is the client address of the request the actor came with, as the console decides it
// (lib/client-address.ts: the trusted one, never a raw X-Forwarded-For); "unknown" when it cannot
// be read. A tenant's allowed address ranges apply to it. It is absent only for a caller that is no
// request (the CLI, a script, a test): such a caller is local, and the ranges do not apply to it.

export type TenantRef = { id: string; slug: string; name: string; organizationId: string; regionId: string };

export type TenantContext = {
  actor: Actor;
  tenant: TenantRef;
  /** What the actor may do in this tenant, already narrowed for a token. */
  permissions: readonly Permission[];
  isOwner: boolean;
};

// ── orders: organization-level standing ──

/** An organization-wide role (OrganizationMember): owners review every tenant's orders; operators read capacity. */
export type OrganizationRole = "OWNER" | "OPERATOR" | "MEMBER";

export type OrganizationRef = { id: string; slug: string; name: string };

/** Who acts across the tenants of one organization, and in which role (authorizeOrganization). */
export type OrganizationContext = { actor: Actor; organization: OrganizationRef; role: OrganizationRole };

/**
 * The context an organization-level act takes in one tenant of that organization (an owner
 * approving a tenant's order): the activity and the audit row land in that tenant, under the
 * actor's own name. It grants no tenant permission: the caller already checked the role.
 */
export function tenantContextOf(org: OrganizationContext, tenant: TenantRef): TenantContext {
  if (tenant.organizationId !== org.organization.id) throw new Error(`tenant ${tenant.id} is not in organization ${org.organization.id}`);
  return { actor: org.actor, tenant, permissions: [], isOwner: org.role === "OWNER" };
}

/** The person behind an actor (a token acts for its user); null for the system. */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "system" ? null : actor.userId;
}

/** How the audit trail and the activities name an actor, readable even once the account is gone. */
export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case "user":
      return actor.email;
    case "token":
      return `${actor.email} (token ${actor.tokenName})`;
    case "system":
      return `system (${actor.name})`;
  }
}

export const AUDIT_ACTOR_TYPE = { user: "USER", token: "TOKEN", system: "SYSTEM" } as const satisfies Record<Actor["type"], string>;
