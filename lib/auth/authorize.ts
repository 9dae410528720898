import "server-only";
import { db } from "@/lib/db/client";
import { findMembership, findOrganizationStanding, getOrganizationRef, getTenantRef } from "@/lib/db/tenancy";
import { recordAudit } from "@/lib/db/audit";
import { PERMISSIONS, hasPermission, toPermissions, type Permission } from "@/lib/permissions";
import { checkAddressAllowed } from "@/lib/domain/address-ranges";
import { checkTotpRequirement } from "@/lib/domain/totp";
import type { LocalizedText } from "@/lib/domain/result";
import { limiter } from "@/lib/rate-limit";
import { actorLabel, AUDIT_ACTOR_TYPE, type Actor, type OrganizationContext, type OrganizationRole, type TenantContext } from "./context";

export type TenantKey = { id: string } | { slug: string };

export type AuthzFailure =
  /** No actor, or one that may no longer act (disabled account, revoked or expired token). */
  | { ok: false; reason: "UNAUTHENTICATED" }
  /** No such tenant, or one the actor holds nothing in: the two are indistinguishable. */
  | { ok: false; reason: "NOT_FOUND" }
  | { ok: false; reason: "FORBIDDEN"; permission: Permission; tenantName: string }
  /**
   * A member (or a member's token) acting from an address outside the tenant's allowed ranges
   * (IAM.ADDRESS_NOT_ALLOWED): 403 with `message`, which names the rule, the address and what to do.
   */
  | { ok: false; reason: "ADDRESS_NOT_ALLOWED"; code: "IAM.ADDRESS_NOT_ALLOWED"; address: string; tenantName: string; message: LocalizedText }
  /**
   * A person without two-factor authentication, in a tenant that requires it (IAM.TOTP_REQUIRED):
   * pages send them to turn it on; actions and the console's routes answer 403 with `message`.
   * Never a token's answer: tokens are not asked for a second factor.
   */
  | { ok: false; reason: "TOTP_REQUIRED"; code: "IAM.TOTP_REQUIRED"; tenantSlug: string; tenantName: string; message: LocalizedText };

export type AuthzResult = { ok: true; ctx: TenantContext } | AuthzFailure;

/**
 * The one authorisation of every entry point (server actions, pages, route handlers, jobs):
 * (actor, tenant, permission) → a context, or why not. The actor's standing is read again on
 * every call, so a disabled account or a revoked permission takes effect at the next request.
 * A refused permission is audited.
 */
export async function authorize(actor: Actor | null, tenant: TenantKey, permission?: Permission): Promise<AuthzResult> {
  if (!actor) return { ok: false, reason: "UNAUTHENTICATED" };
  let ctx: TenantContext;
  if (actor.type === "system") {
    const ref = await getTenantRef(tenant);
    if (!ref) return { ok: false, reason: "NOT_FOUND" };
    ctx = { actor, tenant: ref, permissions: PERMISSIONS, isOwner: false };
  } else {
    const m = await findMembership(actor.userId, tenant);
    if (!m) return { ok: false, reason: "NOT_FOUND" };
    const stopped = membershipGate(actor, m);
    if (stopped) {
      if (stopped.reason === "ADDRESS_NOT_ALLOWED") await auditAddressRefusal(actor, m.tenant, stopped.address);
      return stopped;
    }
    const held = toPermissions(m.permissions);
    // A token carries at most what its user holds today, whatever it was granted with.
    const permissions = actor.type === "token" ? held.filter((p) => actor.permissions.includes(p)) : held;
    ctx = { actor, tenant: m.tenant, permissions, isOwner: m.isOwner };
  }
  if (permission && !hasPermission(ctx.permissions, permission)) {
    await recordAudit({
      organizationId: ctx.tenant.organizationId,
      tenantId: ctx.tenant.id,
      actorType: AUDIT_ACTOR_TYPE[actor.type],
      actorId: actor.type === "system" ? null : actor.type === "token" ? actor.tokenId : actor.userId,
      actorLabel: actorLabel(actor),
      action: "authz.denied",
      outcome: "DENIED",
      details: { permission },
    });
    return { ok: false, reason: "FORBIDDEN", permission, tenantName: ctx.tenant.name };
  }
  return { ok: true, ctx };
}

/** A membership as the gate reads it (lib/db/tenancy.ts findMembership, lib/db/search.ts). */
export type GatedMembership = {
  user: { disabledAt: Date | null; totpEnabledAt: Date | null };
  tenant: { slug: string; name: string };
  allowedCidrs: readonly string[];
  requireTotp: boolean;
};

/**
 * What stops a member at a tenant's door whatever they ask, in this order: a disabled account;
 * an address outside the tenant's allowed ranges (after membership, so a non-member learns nothing
 * of the tenant; before the permission, so a client outside learns nothing of its rights either);
 * two-factor missing where the tenant requires it (people only: tokens are not asked for it).
 * Pure: authorize() audits an address refusal, and the palette's search skips such tenants.
 */
export function membershipGate(actor: Exclude<Actor, { type: "system" }>, m: GatedMembership): AuthzFailure | null {
  if (m.user.disabledAt) return { ok: false, reason: "UNAUTHENTICATED" };
  if (actor.address !== undefined) {
    const access = checkAddressAllowed({ address: actor.address, cidrs: m.allowedCidrs, tenantName: m.tenant.name });
    if (!access.ok) return { ok: false, reason: "ADDRESS_NOT_ALLOWED", code: "IAM.ADDRESS_NOT_ALLOWED", address: actor.address, tenantName: m.tenant.name, message: access.violations[0]!.message };
  }
  if (actor.type === "user") {
    const totp = checkTotpRequirement({ required: m.requireTotp, enrolled: Boolean(m.user.totpEnabledAt), tenantName: m.tenant.name });
    if (!totp.ok) return { ok: false, reason: "TOTP_REQUIRED", code: "IAM.TOTP_REQUIRED", tenantSlug: m.tenant.slug, tenantName: m.tenant.name, message: totp.violations[0]!.message };
  }
  return null;
}

/**
 * An address refusal is audited (`iam.address_refused`, with the address) at most once per tenant
 * and address a minute (ADDRESS_REFUSAL_AUDIT_SECONDS, counted by the shared limiters, so every
 * instance agrees): a script looping from outside the ranges must not flood the audit trail. The
 * refusal itself is answered every time.
 */
async function auditAddressRefusal(actor: Exclude<Actor, { type: "system" }>, tenant: { id: string; organizationId: string }, address: string) {
  const verdict = await limiter("addressRefusalAudit").consume(`${tenant.id}:${address}`);
  if (!verdict.ok) return;
  await recordAudit({
    organizationId: tenant.organizationId,
    tenantId: tenant.id,
    actorType: AUDIT_ACTOR_TYPE[actor.type],
    actorId: actor.type === "token" ? actor.tokenId : actor.userId,
    actorLabel: actorLabel(actor),
    action: "iam.address_refused",
    outcome: "DENIED",
    details: { address, via: actor.type === "token" ? "token" : "console" },
  });
}

// ── orders: organization-level authorization ──

export type OrganizationAuthzResult =
  | { ok: true; ctx: OrganizationContext }
  | { ok: false; reason: "UNAUTHENTICATED" }
  /** No such organization, or one the actor holds nothing in (no role, no tenant): indistinguishable. */
  | { ok: false; reason: "NOT_FOUND" }
  | { ok: false; reason: "FORBIDDEN"; role: OrganizationRole; organizationName: string };

const ROLE_RANK: Record<OrganizationRole, number> = { MEMBER: 1, OPERATOR: 2, OWNER: 3 };

/**
 * authorize()'s counterpart for acts that span the tenants of one organization (an owner reviewing
 * every tenant's orders): (actor, organization, role) → a context, or why not. A user who holds
 * nothing in the organization gets NOT_FOUND, exactly like a missing one; a member of it (a role
 * below the one asked, or only tenant memberships) gets FORBIDDEN, audited. A personal access
 * token is bound to one tenant and never acts for an organization. Read again on every call.
 */
export async function authorizeOrganization(actor: Actor | null, organizationId: string, role: OrganizationRole): Promise<OrganizationAuthzResult> {
  if (!actor) return { ok: false, reason: "UNAUTHENTICATED" };
  if (actor.type === "system") {
    const organization = await getOrganizationRef(organizationId);
    return organization ? { ok: true, ctx: { actor, organization, role: "OWNER" } } : { ok: false, reason: "NOT_FOUND" };
  }
  const standing = await findOrganizationStanding(actor.userId, organizationId);
  if (!standing.organization || (standing.role === null && !standing.inATenant)) return { ok: false, reason: "NOT_FOUND" };
  if (standing.disabled) return { ok: false, reason: "UNAUTHENTICATED" };
  const held = standing.role;
  if (actor.type === "token" || held === null || ROLE_RANK[held] < ROLE_RANK[role]) {
    await recordAudit({
      organizationId,
      tenantId: null,
      actorType: AUDIT_ACTOR_TYPE[actor.type],
      actorId: actor.type === "token" ? actor.tokenId : actor.userId,
      actorLabel: actorLabel(actor),
      action: "authz.denied",
      outcome: "DENIED",
      details: { organizationRole: role, held: held ?? "none", ...(actor.type === "token" ? { token: true } : {}) },
    });
    return { ok: false, reason: "FORBIDDEN", role, organizationName: standing.organization.name };
  }
  return { ok: true, ctx: { actor, organization: standing.organization, role: held } };
}

/**
 * The actor's role in an organization, for showing or hiding controls only (a link to the review
 * queue): not audited, decides nothing. The act itself goes through authorizeOrganization.
 */
export async function organizationRoleOf(actor: Actor | null, organizationId: string): Promise<OrganizationRole | null> {
  if (!actor || actor.type !== "user") return null;
  const standing = await findOrganizationStanding(actor.userId, organizationId);
  return standing.disabled ? null : standing.role;
}
