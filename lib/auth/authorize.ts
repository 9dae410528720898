import "server-only";
import { db } from "@/lib/db/client";
import { findMembership, getTenantRef } from "@/lib/db/tenancy";
import { recordAudit } from "@/lib/db/audit";
import { PERMISSIONS, hasPermission, toPermissions, type Permission } from "@/lib/permissions";
import { actorLabel, AUDIT_ACTOR_TYPE, type Actor, type TenantContext } from "./context";

export type TenantKey = { id: string } | { slug: string };

export type AuthzFailure =
  /** No actor, or one that may no longer act (disabled account, revoked or expired token). */
  | { ok: false; reason: "UNAUTHENTICATED" }
  /** No such tenant, or one the actor holds nothing in: the two are indistinguishable. */
  | { ok: false; reason: "NOT_FOUND" }
  | { ok: false; reason: "FORBIDDEN"; permission: Permission; tenantName: string };

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
    if (m.user.disabledAt) return { ok: false, reason: "UNAUTHENTICATED" };
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

/** The actor's own standing outside any tenant: a disabled account is signed out everywhere. */
export async function userStillActive(userId: string): Promise<boolean> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
  return u !== null && u.disabledAt === null;
}
