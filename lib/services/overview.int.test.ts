import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { memberContext } from "@/test/integration/context";
import { getTenantOverview, listTenantsOfUser } from "./overview";

// The overview's cards and the tenant switcher, read through the service: counts of the tenant
// in the context only, each behind the permission of its section.
const s = { a: "", b: "", userId: "" };

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id, name: "Alpha" });
  const b = await createTenant(db(), { organizationId: org.id, name: "Beta" });
  const { pool } = await createPool(db(), { tenantId: a.id, hosts: 3, nodeTypeCode: "STANDARD_V3" });
  const ds = await createDatastore(db(), { tenantId: a.id });
  await createVm(db(), { tenantId: a.id, poolId: pool.id, datastoreId: ds.id, powerState: "POWERED_ON" });
  await createVm(db(), { tenantId: a.id, poolId: pool.id, datastoreId: ds.id, powerState: "POWERED_OFF" });
  // Another tenant's inventory never reaches A's overview.
  const other = await createPool(db(), { tenantId: b.id, hosts: 2, nodeTypeCode: "STANDARD_V3" });
  await createVm(db(), { tenantId: b.id, poolId: other.pool.id, datastoreId: (await createDatastore(db(), { tenantId: b.id })).id });
  const user = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: user.id, tenantId: b.id, permissions: ["compute:read"] });
  await grantMembership(db(), { userId: user.id, tenantId: a.id, permissions: ["compute:read"] });
  Object.assign(s, { a: a.id, b: b.id, userId: user.id });
});

describe("the tenant overview", () => {
  it("counts the tenant's own VMs by state, pools, hosts and datastores", async () => {
    const o = await getTenantOverview(await memberContext(s.a, ["compute:read", "storage:read"]));
    expect(o).toEqual({ vms: { POWERED_ON: 1, POWERED_OFF: 1, SUSPENDED: 0 }, compute: { pools: 1, hosts: 3 }, datastores: 1 });
  });

  it("reads nothing a member may not open: no compute:read, no VM or pool count; no storage:read, no datastore count", async () => {
    expect(await getTenantOverview(await memberContext(s.a, ["storage:read"]))).toMatchObject({ vms: null, compute: null });
    expect((await getTenantOverview(await memberContext(s.a, ["compute:read"]))).datastores).toBeNull();
  });

  it("lists the user's tenants by name, and only those", async () => {
    expect((await listTenantsOfUser(s.userId)).map((m) => m.tenant.name)).toEqual(["Alpha", "Beta"]);
  });
});
