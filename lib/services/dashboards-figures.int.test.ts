import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { planCapacitySchema } from "@/lib/validation/planner";
import { memberContext } from "@/test/integration/context";
import { costReport } from "./cost";
import { getSlaDashboard } from "./dashboards-sla";
import { planCapacity } from "./planner";

// Figures an operator reads side by side must say the same thing: the SLA's reasons, the day of
// the month on the SLA and cost pages, and the planner's rules (with their codes, once each).

const s = { ctx: null as unknown as TenantContext, pool: "", lone: "", ds: "" };

beforeAll(async () => {
  const org = await createOrganization(db());
  const t = await createTenant(db(), { organizationId: org.id, backupQuotaTib: 0 });
  s.ctx = await memberContext(t.id);
  const ds = await createDatastore(db(), { tenantId: t.id, tierCode: "STANDARD", sizeGib: 1024, name: "ds-small" });
  s.ds = ds.id;
  // 3 ECO hosts, 384 GB activated (the 85 % line at 326.4 GB), 64 GB running.
  const { pool, hosts } = await createPool(db(), { tenantId: t.id, hosts: 3, nodeTypeCode: "ECO_V3", name: "p-eco" });
  s.pool = pool.id;
  await createVm(db(), { tenantId: t.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, memoryGb: 64, powerState: "POWERED_ON" });
  // One host and HA off: two reasons to be outside the SLA.
  s.lone = (await createPool(db(), { tenantId: t.id, hosts: 1, haEnabled: false, nodeTypeCode: "ECO_V3", name: "p-lone" })).pool.id;
});

describe("SLA and cost", () => {
  it("SLA eligibility lists every reason that applies: one host and HA off", async () => {
    const d = await getSlaDashboard(s.ctx, new Date(Date.UTC(2026, 10, 7, 9)));
    const lone = d.pools.find((p) => p.id === s.lone)!;
    expect(lone.eligible).toBe(false);
    expect(lone.why.map((v) => [v.code, v.limit, v.actual])).toEqual([
      ["CPOOL.SLA_INELIGIBLE", 2, 1],
      ["CPOOL.SLA_INELIGIBLE", undefined, undefined],
    ]);
    expect(lone.why[1]!.message.en).toContain("HA is disabled");
    expect(d.pools.find((p) => p.id === s.pool)!.why).toEqual([]);
  });

  it.each([
    // Any instant of a day is that day of the month on both pages: the 7th of a 31-day month at 09:00, its last minute, a 28-day February.
    { at: Date.UTC(2026, 11, 7, 9), day: 7, days: 31 },
    { at: Date.UTC(2026, 11, 31, 23, 59), day: 31, days: 31 },
    { at: Date.UTC(2027, 1, 1, 0, 0), day: 1, days: 28 },
  ])("the SLA and cost pages count the same day of the month ($day of $days)", async ({ at, day, days }) => {
    const now = new Date(at);
    const [sla, cost] = await Promise.all([getSlaDashboard(s.ctx, now), costReport(s.ctx, now)]);
    expect([sla.month.day, sla.month.days]).toEqual([day, days]);
    expect([cost.daysElapsed, cost.daysInMonth]).toEqual([day, days]);
  });
});

describe("the planner", () => {
  it("answers 40 hosts with the rule's own code and figures, not a bare field error", async () => {
    const input = planCapacitySchema.parse({ target: "pool", poolId: s.pool, hostCount: 37 });
    const r = await planCapacity(s.ctx, input);
    if (!r.ok) throw new Error("a question is always answered");
    expect(r.value.fits).toBe(false);
    expect(r.warnings.find((v) => v.code === "CPOOL.MAX_HOSTS")).toMatchObject({ limit: 32, actual: 40, unit: "hosts" });
  });

  it("names each rule once, with the figures after every change, and never says it fits above a refusal", async () => {
    // 40 VMs of 8 GB: the 85 % line is crossed at the 34th VM and again at each one after it.
    const r = await planCapacity(s.ctx, planCapacitySchema.parse({ target: "pool", poolId: s.pool, vmCount: 40, vmMemoryGb: 8 }));
    if (!r.ok) throw new Error("answered");
    const keys = r.warnings.map((v) => `${v.code}|${v.limit}|${v.unit}`);
    expect(new Set(keys).size).toBe(keys.length);
    const line = r.warnings.find((v) => v.code === "CPOOL.MEMORY_PRESSURE" && v.limit === 326.4)!;
    // The figure after every change: 64 + 40 × 8 = 384 GB.
    expect(line.actual).toBe(384);
    expect(r.value.fits).toBe(false);
  });

  it("a change that only warns is not called a plain fit: the warnings travel with the answer", async () => {
    // The 1 TiB datastore: a 2 TiB thin-free VM disk goes past its size, which refuses; a VM within it fits.
    const small = await planCapacity(s.ctx, planCapacitySchema.parse({ target: "pool", poolId: s.pool, datastoreId: s.ds, vmCount: 1, vmMemoryGb: 8, vmDiskGib: 10 }));
    if (!small.ok) throw new Error("answered");
    expect(small.value.fits).toBe(true);
    const big = await planCapacity(s.ctx, planCapacitySchema.parse({ target: "pool", poolId: s.pool, datastoreId: s.ds, vmCount: 1, vmMemoryGb: 8, vmDiskGib: 2048 }));
    if (!big.ok) throw new Error("answered");
    expect(big.value.fits).toBe(false);
    // The space that is missing is a figure of its own, not a negative free space to print.
    expect(big.value.after.datastore!.freeGib).toBeLessThan(0);
  });
});
