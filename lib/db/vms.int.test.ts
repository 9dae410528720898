import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { parseVmListQuery } from "@/lib/validation/vm-list";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "./factories";
import { listVms, countVmsByPowerState } from "./vms";

const q = (params: Record<string, string> = {}) => parseVmListQuery(params);

describe("listVms", () => {
  const s = { mine: "", other: "" };
  beforeAll(async () => {
    const org = await createOrganization(db());
    const [mine, other] = [await createTenant(db(), { organizationId: org.id }), await createTenant(db(), { organizationId: org.id })];
    for (const [tenant, prefix, n] of [[mine, "app", 30], [other, "app", 5]] as const) {
      const { pool, hosts } = await createPool(db(), { tenantId: tenant.id, hosts: 2 });
      const ds = await createDatastore(db(), { tenantId: tenant.id });
      for (let i = 0; i < n; i++) {
        await createVm(db(), {
          tenantId: tenant.id,
          poolId: pool.id,
          datastoreId: ds.id,
          hostId: i % 3 === 0 ? null : hosts[i % 2]!.id,
          name: `${prefix}-${String(i).padStart(3, "0")}`,
          memoryGb: [4, 8, 16][i % 3],
          powerState: (["POWERED_ON", "POWERED_OFF", "SUSPENDED"] as const)[i % 3],
        });
      }
    }
    await createVm(db(), { tenantId: mine.id, ...(await firstPlacement(mine.id)), name: "DB_100%-primary", powerState: "POWERED_ON" });
    Object.assign(s, { mine: mine.id, other: other.id });
  });

  async function firstPlacement(tenantId: string) {
    const pool = await db().computePool.findFirstOrThrow({ where: { tenantId } });
    const ds = await db().datastore.findFirstOrThrow({ where: { tenantId } });
    return { poolId: pool.id, datastoreId: ds.id };
  }

  it("counts and pages only the tenant's VMs, 25 by default, without overlap", async () => {
    const p1 = await listVms(s.mine, q());
    const p2 = await listVms(s.mine, q({ page: "2" }));
    expect(p1.total).toBe(31);
    expect(p1.rows).toHaveLength(25);
    expect(p2.rows).toHaveLength(6);
    const names = [...p1.rows, ...p2.rows].map((r) => r.name);
    expect(new Set(names).size).toBe(31);
    expect((await listVms(s.other, q())).total).toBe(5);
  });

  it("filters by name, case-insensitively, with LIKE wildcards taken literally", async () => {
    expect((await listVms(s.mine, q({ q: "APP-01" }))).total).toBe(10);
    expect((await listVms(s.mine, q({ q: "100%" }))).rows.map((r) => r.name)).toEqual(["DB_100%-primary"]);
    expect((await listVms(s.mine, q({ q: "%" }))).total).toBe(1);
    expect((await listVms(s.mine, q({ q: "b_1" }))).total).toBe(1);
    expect((await listVms(s.mine, q({ q: "p_0" }))).total).toBe(0);
  });

  it("filters by power state and sorts in the database, breaking ties by name", async () => {
    const off = await listVms(s.mine, q({ state: "POWERED_OFF", pageSize: "100" }));
    expect(off.total).toBe(10);
    expect(off.rows.every((r) => r.powerState === "POWERED_OFF")).toBe(true);

    const byMemory = await listVms(s.mine, q({ sort: "memoryGb", dir: "desc", pageSize: "100" }));
    const memory = byMemory.rows.map((r) => r.memoryGb);
    expect(memory).toEqual([...memory].sort((a, b) => b - a));
    const sixteens = byMemory.rows.filter((r) => r.memoryGb === 16).map((r) => r.name);
    expect(sixteens).toEqual([...sixteens].sort());

    const byHost = await listVms(s.mine, q({ sort: "host", pageSize: "100" }));
    expect(byHost.total).toBe(31);
  });

  it("counts VMs by power state with zeros for absent states", async () => {
    expect(await countVmsByPowerState(s.mine)).toEqual({ POWERED_ON: 11, POWERED_OFF: 10, SUSPENDED: 10 });
    const org = await createOrganization(db());
    const empty = await createTenant(db(), { organizationId: org.id });
    expect(await countVmsByPowerState(empty.id)).toEqual({ POWERED_ON: 0, POWERED_OFF: 0, SUSPENDED: 0 });
  });
});
