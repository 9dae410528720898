// A signed-in member's context in a tenant, as authorize() builds it for every entry point.
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createOrganization, createPool, createTenant, createUser, grantMembership } from "@/lib/db/factories";
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

/** A tenant ready for VMs, and a member holding every permission: room for a few dozen small VMs. */
export async function tenantForVms(): Promise<{ ctx: TenantContext; pool: string; ds: string; policy: string }> {
  const org = await createOrganization(db());
  const tenant = await createTenant(db(), { organizationId: org.id });
  const ctx = await memberContext(tenant.id);
  const { pool } = await createPool(db(), { tenantId: tenant.id, hosts: 4, activatedMemoryGb: 1024 });
  const ds = await createDatastore(db(), { tenantId: tenant.id, sizeGib: 8192 });
  const policy = await createBackupPolicy(db(), { tenantId: tenant.id });
  return { ctx, pool: pool.id, ds: ds.id, policy: policy.id };
}
