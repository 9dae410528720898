import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { seedDemo } from "./demo-seed";
import { DEMO_USERS } from "./demo-accounts";
import { verifyCredentials } from "@/lib/services/auth";
import { DEMO_PASSWORD } from "./demo-accounts";
import { loadPoolState } from "./capacity";
import { ruleBrokenBy } from "@/lib/domain/pool-plan";

describe("demo seed", () => {
  beforeAll(async () => {
    expect((await seedDemo(db())).created).toBe(true);
  }, 120_000);

  it("is idempotent: a second run creates nothing", async () => {
    const before = await db().vm.count();
    expect((await seedDemo(db())).created).toBe(false);
    expect(await db().vm.count()).toBe(before);
  });

  it("gives each of the three tenants 40–80 VMs in several states, pools of different node types and datastores on several tiers", async () => {
    const tenants = await db().tenant.findMany({ where: { organization: { slug: "demo" } }, select: { id: true, slug: true } });
    expect(tenants.map((t) => t.slug).sort()).toEqual(["analytics", "production", "recette"]);
    for (const t of tenants) {
      const vms = await db().vm.count({ where: { tenantId: t.id } });
      expect(vms).toBeGreaterThanOrEqual(40);
      expect(vms).toBeLessThanOrEqual(80);
      // Each VM is on its tenant's front VLAN through one adapter, every MAC under VMware's prefix.
      const nics = await db().vmNic.findMany({ where: { tenantId: t.id }, select: { mac: true, vlan: { select: { tenantId: true } } } });
      expect(nics).toHaveLength(vms);
      expect(nics.every((n) => n.mac.startsWith("00:50:56:") && n.vlan.tenantId === t.id)).toBe(true);
      const states = await db().vm.groupBy({ by: ["powerState"], where: { tenantId: t.id } });
      expect(states.length).toBeGreaterThanOrEqual(2);
      const nodeTypes = await db().computePool.groupBy({ by: ["nodeTypeCode"], where: { tenantId: t.id } });
      expect(nodeTypes.length).toBeGreaterThanOrEqual(2);
      const tiers = await db().datastore.groupBy({ by: ["tierCode"], where: { tenantId: t.id } });
      expect(tiers.length).toBeGreaterThanOrEqual(2);
      expect(await db().backupPolicy.count({ where: { tenantId: t.id } })).toBeGreaterThanOrEqual(1);
    }
    expect(await db().replication.count()).toBeGreaterThanOrEqual(3);
  });

  it("keeps every seeded pool within its memory reservation range and every powered-on VM on a host", async () => {
    const pools = await db().computePool.findMany({ include: { nodeType: true, _count: { select: { hosts: true } } } });
    for (const p of pools) {
      expect(p.activatedMemoryGb).toBeGreaterThanOrEqual(p._count.hosts * 128);
      expect(p.activatedMemoryGb).toBeLessThanOrEqual(p._count.hosts * p.nodeType.ramGb);
      const used = await db().vm.aggregate({ where: { poolId: p.id, powerState: { not: "POWERED_OFF" } }, _sum: { memoryGb: true } });
      expect(used._sum.memoryGb ?? 0).toBeLessThanOrEqual(p.activatedMemoryGb * 0.85);
    }
    expect(await db().vm.count({ where: { powerState: "POWERED_ON", hostId: null } })).toBe(0);
  });

  // affinity rules: an enabled rule of the demo holds where its VMs run
  it("places the VMs of every enabled affinity rule as the rule wants them", async () => {
    const rules = await db().affinityRule.findMany({ where: { enabled: true }, select: { id: true, tenantId: true, poolId: true } });
    expect(rules.length).toBeGreaterThanOrEqual(1);
    for (const r of rules) expect(ruleBrokenBy(await loadPoolState(r.tenantId, r.poolId), r.id)).toEqual([]);
  });

  it("shares a VLAN between two sibling tenants of the organization", async () => {
    const propagation = await db().vlanPropagation.findFirstOrThrow({ include: { vlan: { include: { tenant: true } }, tenant: true } });
    expect(propagation.tenant.organizationId).toBe(propagation.vlan.tenant.organizationId);
    expect(propagation.tenantId).not.toBe(propagation.vlan.tenantId);
  });

  it("lets every demo account sign in with the demo password", async () => {
    for (const email of Object.values(DEMO_USERS)) expect(await verifyCredentials(email, DEMO_PASSWORD)).not.toBeNull();
  }, 30_000);
});

describe("demo seed storage", () => {
  it("leaves every datastore with free space after its disks and swap files", async () => {
    const stores = await db().datastore.findMany({ include: { disks: true, vms: true } });
    for (const s of stores) {
      const used = s.disks.reduce((n, d) => n + d.usedGib, 0) + s.vms.filter((v) => v.powerState === "POWERED_ON").reduce((n, v) => n + v.memoryGb, 0);
      expect(used).toBeLessThan(s.sizeGib);
    }
  });
});
