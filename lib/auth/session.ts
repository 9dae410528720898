import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect, notFound } from "next/navigation";
import { authOptions } from "./options";
import { findMembershipBySlug } from "@/lib/db/tenancy";
import { toPermissions, type Permission } from "@/lib/permissions";

export type SessionUser = { id: string; email: string; name: string };
export type TenantContext = {
  user: SessionUser;
  tenant: { id: string; slug: string; name: string; organizationId: string; regionId: string };
  permissions: Permission[];
  isOwner: boolean;
};

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const u = session?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? u.email };
});

/** For pages: a visitor without a session goes to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  return user;
}

type MembershipRow = { permissions: string[]; isOwner: boolean; tenant: TenantContext["tenant"] };

/** What a signed-in member may do in a tenant: only known permissions count. */
export function tenantContextOf(user: SessionUser, m: MembershipRow): TenantContext {
  return { user, tenant: m.tenant, permissions: toPermissions(m.permissions), isOwner: m.isOwner };
}

/** Resolves a tenant from the URL for the signed-in user; another tenant's slug is a 404. */
export const getTenantContextOrNull = cache(async (tenantSlug: string): Promise<TenantContext | null> => {
  const user = await getSessionUser();
  if (!user) return null;
  const m = await findMembershipBySlug(user.id, tenantSlug);
  return m ? tenantContextOf(user, m) : null;
});

export async function requireTenant(tenantSlug: string): Promise<TenantContext> {
  await requireUser();
  const ctx = await getTenantContextOrNull(tenantSlug);
  if (!ctx) notFound();
  return ctx;
}
