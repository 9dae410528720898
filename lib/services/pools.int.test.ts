import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import { enterHostMaintenance, exitHostMaintenance, getPool, listHosts, setActivatedMemory, setHa } from "./pools";

const s = { a: null as unknown as TenantContext, b: null as unknown as TenantContext, readOnly: null as unknown as TenantContext, ds: "" };

async function ctxFor(tenantId: string, permissions: readonly Permission[] = PERMISSIONS) {
  const user = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: user.id, tenantId, permissions });
  const r = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: tenantId });
  if (!r.ok) throw new Error("no context");
  return r.ctx;
}

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id });
  const b = await createTenant(db(), { organizationId: org.id });
  s.a = await ctxFor(a.id);
  s.b = await ctxFor(b.id);
  s.readOnly = await ctxFor(a.id, PERMISSIONS.filter((p) => p.endsWith(":read")));
  s.ds = (await createDatastore(db(), { tenantId: a.id, sizeGib: 8192 })).id;
});
afterEach(() => setInfraFaults([]));

/** A pool of STANDARD v3 hosts (384 GB each) with running VMs placed as told: [host index, GB]. */
async function poolWith(hosts: number, activatedMemoryGb: number, vms: [number, number][]) {
  const { pool, hosts: hs } = await createPool(db(), { tenantId: s.a.tenant.id, hosts, activatedMemoryGb, nodeTypeCode: "STANDARD_V3", name: `p-${Math.random().toString(36).slice(2, 8)}` });
  const made = [];
  for (const [h, gb] of vms) made.push(await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: s.ds, hostId: hs[h]!.id, memoryGb: gb, powerState: "POWERED_ON" }));
  return { pool, hosts: hs, vms: made };
}
const hostOf = async (vmId: string) => (await db().vm.findUniqueOrThrow({ where: { id: vmId } })).hostId;

describe("activated memory", () => {
  // 2 hosts, 512 GB activated (range 256–768), 400 GB running: 85 % of 512 is 435.2.
  it("changes within its range, refuses outside it with the numbers, and needs a reason (audited) below the 85 % line", async () => {
    const { pool } = await poolWith(2, 512, [
      [0, 200],
      [1, 200],
    ]);
    const high = await setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 1000 });
    expect(!high.ok && high.violations[0]).toMatchObject({ code: "CPOOL.MEMORY_RESERVATION_RANGE", limit: 768, actual: 1000 });
    const low = await setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 200 });
    expect(!low.ok && low.violations[0]).toMatchObject({ code: "CPOOL.MEMORY_RESERVATION_RANGE", limit: 256, actual: 200 });
    const pressure = await setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 400 });
    expect(!pressure.ok && pressure.violations).toEqual([expect.objectContaining({ code: "CPOOL.MEMORY_PRESSURE", limit: 340, actual: 400, severity: "refuse" })]);
    expect(await db().auditEvent.count({ where: { targetId: pool.id, action: "pool.set_activated_memory", outcome: "REFUSED" } })).toBe(3);

    const reason = "Two hosts' worth of VMs leave on Friday";
    const r = await setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 400, overrideReason: reason });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(r.warnings).toEqual([expect.objectContaining({ code: "CPOOL.MEMORY_PRESSURE", severity: "warn", overridden: { reason } })]);
    expect((await db().computePool.findUniqueOrThrow({ where: { id: pool.id } })).activatedMemoryGb).toBe(400);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: pool.id, action: "pool.set_activated_memory", outcome: "SUCCEEDED" } });
    expect(audit.details).toMatchObject({ before: { activatedMemoryGb: 512 }, after: { activatedMemoryGb: 400 }, violations: [{ code: "CPOOL.MEMORY_PRESSURE", overridden: reason }] });
    await expect(setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 512 })).rejects.toBeInstanceOf(ConflictError); // still applying
    expect(await runActivity(r.value.activityId)).toBe("completed");
    const up = await setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 768 });
    expect(up.ok && up.warnings).toEqual([]);
    await expect(setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 768 })).rejects.toBeInstanceOf(ConflictError);
  });

  it("takes one of two changes to one pool at the same instant, and HA waits for it too", async () => {
    const { pool } = await poolWith(2, 512, []);
    const results = await Promise.allSettled([setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 600 }), setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 700 })]);
    const accepted = results.flatMap((r) => (r.status === "fulfilled" && r.value.ok ? [r.value.value] : []));
    expect(accepted).toHaveLength(1);
    const busy = `An activity is already changing ${pool.name}. Wait for it to finish (see Activities), then try again.`;
    expect(results.flatMap((r) => (r.status === "rejected" ? [[r.reason.constructor, r.reason.message]] : []))).toEqual([[ConflictError, busy]]);
    await expect(setHa(s.a, { poolId: pool.id, haEnabled: false })).rejects.toThrow(busy);
    expect(await runActivity(accepted[0]!.activityId)).toBe("completed");
    expect((await setHa(s.a, { poolId: pool.id, haEnabled: false })).ok).toBe(true);
  });

  it("goes back to its former value when applying it fails", async () => {
    const { pool } = await poolWith(2, 512, []);
    setInfraFaults([{ type: "pool.set_activated_memory", step: "*" }]);
    const r = await setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 768 });
    if (!r.ok) throw new Error("expected acceptance");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect((await db().computePool.findUniqueOrThrow({ where: { id: pool.id } })).activatedMemoryGb).toBe(512);
    await expect(setActivatedMemory(s.a, { poolId: pool.id, activatedMemoryGb: 512 })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("is another tenant's business: not found; and needs compute:management", async () => {
    const { pool } = await poolWith(2, 512, []);
    await expect(setActivatedMemory(s.b, { poolId: pool.id, activatedMemoryGb: 600 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setActivatedMemory(s.readOnly, { poolId: pool.id, activatedMemoryGb: 600 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPool(s.b, pool.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("HA", () => {
  it("says the SLA consequence of switching it off, and of a single host even with it on", async () => {
    const { pool } = await poolWith(3, 384, []);
    const page = await getPool(s.a, pool.id);
    expect(page.slaWhy).toEqual([]);
    expect(page.haConsequence.map((v) => v.code)).toEqual(["CPOOL.SLA_INELIGIBLE"]);
    const off = await setHa(s.a, { poolId: pool.id, haEnabled: false });
    if (!off.ok) throw new Error("expected acceptance");
    expect(off.warnings.map((v) => v.code)).toEqual(["CPOOL.SLA_INELIGIBLE"]);
    expect(await runActivity(off.value.activityId)).toBe("completed");
    expect((await db().computePool.findUniqueOrThrow({ where: { id: pool.id } })).haEnabled).toBe(false);
    expect((await getPool(s.a, pool.id)).memory.slaEligible).toBe(false);
    await expect(setHa(s.a, { poolId: pool.id, haEnabled: false })).rejects.toBeInstanceOf(ConflictError);
    const single = await poolWith(1, 128, []);
    await db().computePool.update({ where: { id: single.pool.id }, data: { haEnabled: false } });
    const on = await setHa(s.a, { poolId: single.pool.id, haEnabled: true });
    expect(on.ok && on.warnings.map((v) => [v.code, v.limit, v.actual])).toEqual([["CPOOL.SLA_INELIGIBLE", 2, 1]]);
  });
});

describe("host maintenance", () => {
  it("moves the host's VMs to the others as the placement engine picks them, keeping anti-affinity, then leaves maintenance", async () => {
    // 3 hosts, 1152 GB activated: the 2 others carry 768 GB, 652.8 GB at 85 %; 144 GB run.
    const { pool, hosts, vms } = await poolWith(3, 1152, [
      [0, 64],
      [0, 32],
      [1, 32],
      [2, 16],
    ]);
    const [big, apart, partner] = vms;
    await db().affinityRule.create({ data: { tenantId: s.a.tenant.id, poolId: pool.id, name: "apart", kind: "ANTI_AFFINITY", vms: { create: [{ vmId: apart!.id }, { vmId: partner!.id }] } } });
    const page = await getPool(s.a, pool.id);
    const preview = page.hosts.find((h) => h.id === hosts[0]!.id)!.maintenance;
    expect(preview?.ok && preview.moves.map((m) => [m.vmId, m.toHostId])).toEqual([
      [big!.id, hosts[2]!.id],
      // host 2 is the least loaded then (32 GB against 80), but "apart" keeps it away from its partner
      [apart!.id, hosts[2]!.id],
    ]);

    const r = await enterHostMaintenance(s.a, { hostId: hosts[0]!.id });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(await db().host.findUniqueOrThrow({ where: { id: hosts[0]!.id } })).toMatchObject({ status: "MAINTENANCE" });
    expect(await hostOf(big!.id)).toBe(hosts[2]!.id);
    expect(await hostOf(apart!.id)).toBe(hosts[2]!.id);
    expect((await db().vm.findUniqueOrThrow({ where: { id: big!.id } })).busyActivityId).toBe(r.value.activityId);
    expect(await db().auditEvent.findFirstOrThrow({ where: { targetId: hosts[0]!.id, action: "host.enter_maintenance" } })).toMatchObject({ outcome: "SUCCEEDED" });
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await db().vm.count({ where: { poolId: pool.id, busyActivityId: { not: null } } })).toBe(0);
    expect(await db().vm.count({ where: { hostId: hosts[0]!.id } })).toBe(0);
    await expect(enterHostMaintenance(s.a, { hostId: hosts[0]!.id })).rejects.toBeInstanceOf(ConflictError);

    const exit = await exitHostMaintenance(s.a, { hostId: hosts[0]!.id });
    if (!exit.ok) throw new Error("expected exit");
    // Still out of service until the activity ends.
    expect((await db().host.findUniqueOrThrow({ where: { id: hosts[0]!.id } })).status).toBe("MAINTENANCE");
    expect(await runActivity(exit.value.activityId)).toBe("completed");
    expect((await db().host.findUniqueOrThrow({ where: { id: hosts[0]!.id } })).status).toBe("CONNECTED");
    await expect(exitHostMaintenance(s.a, { hostId: hosts[0]!.id })).rejects.toBeInstanceOf(ConflictError);
  });

  it("is refused when the other hosts cannot carry the running VMs at 85 %, with the numbers", async () => {
    // 720 GB run; with one host out the others carry 768 GB, 652.8 GB at 85 %.
    const { hosts } = await poolWith(3, 1152, [
      [0, 240],
      [1, 240],
      [2, 240],
    ]);
    const page = await getPool(s.a, (await db().host.findUniqueOrThrow({ where: { id: hosts[0]!.id } })).poolId);
    const preview = page.hosts[0]!.maintenance;
    expect(preview && !preview.ok && preview.violations.map((v) => [v.code, v.limit, v.actual])).toContainEqual(["HOST.MAINTENANCE_CAPACITY", 652.8, 720]);
    const r = await enterHostMaintenance(s.a, { hostId: hosts[0]!.id });
    expect(!r.ok && r.violations.find((v) => v.code === "HOST.MAINTENANCE_CAPACITY" && v.limit === 652.8)?.message.en).toMatch(/652\.8 GB at 85 %; the pool runs 720 GB/);
    expect(await db().host.findUniqueOrThrow({ where: { id: hosts[0]!.id } })).toMatchObject({ status: "CONNECTED" });
    expect(await db().auditEvent.count({ where: { targetId: hosts[0]!.id, action: "host.enter_maintenance", outcome: "REFUSED" } })).toBe(1);
  });

  it("is refused when one of its VMs fits no other host's RAM, even though the pool as a whole could carry it", async () => {
    // 500 GB run, under the 652.8 GB the two others carry at 85 %; but each has 384 GB of RAM, and the
    // 300 GB VM would bring the least loaded one to 400 GB: a hard limit, not the advisory share.
    const { hosts } = await poolWith(3, 1152, [
      [0, 300],
      [1, 100],
      [2, 100],
    ]);
    const r = await enterHostMaintenance(s.a, { hostId: hosts[0]!.id });
    expect(!r.ok && r.violations.map((v) => [v.code, v.limit, v.actual])).toEqual([["HOST.PHYSICAL_MEMORY", 384, 400]]);
    expect((await db().host.findUniqueOrThrow({ where: { id: hosts[0]!.id } })).status).toBe("CONNECTED");
  });

  it("is refused when an enabled anti-affinity rule would run out of hosts, naming the rule", async () => {
    const { pool, hosts, vms } = await poolWith(3, 1152, [
      [0, 8],
      [1, 8],
      [2, 8],
    ]);
    await db().affinityRule.create({ data: { tenantId: s.a.tenant.id, poolId: pool.id, name: "three-apart", kind: "ANTI_AFFINITY", vms: { create: vms.map((v) => ({ vmId: v.id })) } } });
    const r = await enterHostMaintenance(s.a, { hostId: hosts[1]!.id });
    expect(!r.ok && r.violations.find((v) => v.code === "AFFINITY.VIOLATION")?.message.en).toContain("three-apart");
  });

  it("puts every VM back on the host, in service, when the migration fails", async () => {
    const { hosts, vms } = await poolWith(3, 1152, [
      [0, 32],
      [0, 16],
    ]);
    setInfraFaults([{ type: "host.enter_maintenance", step: "migrate_vms" }]);
    const r = await enterHostMaintenance(s.a, { hostId: hosts[0]!.id });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await db().host.findUniqueOrThrow({ where: { id: hosts[0]!.id } })).toMatchObject({ status: "CONNECTED" });
    for (const vm of vms) expect(await db().vm.findUniqueOrThrow({ where: { id: vm.id } })).toMatchObject({ hostId: hosts[0]!.id, busyActivityId: null });
  });

  it("takes one of two maintenance requests for one host at the same instant; the other, and leaving, wait for its activity", async () => {
    const { hosts } = await poolWith(3, 1152, [[0, 16]]);
    const host = await db().host.findUniqueOrThrow({ where: { id: hosts[0]!.id } });
    const busy = `An activity is already changing ${host.name}. Wait for it to finish (see Activities), then try again.`;
    const results = await Promise.allSettled([enterHostMaintenance(s.a, { hostId: host.id }), enterHostMaintenance(s.a, { hostId: host.id })]);
    const accepted = results.flatMap((r) => (r.status === "fulfilled" && r.value.ok ? [r.value.value] : []));
    expect(accepted).toHaveLength(1);
    expect(results.flatMap((r) => (r.status === "rejected" ? [[r.reason.constructor, r.reason.message]] : []))).toEqual([[ConflictError, busy]]);
    await expect(exitHostMaintenance(s.a, { hostId: host.id })).rejects.toThrow(busy);
    expect(await db().activity.count({ where: { resourceType: "host", resourceId: host.id } })).toBe(1);
    expect(await runActivity(accepted[0]!.activityId)).toBe("completed");
    const exit = await exitHostMaintenance(s.a, { hostId: host.id });
    expect(exit.ok).toBe(true);
  });

  it("waits for a VM an activity is changing, and answers not found for another tenant's host", async () => {
    const { hosts, vms } = await poolWith(3, 1152, [[0, 16]]);
    await db().vm.update({ where: { id: vms[0]!.id }, data: { busyActivityId: "some-activity" } });
    await expect(enterHostMaintenance(s.a, { hostId: hosts[0]!.id })).rejects.toBeInstanceOf(ConflictError);
    await expect(enterHostMaintenance(s.b, { hostId: hosts[1]!.id })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the hosts list", () => {
  it("pages hosts in the database with the memory each holds against its share", async () => {
    const { pool, hosts } = await poolWith(2, 512, [
      [0, 100],
      [0, 20],
    ]);
    await db().host.update({ where: { id: hosts[1]!.id }, data: { status: "MAINTENANCE" } });
    const page = await listHosts(s.a, { pool: pool.id, sort: "name", dir: "asc", page: 1, pageSize: 25 });
    expect(page.total).toBe(2);
    // One host left in service carries the pool's capacity: min(512, 1 × 384) = 384 GB.
    expect(page.rows.map((r) => [r.status, r.heldGb, r.shareGb])).toEqual([
      ["CONNECTED", 120, 384],
      ["MAINTENANCE", 0, 0],
    ]);
    const second = await listHosts(s.a, { pool: pool.id, sort: "name", dir: "asc", page: 2, pageSize: 1 });
    expect(second.rows.map((r) => r.id)).toEqual([hosts[1]!.id]);
    expect((await listHosts(s.b, { pool: pool.id, sort: "name", dir: "asc", page: 1, pageSize: 25 })).total).toBe(0);
  });
});
