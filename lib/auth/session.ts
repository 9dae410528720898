import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect, notFound, forbidden } from "next/navigation";
import { clientAddress, trustProxyHops } from "@/lib/client-address";
import { db } from "@/lib/db/client";
import { authOptions } from "./options";
import { authorize, authorizeOrganization, organizationRoleOf, type AuthzResult, type OrganizationAuthzResult } from "./authorize";
import type { Actor, OrganizationContext, OrganizationRole, TenantContext } from "./context";

export type SessionUser = { id: string; email: string; name: string };

/**
 * The signed-in person, read again from the database on every request: a session cookie is
 * signed, not stored, so a disabled account would otherwise keep working until it expires.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const u = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, disabledAt: true } });
  return u && !u.disabledAt ? { id: u.id, email: u.email, name: u.name } : null;
});

/** The client address of this request, as the console decides it (server.mjs, TRUST_PROXY_HOPS): never a raw X-Forwarded-For. */
export const requestAddress = cache(async (): Promise<string> => clientAddress(await headers(), trustProxyHops()));

/** The signed-in person as an actor, with the address the request came from (a tenant's allowed ranges apply to it). */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const u = await getSessionUser();
  return u ? { type: "user", userId: u.id, email: u.email, name: u.name, address: await requestAddress() } : null;
});

/** For pages: a visitor without a session goes to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  return user;
}

/** The signed-in actor's standing in a tenant named by its URL slug (no permission asked). */
export const authorizeSlug = cache(async (tenantSlug: string): Promise<AuthzResult> => authorize(await getSessionActor(), { slug: tenantSlug }));

/**
 * An address refusal met while rendering this request, for the forbidden page (app/t/forbidden.tsx),
 * which Next renders without props: the same request's React cache carries it there.
 */
export const addressRefusalOfRequest = cache((): { refusal: Extract<AuthzResult, { reason: "ADDRESS_NOT_ALLOWED" }> | null } => ({ refusal: null }));

/** For layouts and pages: no session → sign-in; another tenant's slug → 404; outside the tenant's allowed ranges → 403 page; two-factor required and off → the account's security page, which says why. */
export async function requireTenant(tenantSlug: string): Promise<TenantContext> {
  const r = await authorizeSlug(tenantSlug);
  if (!r.ok && r.reason === "UNAUTHENTICATED") redirect("/signin");
  if (!r.ok && r.reason === "TOTP_REQUIRED") redirect(`/account/security?required=${encodeURIComponent(r.tenantSlug)}`);
  if (!r.ok && r.reason === "ADDRESS_NOT_ALLOWED") {
    addressRefusalOfRequest().refusal = r;
    forbidden();
  }
  if (!r.ok) notFound();
  return r.ctx;
}

/** For pages: the signed-in actor's standing in the organization of the tenant being viewed (orders). */
export const authorizeSessionOrganization = cache(async (organizationId: string, role: OrganizationRole): Promise<OrganizationAuthzResult> =>
  authorizeOrganization(await getSessionActor(), organizationId, role),
);

/**
 * For a page of an organization's owners (the order review, single sign-on): no session → sign-in;
 * nothing held in the organization → 404; otherwise its context, or, for a member who is not an
 * owner, the organization's name for the page to say who may open it.
 */
export async function requireOrganizationOwner(organizationId: string): Promise<{ ok: true; ctx: OrganizationContext } | { ok: false; organizationName: string }> {
  const authz = await authorizeSessionOrganization(organizationId, "OWNER");
  if (!authz.ok && authz.reason === "UNAUTHENTICATED") redirect("/signin");
  if (!authz.ok && authz.reason === "NOT_FOUND") notFound();
  return authz.ok ? authz : { ok: false, organizationName: authz.organizationName };
}

/** For pages: the signed-in user's role in an organization, to show or hide controls (not audited). */
export const sessionOrganizationRole = cache(async (organizationId: string) => organizationRoleOf(await getSessionActor(), organizationId));
