import { describe, it, expect, beforeAll, beforeEach, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { allViolations } from "@/lib/domain/result";
import { backupJobList } from "@/lib/validation/data-protection";
import { memberContext } from "@/test/integration/context";
import { assignBackupPolicy } from "./backup";
import { exportBackupJobs, getBackupJob, listBackupJobs, promoteRestoreTest, restoreBackup, runBackup } from "./backup-jobs";

// A pool of 2 STANDARD v3 hosts in PAR7S, a 4 TiB datastore, a policy keeping its backups in AZ07.
const s = { a: null as unknown as TenantContext, b: null as unknown as TenantContext, pool: "", ds: "", policy: "" };

const codes = (d: Parameters<typeof allViolations>[0]) => allViolations(d).map((v) => v.code);

async function vm(o: { name?: string; policy?: boolean; snapshots?: number; diskGib?: number; powerState?: "POWERED_ON" | "POWERED_OFF" } = {}) {
  const v = await createVm(db(), { tenantId: s.a.tenant.id, poolId: s.pool, datastoreId: s.ds, name: o.name, diskGib: o.diskGib, powerState: o.powerState, memoryGb: 8 });
  if (o.policy !== false) await db().backupPolicyAssignment.create({ data: { tenantId: s.a.tenant.id, vmId: v.id, policyId: s.policy } });
  for (let i = 0; i < (o.snapshots ?? 0); i++) await db().snapshot.create({ data: { tenantId: s.a.tenant.id, vmId: v.id, name: `snap-${i}` } });
  return v;
}

/** Backs the VM up and runs the activity to its end; returns the job's id. */
async function backedUp(vmId: string) {
  const r = await runBackup(s.a, { vmId });
  if (!r.ok) throw new Error(codes(r).join());
  expect(await runActivity(r.value.activityId)).toBe("completed");
  return r.value.backupJobId;
}

beforeAll(async () => {
  const org = await createOrganization(db());
  const [a, b] = [await createTenant(db(), { organizationId: org.id }), await createTenant(db(), { organizationId: org.id })];
  s.a = await memberContext(a.id);
  s.b = await memberContext(b.id);
});

beforeEach(async () => {
  const { pool } = await createPool(db(), { tenantId: s.a.tenant.id, hosts: 2, activatedMemoryGb: 256 });
  const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, sizeGib: 4096 });
  const policy = await createBackupPolicy(db(), { tenantId: s.a.tenant.id, targetAzId: "AZ07" });
  Object.assign(s, { pool: pool.id, ds: ds.id, policy: policy.id });
});

afterEach(() => setInfraFaults([]));

describe("backup now", () => {
  it("writes a job at once and finishes it with its size and its log", async () => {
    const v = await vm({ diskGib: 80 });
    const r = await runBackup(s.a, { vmId: v.id });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((await db().backupJob.findUniqueOrThrow({ where: { id: r.value.backupJobId } })).state).toBe("RUNNING");
    expect(await runActivity(r.value.activityId)).toBe("completed");
    const job = await getBackupJob(s.a, r.value.backupJobId);
    expect(job).toMatchObject({ state: "COMPLETED", sizeGib: 80, vmName: v.name, sourceAzId: "PAR7S", targetAzId: "AZ07" });
    expect(job.finishedAt).not.toBeNull();
    // requested, four steps, completed
    expect(job.log.map((l) => l.en)).toEqual([expect.stringContaining("requested"), "Taking the backup snapshot", expect.stringContaining("Copying the disks"), "Cataloguing the files", "Releasing the backup snapshot", "Backup completed: 80 GiB written."]);
    expect(job.files.length).toBeGreaterThan(0);
    expect(await db().auditEvent.count({ where: { tenantId: s.a.tenant.id, action: "backup.run", outcome: "SUCCEEDED", targetId: v.id } })).toBe(1);
    expect((await db().vm.findUniqueOrThrow({ where: { id: v.id } })).busyActivityId).toBeNull();
  });

  it("refuses a first backup while snapshots exist (BACKUP.SNAPSHOT_PRESENT), naming the count; a later one passes", async () => {
    const v = await vm({ snapshots: 2 });
    const r = await runBackup(s.a, { vmId: v.id });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violations).toMatchObject([{ code: "BACKUP.SNAPSHOT_PRESENT", limit: 0, actual: 2, unit: "snapshots" }]);
    expect(r.violations[0]!.message.en).toMatch(/2 snapshots.*Delete or consolidate/);
    expect(r.violations[0]!.message.fr).toMatch(/Supprimez ou consolidez/);
    expect(await db().backupJob.count({ where: { vmId: v.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { tenantId: s.a.tenant.id, action: "backup.run", outcome: "REFUSED", targetId: v.id } })).toBe(1);
    // Once a backup exists, the snapshots are no obstacle.
    await db().backupJob.create({ data: { tenantId: s.a.tenant.id, vmId: v.id, vmName: v.name, policyName: "p", sourceAzId: "PAR7S", targetAzId: "AZ07", state: "COMPLETED" } });
    expect((await runBackup(s.a, { vmId: v.id })).ok).toBe(true);
  });

  it("refuses a VM without a policy (BACKUP.POLICY_REQUIRED), and a policy keeping backups in the VM's own zone (BACKUP.SAME_AZ), at assignment and at run", async () => {
    const bare = await vm({ policy: false });
    const none = await runBackup(s.a, { vmId: bare.id });
    expect(none.ok ? [] : codes(none)).toEqual(["BACKUP.POLICY_REQUIRED"]);

    const local = await createBackupPolicy(db(), { tenantId: s.a.tenant.id, targetAzId: "PAR7S" });
    const assigned = await assignBackupPolicy(s.a, { vmId: bare.id, policyId: local.id });
    expect(assigned.ok ? [] : codes(assigned)).toEqual(["BACKUP.SAME_AZ"]);
    expect(await db().backupPolicyAssignment.count({ where: { vmId: bare.id } })).toBe(0);

    // A policy assigned before the rule (or moved since) is refused at the run.
    await db().backupPolicyAssignment.create({ data: { tenantId: s.a.tenant.id, vmId: bare.id, policyId: local.id } });
    const run = await runBackup(s.a, { vmId: bare.id });
    expect(run.ok ? [] : codes(run)).toEqual(["BACKUP.SAME_AZ"]);
  });

  it("marks the job failed, with the step in its log, when a step fails; the VM is free again", async () => {
    const v = await vm();
    setInfraFaults([{ type: "backup.run", step: "transfer_data" }]);
    const r = await runBackup(s.a, { vmId: v.id });
    if (!r.ok) throw new Error("refused");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    const job = await getBackupJob(s.a, r.value.backupJobId);
    expect(job.state).toBe("FAILED");
    expect(job.log.at(-1)!.en).toMatch(/failed during: Copying the disks/);
    expect((await db().vm.findUniqueOrThrow({ where: { id: v.id } })).busyActivityId).toBeNull();
  });
});

describe("backup jobs", () => {
  it("lists jobs newest first, filtered in the database, and exports what the filter shows", async () => {
    const [x, y] = [await vm({ name: "jobs-x" }), await vm({ name: "jobs-y" })];
    await backedUp(x.id);
    await backedUp(y.id);
    const all = await listBackupJobs(s.a, backupJobList.parse({ q: "jobs-" }));
    expect(all.rows.map((r) => r.vmName)).toEqual(["jobs-y", "jobs-x"]);
    const one = await listBackupJobs(s.a, backupJobList.parse({ vmId: x.id }));
    expect(one.total).toBe(1);
    const exported = [];
    for await (const batch of exportBackupJobs(s.a, { q: "jobs-x" })) exported.push(...batch);
    expect(exported.map((r) => r.vmName)).toEqual(["jobs-x"]);
  });

  it("never shows another tenant's job: not found, and restoring it is not found either", async () => {
    const jobId = await backedUp((await vm()).id);
    await expect(getBackupJob(s.b, jobId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(restoreBackup(s.b, { backupJobId: jobId, mode: "clone", name: "stolen" })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listBackupJobs(s.b, backupJobList.parse({}))).total).toBe(0);
  });
});

describe("restore", () => {
  it("restores as a test (a powered-off copy beside the original), then promotes it in the original's place", async () => {
    const original = await vm({ name: "app-01", powerState: "POWERED_OFF" });
    const jobId = await backedUp(original.id);

    const r = await restoreBackup(s.a, { backupJobId: jobId, mode: "test" });
    if (!r.ok) throw new Error(codes(r).join());
    const copy = await db().vm.findUniqueOrThrow({ where: { id: r.value.vmId }, include: { disks: true } });
    expect(copy).toMatchObject({ name: "app-01-restore-test", powerState: "POWERED_OFF", status: "PROVISIONING", restoreTestOfId: original.id, restoredFromJobId: jobId });
    expect(copy.disks.map((d) => d.sizeGib)).toEqual([60]);
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect((await db().vm.findUniqueOrThrow({ where: { id: copy.id } })).status).toBe("ACTIVE");
    // the original is untouched
    expect(await db().vm.findUniqueOrThrow({ where: { id: original.id } })).toMatchObject({ name: "app-01", busyActivityId: null });

    // A name typed wrong is refused, and nothing changes.
    await expect(promoteRestoreTest(s.a, { vmId: copy.id, confirmName: "app-02" })).rejects.toBeInstanceOf(InvalidInputError);
    const p = await promoteRestoreTest(s.a, { vmId: copy.id, confirmName: "app-01" });
    if (!p.ok) throw new Error(codes(p).join());
    expect(await runActivity(p.value.activityId)).toBe("completed");
    expect(await db().vm.findUnique({ where: { id: original.id } })).toBeNull();
    expect(await db().vm.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ name: "app-01", restoreTestOfId: null, busyActivityId: null });
    // It keeps the original's policy and backup history.
    expect(await db().backupPolicyAssignment.count({ where: { vmId: copy.id } })).toBe(1);
    expect((await db().backupJob.findUniqueOrThrow({ where: { id: jobId } })).vmId).toBe(copy.id);
  });

  it("restores as a clone under a given name, with the creation's capacity rules holding", async () => {
    const big = await vm({ name: "big-01", diskGib: 2000 });
    const jobId = await backedUp(big.id);
    // 2 000 GiB thick twice on a 4 096 GiB datastore leaves less than its 10 % reserve: refused, hard.
    const refused = await restoreBackup(s.a, { backupJobId: jobId, mode: "clone", name: "big-02", overrideReason: "we accept the risk here" });
    expect(refused.ok ? [] : codes(refused)).toContain("DATASTORE.SNAPSHOT_RESERVE");
    expect(await db().vm.count({ where: { tenantId: s.a.tenant.id, name: "big-02" } })).toBe(0);

    const small = await vm({ name: "small-01", diskGib: 40 });
    const ok = await restoreBackup(s.a, { backupJobId: await backedUp(small.id), mode: "clone", name: "small-02" });
    if (!ok.ok) throw new Error(codes(ok).join());
    expect(await db().vm.findUniqueOrThrow({ where: { id: ok.value.vmId } })).toMatchObject({ name: "small-02", restoreTestOfId: null });
  });

  it("restores in production only when the VM's name is typed back, and leaves the VM powered off", async () => {
    const v = await vm({ name: "db-01" });
    const jobId = await backedUp(v.id);
    await db().vm.update({ where: { id: v.id }, data: { cpu: 8, memoryGb: 32 } });
    await expect(restoreBackup(s.a, { backupJobId: jobId, mode: "production", confirmName: "db-1" })).rejects.toBeInstanceOf(InvalidInputError);
    expect(await db().vm.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ cpu: 8, memoryGb: 32, busyActivityId: null });
    const r = await restoreBackup(s.a, { backupJobId: jobId, mode: "production", confirmName: "db-01" });
    if (!r.ok) throw new Error(codes(r).join());
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await db().vm.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ cpu: 2, memoryGb: 8, powerState: "POWERED_OFF", busyActivityId: null });
  });
});
