import "server-only";
import { countDatastores } from "@/lib/db/datastores";
import { countPoolsAndHosts } from "@/lib/db/pools";
import { listUserTenants } from "@/lib/db/tenancy";
import { countVmsByPowerState } from "@/lib/db/vms";
import { hasPermission } from "@/lib/permissions";
import type { TenantContext } from "./context";

// The shell's reads: the tenants a signed-in user may switch to, and a tenant's overview cards.

/** The tenants the user holds a membership in, by name: the tenant switcher and the home page's redirect. */
export function listTenantsOfUser(userId: string) {
  return listUserTenants(userId);
}

/**
 * The overview's counts. Each is read only with the permission that guards its section (null
 * without it), so the page shows what the member may open and nothing of the rest.
 */
export async function getTenantOverview(ctx: TenantContext) {
  const canCompute = hasPermission(ctx.permissions, "compute:read");
  const canStorage = hasPermission(ctx.permissions, "storage:read");
  const [vms, compute, datastores] = await Promise.all([
    canCompute ? countVmsByPowerState(ctx.tenant.id) : null,
    canCompute ? countPoolsAndHosts(ctx.tenant.id) : null,
    canStorage ? countDatastores(ctx.tenant.id) : null,
  ]);
  return { vms, compute, datastores };
}
