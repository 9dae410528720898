import { describe, it, expect, beforeAll, beforeEach, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/permissions";
import { coverageList } from "@/lib/validation/data-protection";
import { memberContext } from "@/test/integration/context";
import { assignBackupPolicy, bulkAssignBackupPolicy, bulkRemoveBackupPolicy, listBackupPolicies, listCoverage, removeBackupPolicy } from "./backup";
import { powerVm } from "./vms";

// One pool (2 STANDARD v3 hosts, 256 GB activated) and two policies as the demo has them:
// daily-7d (7 days) and gold (30 days, 12 weeks, 12 months).
const s = {
  a: null as unknown as TenantContext,
  b: null as unknown as TenantContext,
  pool: "",
  host: "",
  ds: "",
  daily: "",
  gold: "",
  theirVm: "",
  theirPolicy: "",
};

const activity = (id: string) => db().activity.findUniqueOrThrow({ where: { id } });
const policiesOf = async (vmId: string) => (await db().backupPolicyAssignment.findMany({ where: { vmId }, select: { policyId: true } })).map((a) => a.policyId).sort();

async function vm(over: { powerState?: "POWERED_ON" | "POWERED_OFF"; policies?: string[]; name?: string } = {}) {
  const v = await createVm(db(), { tenantId: s.a.tenant.id, poolId: s.pool, datastoreId: s.ds, hostId: over.powerState === "POWERED_ON" ? s.host : null, powerState: over.powerState ?? "POWERED_OFF", memoryGb: 8, name: over.name });
  for (const policyId of over.policies ?? []) await db().backupPolicyAssignment.create({ data: { tenantId: s.a.tenant.id, vmId: v.id, policyId } });
  return v.id;
}

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id, backupQuotaTib: 20 });
  const b = await createTenant(db(), { organizationId: org.id });
  s.a = await memberContext(a.id);
  s.b = await memberContext(b.id);
  const theirs = await createPool(db(), { tenantId: b.id, hosts: 1 });
  const theirDs = await createDatastore(db(), { tenantId: b.id });
  s.theirVm = (await createVm(db(), { tenantId: b.id, poolId: theirs.pool.id, datastoreId: theirDs.id })).id;
  s.theirPolicy = (await createBackupPolicy(db(), { tenantId: b.id })).id;
});

beforeEach(async () => {
  const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, hosts: 2, activatedMemoryGb: 256 });
  const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, tierCode: "PREMIUM", sizeGib: 4096 });
  const daily = await createBackupPolicy(db(), { tenantId: s.a.tenant.id, days: 7, weeks: 0, months: 0 });
  const gold = await createBackupPolicy(db(), { tenantId: s.a.tenant.id, days: 30, weeks: 12, months: 12 });
  Object.assign(s, { pool: pool.id, host: hosts[0]!.id, ds: ds.id, daily: daily.id, gold: gold.id });
});

afterEach(() => setInfraFaults([]));

describe("assigning a backup policy", () => {
  it("lets a VM start that was refused without one (SecNumCloud)", async () => {
    const id = await vm();
    const refused = await powerVm(s.a, { vmId: id, action: "on" });
    expect(!refused.ok && refused.violations.map((v) => v.code)).toEqual(["BACKUP.POLICY_REQUIRED"]);

    const r = await assignBackupPolicy(s.a, { vmId: id, policyId: s.daily });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    // Reserved at once, the VM busy until the backup service has it.
    expect(await policiesOf(id)).toEqual([s.daily]);
    expect(await db().vm.findUniqueOrThrow({ where: { id } })).toMatchObject({ busyActivityId: r.value.activityId });
    expect(await activity(r.value.activityId)).toMatchObject({ state: "WAITING", type: "backup.policy_assign", resourceType: "vm", resourceId: id });
    await expect(powerVm(s.a, { vmId: id, action: "on" })).rejects.toBeInstanceOf(ConflictError);

    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await activity(r.value.activityId)).toMatchObject({ state: "COMPLETED", progress: 100 });
    expect(await db().vm.findUniqueOrThrow({ where: { id } })).toMatchObject({ busyActivityId: null });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, action: "backup.policy_assign", targetId: id } });
    expect(audit).toMatchObject({ outcome: "SUCCEEDED", targetType: "vm", details: { activityId: r.value.activityId, before: { policies: 0 }, after: { policies: 1 } } });

    const on = await powerVm(s.a, { vmId: id, action: "on" });
    expect(on.ok).toBe(true);
  });

  it("refuses the same policy twice, and a policy or VM of another tenant as not found", async () => {
    const id = await vm({ policies: [s.daily] });
    await expect(assignBackupPolicy(s.a, { vmId: id, policyId: s.daily })).rejects.toBeInstanceOf(ConflictError);
    await expect(assignBackupPolicy(s.a, { vmId: id, policyId: s.theirPolicy })).rejects.toBeInstanceOf(NotFoundError);
    await expect(assignBackupPolicy(s.a, { vmId: s.theirVm, policyId: s.daily })).rejects.toBeInstanceOf(NotFoundError);
    expect(await policiesOf(s.theirVm)).toEqual([]);
  });

  it("needs backup:write", async () => {
    const reader = await memberContext(s.a.tenant.id, PERMISSIONS.filter((p) => p !== "backup:write"));
    await expect(assignBackupPolicy(reader, { vmId: await vm(), policyId: s.daily })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("leaves the VM without the policy when the backup service fails", async () => {
    const id = await vm();
    setInfraFaults([{ type: "backup.policy_assign", step: "register_backup" }]);
    const r = await assignBackupPolicy(s.a, { vmId: id, policyId: s.gold });
    if (!r.ok) throw new Error("expected the reservation");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await activity(r.value.activityId)).toMatchObject({ state: "FAILED", failure: { code: "INFRA_FAULT" } });
    expect(await policiesOf(id)).toEqual([]);
    expect(await db().vm.findUniqueOrThrow({ where: { id } })).toMatchObject({ busyActivityId: null });
  });
});

describe("removing a backup policy", () => {
  it("refuses the last policy of a running VM (BACKUP.LAST_POLICY), audits the attempt and keeps the policy", async () => {
    const id = await vm({ powerState: "POWERED_ON", policies: [s.daily] });
    const r = await removeBackupPolicy(s.a, { vmId: id, policyId: s.daily });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violations).toEqual([expect.objectContaining({ code: "BACKUP.LAST_POLICY", limit: 1, actual: 0, unit: "policies" })]);
    expect(await policiesOf(id)).toEqual([s.daily]);
    expect(await db().activity.count({ where: { resourceId: id } })).toBe(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "backup.policy_remove", targetId: id } });
    expect(audit).toMatchObject({ outcome: "REFUSED", details: { violations: [expect.objectContaining({ code: "BACKUP.LAST_POLICY" })] } });
  });

  it("removes one of two policies of a running VM once the activity completes", async () => {
    const id = await vm({ powerState: "POWERED_ON", policies: [s.daily, s.gold] });
    const r = await removeBackupPolicy(s.a, { vmId: id, policyId: s.gold });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    // Until the backup service lets it go, the VM keeps it.
    expect(await policiesOf(id)).toHaveLength(2);
    await runActivity(r.value.activityId);
    expect(await policiesOf(id)).toEqual([s.daily]);
    // Now it is the last one.
    const last = await removeBackupPolicy(s.a, { vmId: id, policyId: s.daily });
    expect(!last.ok && last.violations.map((v) => v.code)).toEqual(["BACKUP.LAST_POLICY"]);
  });

  it("removes the only policy of a powered-off VM, which then cannot start", async () => {
    const id = await vm({ policies: [s.daily] });
    const r = await removeBackupPolicy(s.a, { vmId: id, policyId: s.daily });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    await runActivity(r.value.activityId);
    expect(await policiesOf(id)).toEqual([]);
    const on = await powerVm(s.a, { vmId: id, action: "on" });
    expect(!on.ok && on.violations.map((v) => v.code)).toEqual(["BACKUP.POLICY_REQUIRED"]);
  });

  it("keeps the policy when the backup service fails to let the VM go", async () => {
    const id = await vm({ policies: [s.daily] });
    setInfraFaults([{ type: "backup.policy_remove", step: "*" }]);
    const r = await removeBackupPolicy(s.a, { vmId: id, policyId: s.daily });
    if (!r.ok) throw new Error("expected acceptance");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await policiesOf(id)).toEqual([s.daily]);
    expect(await db().vm.findUniqueOrThrow({ where: { id } })).toMatchObject({ busyActivityId: null });
  });

  it("answers not found for a policy the VM does not have", async () => {
    await expect(removeBackupPolicy(s.a, { vmId: await vm({ policies: [s.daily] }), policyId: s.gold })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("a selection of VMs", () => {
  it("assigns to each in turn, says which already had it, and skips another tenant's VM", async () => {
    const [x, y, z] = [await vm(), await vm(), await vm({ policies: [s.gold] })];
    const r = await bulkAssignBackupPolicy(s.a, { vmIds: [x, y, z, s.theirVm], policyId: s.gold });
    if (!r.ok) throw new Error("bulk answers per VM");
    expect(r.value.map((i) => [i.vmId, i.ok])).toEqual([[x, true], [y, true], [z, false]]);
    expect(r.value[2]!.conflict?.en).toContain("already has the backup policy");
    for (const i of r.value.filter((i) => i.activityId)) await runActivity(i.activityId!);
    expect(await policiesOf(x)).toEqual([s.gold]);
    expect(await policiesOf(y)).toEqual([s.gold]);
    expect(await policiesOf(s.theirVm)).toEqual([]);
  });

  it("removes from each, refusing the running VM whose last policy it is", async () => {
    const off = await vm({ policies: [s.daily] });
    const on = await vm({ powerState: "POWERED_ON", policies: [s.daily] });
    const r = await bulkRemoveBackupPolicy(s.a, { vmIds: [off, on], policyId: s.daily });
    if (!r.ok) throw new Error("bulk answers per VM");
    expect(r.value.map((i) => i.ok)).toEqual([true, false]);
    expect(r.value[1]!.violations.map((v) => v.code)).toEqual(["BACKUP.LAST_POLICY"]);
    await runActivity(r.value[0]!.activityId!);
    expect(await policiesOf(off)).toEqual([]);
    expect(await policiesOf(on)).toEqual([s.daily]);
  });
});

describe("the coverage view", () => {
  it("lists VMs without a policy first, counts them, and sets the protected data against the quota", async () => {
    // A fresh tenant: the figures are this test's alone.
    const org = await createOrganization(db());
    const t = await createTenant(db(), { organizationId: org.id, backupQuotaTib: 20 });
    const ctx = await memberContext(t.id);
    const { pool } = await createPool(db(), { tenantId: t.id, hosts: 1 });
    const ds = await createDatastore(db(), { tenantId: t.id });
    const policy = await createBackupPolicy(db(), { tenantId: t.id, name: "daily-7d" });
    for (const [name, covered, diskGib] of [["a-covered", true, 100], ["b-bare", false, 60], ["c-covered", true, 200], ["d-bare", false, 40]] as const) {
      const v = await createVm(db(), { tenantId: t.id, poolId: pool.id, datastoreId: ds.id, name, diskGib });
      if (covered) await db().backupPolicyAssignment.create({ data: { tenantId: t.id, vmId: v.id, policyId: policy.id } });
    }
    // One VM without a policy runs (it started before the rule, say): the view says so.
    await db().vm.updateMany({ where: { tenantId: t.id, name: "d-bare" }, data: { powerState: "POWERED_ON" } });
    const page = await listCoverage(ctx, coverageList.parse({ pageSize: "25" }));
    expect(page.rows.map((r) => r.name)).toEqual(["b-bare", "d-bare", "a-covered", "c-covered"]);
    expect(page.summary).toMatchObject({ total: 4, uncovered: 2, runningUncovered: 1, protectedGib: 300, quotaTib: 20 });
    expect(page.rows[2]!.policies).toEqual([{ id: policy.id, name: "daily-7d" }]);

    const bare = await listCoverage(ctx, coverageList.parse({ coverage: "none" }));
    expect(bare.total).toBe(2);
    expect(bare.rows.map((r) => r.name)).toEqual(["b-bare", "d-bare"]);
    const reversed = await listCoverage(ctx, coverageList.parse({ dir: "desc" }));
    expect(reversed.rows.map((r) => r.name)).toEqual(["a-covered", "c-covered", "b-bare", "d-bare"]);
    const secondPage = await listCoverage(ctx, { ...coverageList.parse({ q: "-" }), pageSize: 3, page: 2 });
    expect([secondPage.total, secondPage.rows.map((r) => r.name)]).toEqual([4, ["c-covered"]]);

    const policies = await listBackupPolicies(ctx);
    expect(policies).toEqual([expect.objectContaining({ name: "daily-7d", retentionDays: 7, retentionWeeks: 4, vmCount: 2 })]);
  });
});
