import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/permissions";
import { createAffinityRule, deleteAffinityRule, disableAffinityRule, enableAffinityRule, listAffinityRules } from "./affinity";
import { getPool } from "./pools";
import { powerVm } from "./vms";
import { memberContext } from "@/test/integration/context";

const s = { a: null as unknown as TenantContext, b: null as unknown as TenantContext, ds: "" };

beforeAll(async () => {
  const org = await createOrganization(db());
  s.a = await memberContext((await createTenant(db(), { organizationId: org.id })).id);
  s.b = await memberContext((await createTenant(db(), { organizationId: org.id })).id);
  s.ds = (await createDatastore(db(), { tenantId: s.a.tenant.id, sizeGib: 8192 })).id;
});
afterEach(() => setInfraFaults([]));

/** 2 STANDARD v3 hosts, 512 GB activated: one host's share is 256 GB. VMs: [host index or null, GB, running]. */
async function pool(vms: [number | null, number, boolean][]) {
  const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, hosts: 2, activatedMemoryGb: 512, name: `aff-${Math.random().toString(36).slice(2, 8)}` });
  const made = [];
  for (const [h, gb, on] of vms) made.push(await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: s.ds, hostId: h === null ? null : hosts[h]!.id, memoryGb: gb, powerState: on ? "POWERED_ON" : "POWERED_OFF" }));
  return { pool, hosts, vms: made };
}

describe("affinity rules", () => {
  it("creates a satisfiable rule as an activity, audited, and undoes it when writing it to the cluster fails", async () => {
    const { pool: p, vms } = await pool([
      [0, 16, true],
      [1, 16, true],
    ]);
    const r = await createAffinityRule(s.a, { poolId: p.id, name: "web-apart", kind: "ANTI_AFFINITY", vmIds: vms.map((v) => v.id) });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(await db().affinityRule.findUniqueOrThrow({ where: { id: r.value.ruleId }, include: { vms: true } })).toMatchObject({ enabled: true, kind: "ANTI_AFFINITY", vms: expect.arrayContaining([expect.objectContaining({ vmId: vms[0]!.id })]) });
    expect(await db().auditEvent.findFirstOrThrow({ where: { action: "affinity.create", targetId: r.value.ruleId } })).toMatchObject({ outcome: "SUCCEEDED" });
    expect(await runActivity(r.value.activityId)).toBe("completed");
    await expect(createAffinityRule(s.a, { poolId: p.id, name: "web-apart", kind: "AFFINITY", vmIds: vms.map((v) => v.id) })).rejects.toBeInstanceOf(InvalidInputError);

    setInfraFaults([{ type: "affinity.create", step: "*" }]);
    const failed = await createAffinityRule(s.a, { poolId: p.id, name: "web-apart-2", kind: "ANTI_AFFINITY", vmIds: vms.map((v) => v.id) });
    if (!failed.ok) throw new Error("expected acceptance");
    expect(await runActivity(failed.value.activityId)).toBe("failed");
    expect(await db().affinityRule.findUnique({ where: { id: failed.value.ruleId } })).toBeNull();
  });

  it("refuses a rule that can never hold, saying why with its numbers", async () => {
    const { pool: p, vms } = await pool([
      [0, 150, true],
      [1, 150, true],
      [null, 8, false],
    ]);
    const other = await pool([[0, 8, true]]);
    const heavy = await createAffinityRule(s.a, { poolId: p.id, name: "too-heavy", kind: "AFFINITY", vmIds: [vms[0]!.id, vms[1]!.id] });
    expect(!heavy.ok && heavy.violations[0]).toMatchObject({ code: "AFFINITY.UNSATISFIABLE", limit: 256, actual: 300 });
    const many = await createAffinityRule(s.a, { poolId: p.id, name: "too-many", kind: "ANTI_AFFINITY", vmIds: vms.map((v) => v.id) });
    expect(!many.ok && many.violations[0]).toMatchObject({ code: "AFFINITY.UNSATISFIABLE", limit: 2, actual: 3 });
    const lonely = await createAffinityRule(s.a, { poolId: p.id, name: "lonely", kind: "AFFINITY", vmIds: [vms[2]!.id] });
    expect(!lonely.ok && lonely.violations[0]).toMatchObject({ code: "AFFINITY.UNSATISFIABLE", limit: 2, actual: 1 });
    const outsider = await createAffinityRule(s.a, { poolId: p.id, name: "outsider", kind: "AFFINITY", vmIds: [vms[2]!.id, other.vms[0]!.id] });
    expect(!outsider.ok && outsider.violations.map((v) => v.code)).toEqual(["AFFINITY.UNSATISFIABLE"]);
    expect(await db().auditEvent.count({ where: { tenantId: s.a.tenant.id, action: "affinity.create", outcome: "REFUSED" } })).toBe(4);
    expect(await db().affinityRule.count({ where: { poolId: p.id } })).toBe(0);
  });

  it("names another tenant's VM or pool not found", async () => {
    const mine = await pool([[0, 8, true]]);
    const { pool: theirPool, hosts } = await createPool(db(), { tenantId: s.b.tenant.id, hosts: 2 });
    const theirDs = await createDatastore(db(), { tenantId: s.b.tenant.id });
    const theirVm = await createVm(db(), { tenantId: s.b.tenant.id, poolId: theirPool.id, datastoreId: theirDs.id, hostId: hosts[0]!.id });
    await expect(createAffinityRule(s.a, { poolId: mine.pool.id, name: "cross", kind: "AFFINITY", vmIds: [mine.vms[0]!.id, theirVm.id] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(createAffinityRule(s.a, { poolId: theirPool.id, name: "cross", kind: "AFFINITY", vmIds: [theirVm.id, mine.vms[0]!.id] })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("disables, enables again after asking the domain, and deletes once its name is typed", async () => {
    const { pool: p, vms } = await pool([
      [0, 100, true],
      [0, 100, true],
    ]);
    const created = await createAffinityRule(s.a, { poolId: p.id, name: "db-with-app", kind: "AFFINITY", vmIds: vms.map((v) => v.id) });
    if (!created.ok) throw new Error(JSON.stringify(created.violations));
    await runActivity(created.value.activityId);
    const off = await disableAffinityRule(s.a, { ruleId: created.value.ruleId });
    if (!off.ok) throw new Error("expected disable");
    await runActivity(off.value.activityId);
    expect((await db().affinityRule.findUniqueOrThrow({ where: { id: created.value.ruleId } })).enabled).toBe(false);
    await expect(disableAffinityRule(s.a, { ruleId: created.value.ruleId })).rejects.toBeInstanceOf(ConflictError);
    // Meanwhile the pool's activated memory went down: one host's share, 200 GB, no longer holds both (200 GB).
    await db().computePool.update({ where: { id: p.id }, data: { activatedMemoryGb: 390 } });
    const refused = await enableAffinityRule(s.a, { ruleId: created.value.ruleId });
    expect(!refused.ok && refused.violations[0]).toMatchObject({ code: "AFFINITY.UNSATISFIABLE", limit: 195, actual: 200 });
    await db().computePool.update({ where: { id: p.id }, data: { activatedMemoryGb: 512 } });
    const on = await enableAffinityRule(s.a, { ruleId: created.value.ruleId });
    if (!on.ok) throw new Error("expected enable");
    await runActivity(on.value.activityId);
    expect((await db().affinityRule.findUniqueOrThrow({ where: { id: created.value.ruleId } })).enabled).toBe(true);

    await expect(deleteAffinityRule(s.a, { ruleId: created.value.ruleId, confirmName: "nope" })).rejects.toBeInstanceOf(InvalidInputError);
    const del = await deleteAffinityRule(s.a, { ruleId: created.value.ruleId, confirmName: "db-with-app" });
    if (!del.ok) throw new Error("expected delete");
    expect(await db().affinityRule.count({ where: { id: created.value.ruleId } })).toBe(1); // until the cluster drops it
    await runActivity(del.value.activityId);
    expect(await db().affinityRule.count({ where: { id: created.value.ruleId } })).toBe(0);
    expect(await db().auditEvent.count({ where: { targetId: created.value.ruleId, outcome: "SUCCEEDED", action: { in: ["affinity.create", "affinity.disable", "affinity.enable", "affinity.delete"] } } })).toBe(4);
    await expect(enableAffinityRule(s.b, { ruleId: created.value.ruleId })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("names the rule when a power-on would break it, and the pool page says which VMs break it today", async () => {
    const { pool: p, vms } = await pool([
      [0, 16, true],
      [1, 16, true],
      [null, 16, false],
    ]);
    const policy = await createBackupPolicy(db(), { tenantId: s.a.tenant.id });
    await db().backupPolicyAssignment.create({ data: { tenantId: s.a.tenant.id, policyId: policy.id, vmId: vms[2]!.id } });
    // A rule made over VMs already on two hosts: satisfiable, but not by where they run today.
    const created = await createAffinityRule(s.a, { poolId: p.id, name: "keep-together", kind: "AFFINITY", vmIds: vms.map((v) => v.id) });
    if (!created.ok) throw new Error(JSON.stringify(created.violations));
    await runActivity(created.value.activityId);
    const page = await getPool(s.a, p.id);
    expect(page.rules.find((r) => r.name === "keep-together")?.brokenBy.sort()).toEqual([vms[0]!.name, vms[1]!.name].sort());
    const listed = await listAffinityRules(s.a, { pool: p.id, sort: "name", dir: "asc", page: 1, pageSize: 25 });
    expect(listed.rows.map((r) => [r.name, r.brokenBy.length])).toEqual([["keep-together", 2]]);

    const on = await powerVm(s.a, { vmId: vms[2]!.id, action: "on" });
    expect(!on.ok && on.violations.find((v) => v.code === "AFFINITY.VIOLATION")?.message.en).toContain("keep-together");
  });
});
