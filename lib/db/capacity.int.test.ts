import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "./factories";
import { listPools, countPoolsAndHosts } from "./pools";
import { listDatastores, countDatastores } from "./datastores";

describe("pool and datastore loaders", () => {
  const s = { mine: "", other: "", pool: "", ds: "" };
  beforeAll(async () => {
    const org = await createOrganization(db());
    const [mine, other] = [await createTenant(db(), { organizationId: org.id }), await createTenant(db(), { organizationId: org.id })];
    const { pool, hosts } = await createPool(db(), { tenantId: mine.id, hosts: 3, activatedMemoryGb: 384 });
    await db().host.update({ where: { id: hosts[2]!.id }, data: { status: "MAINTENANCE" } });
    const ds = await createDatastore(db(), { tenantId: mine.id, tierCode: "STANDARD", sizeGib: 512 });
    const base = { tenantId: mine.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id };
    await createVm(db(), { ...base, memoryGb: 16, powerState: "POWERED_ON", diskGib: 100, iopsDemand: 300 });
    await createVm(db(), { ...base, memoryGb: 8, powerState: "POWERED_ON", diskGib: 50, thin: true, iopsDemand: 200 });
    await createVm(db(), { ...base, memoryGb: 32, powerState: "SUSPENDED", diskGib: 10, iopsDemand: 999 });
    await createVm(db(), { ...base, memoryGb: 64, powerState: "POWERED_OFF", diskGib: 10, iopsDemand: 999 });
    // Another tenant's pool and datastore, in the same AZ, must never count.
    const theirs = await createPool(db(), { tenantId: other.id, hosts: 1 });
    const theirDs = await createDatastore(db(), { tenantId: other.id });
    await createVm(db(), { tenantId: other.id, poolId: theirs.pool.id, datastoreId: theirDs.id, memoryGb: 128, powerState: "POWERED_ON" });
    Object.assign(s, { mine: mine.id, other: other.id, pool: pool.id, ds: ds.id });
  });

  it("lists the tenant's pools with host counts, hosts in maintenance and the memory of powered-on VMs only", async () => {
    const pools = await listPools(s.mine);
    expect(pools).toHaveLength(1);
    expect(pools[0]).toMatchObject({ id: s.pool, usedMemoryGb: 24, hostsInMaintenance: 1, _count: { hosts: 3, vms: 4 }, nodeType: { label: "STANDARD v3" } });
    expect(await countPoolsAndHosts(s.mine)).toEqual({ pools: 1, hosts: 3 });
    expect(await countPoolsAndHosts(s.other)).toEqual({ pools: 1, hosts: 1 });
  });

  it("lists the tenant's datastores with provisioned and used space and the VMs the figures need", async () => {
    const stores = await listDatastores(s.mine);
    expect(stores).toHaveLength(1);
    const d = stores[0]!;
    expect(d).toMatchObject({ id: s.ds, sizeGib: 512, provisionedGib: 170, usedGib: 100 + 20 + 10 + 10, tier: { label: "FLASH Standard" } });
    const running = d.vms.filter((v) => v.poweredOn);
    expect(running.reduce((n, v) => n + v.memoryGb, 0)).toBe(24);
    expect(running.reduce((n, v) => n + v.iopsDemand, 0)).toBe(500);
    expect(d.vms.reduce((n, v) => n + v.memoryGb, 0)).toBe(120);
    expect(await countDatastores(s.mine)).toBe(1);
  });
});
