// A signed-in member's context in a tenant, as authorize() builds it for every entry point.
import { db } from "@/lib/db/client";
import { createUser, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { PERMISSIONS, type Permission } from "@/lib/permissions";

export async function memberContext(tenantId: string, permissions: readonly Permission[] = PERMISSIONS, user?: { id: string; email: string; name: string }): Promise<TenantContext> {
  const u = user ?? (await createUser(db(), { cost: 4 }));
  await grantMembership(db(), { userId: u.id, tenantId, permissions });
  const r = await authorize({ type: "user", userId: u.id, email: u.email, name: u.name }, { id: tenantId });
  if (!r.ok) throw new Error(`no context in ${tenantId}: ${r.reason}`);
  return r.ctx;
}
