import { describe, it, expect, beforeAll, beforeEach, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { findOrphanActivities, runActivity } from "@/lib/jobs/runner";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/permissions";
import type { CreateVmInput } from "@/lib/validation/vms";
import { addDisk, bulkPower, createSnapshot, createVm as createVmService, deleteVm, encryptVm, getVm, powerVm, previewBulkPower, previewVmCreate, resizeVm, setTags } from "./vms";

// Pool: 2 STANDARD v3 hosts, 256 GB activated → 85 % is 217.6 GB; one 56 GB VM already runs.
// Room before the line: 161.6 GB, i.e. exactly ten 16 GB VMs.
const s = {
  a: null as unknown as TenantContext,
  b: null as unknown as TenantContext,
  pool: "",
  hosts: [] as string[],
  ds: "",
  dsOtherAz: "",
  policy: "",
  bigVm: "",
  theirVm: "",
  theirPool: "",
};

async function ctxFor(tenantId: string, permissions = PERMISSIONS) {
  const user = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: user.id, tenantId, permissions });
  const r = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: tenantId });
  if (!r.ok) throw new Error("no context");
  return r.ctx;
}

const input = (over: Partial<CreateVmInput> = {}): CreateVmInput => ({
  name: `web-${Math.random().toString(36).slice(2, 8)}`,
  templateCode: "debian-12",
  poolId: s.pool,
  datastoreId: s.ds,
  cpu: 2,
  memoryGb: 16,
  diskGib: 40,
  diskProvisioning: "THIN",
  backupPolicyId: s.policy,
  powerOn: true,
  ...over,
});

const poolUsedGb = async () => (await db().vm.aggregate({ where: { poolId: s.pool, powerState: "POWERED_ON" }, _sum: { memoryGb: true } }))._sum.memoryGb ?? 0;
const activity = (id: string) => db().activity.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id, keyProvider: true, advancedProtection: true });
  const b = await createTenant(db(), { organizationId: org.id });
  s.a = await ctxFor(a.id);
  s.b = await ctxFor(b.id);
});

beforeEach(async () => {
  // A fresh pool per test: each test reads its own numbers.
  const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, azId: "PAR7S", hosts: 2, activatedMemoryGb: 256 });
  const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, azId: "PAR7S", tierCode: "PREMIUM", sizeGib: 4096 });
  const dsOtherAz = await createDatastore(db(), { tenantId: s.a.tenant.id, azId: "TH3S", sizeGib: 2048 });
  const policy = await createBackupPolicy(db(), { tenantId: s.a.tenant.id });
  const big = await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, memoryGb: 56, powerState: "POWERED_ON" });
  await db().backupPolicyAssignment.create({ data: { tenantId: s.a.tenant.id, policyId: policy.id, vmId: big.id } });
  const theirs = await createPool(db(), { tenantId: s.b.tenant.id, hosts: 2 });
  const theirDs = await createDatastore(db(), { tenantId: s.b.tenant.id });
  const theirVm = await createVm(db(), { tenantId: s.b.tenant.id, poolId: theirs.pool.id, datastoreId: theirDs.id, powerState: "POWERED_OFF" });
  Object.assign(s, { pool: pool.id, hosts: hosts.map((h) => h.id), ds: ds.id, dsOtherAz: dsOtherAz.id, policy: policy.id, bigVm: big.id, theirVm: theirVm.id, theirPool: theirs.pool.id });
});

afterEach(() => setInfraFaults([]));

describe("creating a VM", () => {
  it("reserves it at once and the activity brings it to running", async () => {
    const r = await createVmService(s.a, input({ name: "web-happy" }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const reserved = await db().vm.findUniqueOrThrow({ where: { id: r.value.vmId } });
    expect(reserved).toMatchObject({ status: "PROVISIONING", powerState: "POWERED_ON", busyActivityId: r.value.activityId });
    expect(s.hosts).toContain(reserved.hostId);
    expect(await activity(r.value.activityId)).toMatchObject({ state: "WAITING", type: "vm.create", resourceType: "vm", resourceId: r.value.vmId });

    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await activity(r.value.activityId)).toMatchObject({ state: "COMPLETED", progress: 100, resultId: r.value.vmId });
    expect(await db().vm.findUniqueOrThrow({ where: { id: r.value.vmId } })).toMatchObject({ status: "ACTIVE", busyActivityId: null });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, action: "vm.create", targetId: r.value.vmId } });
    expect(audit).toMatchObject({ outcome: "SUCCEEDED", actorType: "USER", details: { activityId: r.value.activityId, targetName: "web-happy" } });
  });

  it("previews the pool's memory after the VM, and the same refusal Submit would meet", async () => {
    const ok = await previewVmCreate(s.a, input({ memoryGb: 16 }));
    expect(ok.ok && ok.value.before.pool?.usedGb).toBe(56);
    expect(ok.ok && ok.value.after.pool?.usedGb).toBe(72);
    expect(ok.ok && ok.value.after.pool?.pressureLimitGb).toBeCloseTo(217.6);
    expect(ok.ok && ok.value.violations).toEqual([]);
    const tooBig = await previewVmCreate(s.a, input({ memoryGb: 162 }));
    expect(tooBig.ok && tooBig.value.violations.map((v) => [v.code, v.limit, v.actual])).toContainEqual(["CPOOL.MEMORY_PRESSURE", 217.6, 218]);
    expect(await db().vm.count({ where: { poolId: s.pool } })).toBe(1);
  });

  it("refuses a VM that would push the pool past 85 %, with the numbers, audits the attempt and creates nothing", async () => {
    const r = await createVmService(s.a, input({ name: "web-too-big", memoryGb: 162 }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violations.find((v) => v.code === "CPOOL.MEMORY_PRESSURE")).toMatchObject({ limit: 217.6, actual: 218, unit: "GB" });
    expect(await db().vm.count({ where: { poolId: s.pool } })).toBe(1);
    expect(await db().auditEvent.findFirst({ where: { tenantId: s.a.tenant.id, action: "vm.create", outcome: "REFUSED" } })).not.toBeNull();
  });

  it("accepts the same VM past 85 % when an admin overrides with a reason, and keeps the reason", async () => {
    const r = await createVmService(s.a, input({ name: "web-override", memoryGb: 162, overrideReason: "Migration weekend, two days only" }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings[0]).toMatchObject({ code: "CPOOL.MEMORY_PRESSURE", severity: "warn", overridden: { reason: "Migration weekend, two days only" } });
  });

  it("refuses to start a VM without a backup policy (SecNumCloud)", async () => {
    const r = await createVmService(s.a, input({ backupPolicyId: undefined }));
    expect(!r.ok && r.violations.map((v) => v.code)).toEqual(["BACKUP.POLICY_REQUIRED"]);
    const off = await createVmService(s.a, input({ backupPolicyId: undefined, powerOn: false }));
    expect(off.ok).toBe(true);
  });

  it("says which field is wrong when the datastore is in another AZ, the name is taken, or the disk is smaller than the image", async () => {
    const err = await createVmService(s.a, input({ datastoreId: s.dsOtherAz, diskGib: 10 })).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(Object.keys((err as InvalidInputError).fields).sort()).toEqual(["datastoreId", "diskGib"]);
    const name = (await db().vm.findUniqueOrThrow({ where: { id: s.bigVm } })).name;
    await expect(createVmService(s.a, input({ name }))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("treats another tenant's pool as not found", async () => {
    await expect(createVmService(s.a, input({ poolId: s.theirPool }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(previewVmCreate(s.a, input({ poolId: s.theirPool }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("leaves nothing behind when a step of the infrastructure fails", async () => {
    setInfraFaults([{ type: "vm.create", step: "clone_image" }]);
    const r = await createVmService(s.a, input({ name: "web-fails" }));
    if (!r.ok) throw new Error("expected the reservation");
    expect(await poolUsedGb()).toBe(72);
    expect(await runActivity(r.value.activityId)).toBe("failed");
    const a = await activity(r.value.activityId);
    expect(a.state).toBe("FAILED");
    expect(a.failureReason).toContain("Cloning the OS image");
    expect(a.failure).toMatchObject({ code: "INFRA_FAULT", message: { fr: expect.stringContaining("Clonage de l’image système") } });
    expect(await db().vm.findUnique({ where: { id: r.value.vmId } })).toBeNull();
    expect(await poolUsedGb()).toBe(56);
  });

  it("resumes an activity whose worker died mid-way, and runs it only once", async () => {
    const r = await createVmService(s.a, input({ name: "web-crash" }));
    if (!r.ok) throw new Error("expected the reservation");
    // A worker claimed it, wrote progress, then the process was killed: the heartbeat went stale.
    await db().activity.update({ where: { id: r.value.activityId }, data: { state: "RUNNING", attempts: 1, progress: 40, step: "clone_image", heartbeatAt: new Date(Date.now() - 60_000) } });
    expect((await findOrphanActivities()).stale).toContain(r.value.activityId);
    const [first, second] = await Promise.all([runActivity(r.value.activityId), runActivity(r.value.activityId)]);
    expect([first, second].sort()).toEqual(["completed", "skipped"]);
    expect(await activity(r.value.activityId)).toMatchObject({ state: "COMPLETED", attempts: 2 });
    expect(await db().vm.findUniqueOrThrow({ where: { id: r.value.vmId } })).toMatchObject({ status: "ACTIVE" });
  });

  it("fails, and undoes, an activity interrupted more than three times", async () => {
    const r = await createVmService(s.a, input({ name: "web-crashy" }));
    if (!r.ok) throw new Error("expected the reservation");
    await db().activity.update({ where: { id: r.value.activityId }, data: { state: "RUNNING", attempts: 3, heartbeatAt: new Date(Date.now() - 60_000) } });
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await activity(r.value.activityId)).toMatchObject({ state: "FAILED", failure: { code: "INTERRUPTED" } });
    expect(await db().vm.findUnique({ where: { id: r.value.vmId } })).toBeNull();
  });

  it("lets exactly ten of twenty concurrent creates into a pool with room for ten", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => createVmService(s.a, input({ name: `burst-${i}` }))));
    const accepted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(!r.ok && r.violations.map((v) => v.code)).toContain("CPOOL.MEMORY_PRESSURE");
    expect(await poolUsedGb()).toBe(56 + 160);
    expect(await poolUsedGb()).toBeLessThanOrEqual(217.6);
    // No host beyond its share (128 GB) either.
    const perHost = await db().vm.groupBy({ by: ["hostId"], where: { poolId: s.pool, powerState: "POWERED_ON" }, _sum: { memoryGb: true } });
    for (const h of perHost) expect(h._sum.memoryGb ?? 0).toBeLessThanOrEqual(128);
  }, 60_000);
});

describe("operating a VM", () => {
  async function newVm(over: Partial<CreateVmInput> = {}) {
    const r = await createVmService(s.a, input(over));
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    await runActivity(r.value.activityId);
    return r.value.vmId;
  }

  it("powers off and on, each as an activity, and refuses a second change while one runs", async () => {
    const vm = await newVm();
    const off = await powerVm(s.a, { vmId: vm, action: "off" });
    if (!off.ok) throw new Error("expected off");
    await expect(powerVm(s.a, { vmId: vm, action: "on" })).rejects.toBeInstanceOf(ConflictError);
    await runActivity(off.value.activityId);
    expect(await db().vm.findUniqueOrThrow({ where: { id: vm } })).toMatchObject({ powerState: "POWERED_OFF", busyActivityId: null });
    const on = await powerVm(s.a, { vmId: vm, action: "on" });
    expect(on.ok).toBe(true);
    await expect(powerVm(s.a, { vmId: vm, action: "restart" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("puts a VM back as it was when powering on fails on the infrastructure", async () => {
    const vm = await newVm({ powerOn: false });
    setInfraFaults([{ type: "vm.power_on", step: "boot" }]);
    const on = await powerVm(s.a, { vmId: vm, action: "on" });
    if (!on.ok) throw new Error("expected on");
    expect(await runActivity(on.value.activityId)).toBe("failed");
    expect(await db().vm.findUniqueOrThrow({ where: { id: vm } })).toMatchObject({ powerState: "POWERED_OFF", busyActivityId: null });
  });

  it("refuses to power on a VM without a backup policy", async () => {
    const vm = await newVm({ powerOn: false, backupPolicyId: undefined });
    const r = await powerVm(s.a, { vmId: vm, action: "on" });
    expect(!r.ok && r.violations.map((v) => v.code)).toEqual(["BACKUP.POLICY_REQUIRED"]);
    expect(await db().auditEvent.count({ where: { targetId: vm, action: "vm.power_on", outcome: "REFUSED" } })).toBe(1);
  });

  it("previews a bulk power-on where each VM sees the ones before it, and runs it the same way", async () => {
    // 56 GB runs; three stopped 64 GB VMs: the first two fit under 217.6 GB (184), the third does not (248).
    const vms = [await newVm({ powerOn: false, memoryGb: 64 }), await newVm({ powerOn: false, memoryGb: 64 }), await newVm({ powerOn: false, memoryGb: 64 })];
    const preview = await previewBulkPower(s.a, { vmIds: [...vms, s.theirVm], action: "on" });
    expect(preview.ok && preview.value.map((i) => i.ok)).toEqual([true, true, false]);
    expect(preview.ok && preview.value[2]!.violations.map((v) => v.code)).toContain("CPOOL.MEMORY_PRESSURE");
    expect(await poolUsedGb()).toBe(56);
    const run = await bulkPower(s.a, { vmIds: [...vms, s.theirVm], action: "on" });
    expect(run.ok && run.value.map((i) => i.ok)).toEqual([true, true, false]);
    expect(run.ok && run.value.filter((i) => i.activityId)).toHaveLength(2);
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.theirVm } })).toMatchObject({ powerState: "POWERED_OFF", busyActivityId: null });
  });

  it("grows a running VM only within its host's share and the pool's 85 %", async () => {
    const vm = await newVm({ memoryGb: 16 });
    const r = await resizeVm(s.a, { vmId: vm, cpu: 4, memoryGb: 200 });
    expect(!r.ok && r.violations.map((v) => v.code)).toContain("CPOOL.MEMORY_PRESSURE");
    const ok = await resizeVm(s.a, { vmId: vm, cpu: 4, memoryGb: 32 });
    expect(ok.ok).toBe(true);
    expect(await db().vm.findUniqueOrThrow({ where: { id: vm } })).toMatchObject({ cpu: 4, memoryGb: 32 });
  });

  it("encrypts only a powered-off VM without snapshots, and shows it encrypting, then encrypted", async () => {
    const vm = await newVm();
    const running = await encryptVm(s.a, { vmId: vm });
    expect(!running.ok && running.violations.map((v) => v.code)).toEqual(["ENCRYPTION.VM_POWERED_ON"]);
    expect((await getVm(s.a, vm)).encryptionBlockers.map((v) => v.code)).toEqual(["ENCRYPTION.VM_POWERED_ON"]);
    const off = await powerVm(s.a, { vmId: vm, action: "off" });
    if (off.ok) await runActivity(off.value.activityId);
    const snap = await createSnapshot(s.a, { vmId: vm, name: "before" });
    if (snap.ok) await runActivity(snap.value.activityId);
    const withSnap = await encryptVm(s.a, { vmId: vm });
    expect(!withSnap.ok && withSnap.violations[0]).toMatchObject({ code: "ENCRYPTION.VM_HAS_SNAPSHOTS", limit: 0, actual: 1 });
    await db().snapshot.deleteMany({ where: { vmId: vm } });
    const ok = await encryptVm(s.a, { vmId: vm });
    if (!ok.ok) throw new Error(JSON.stringify(ok.violations));
    expect((await db().vm.findUniqueOrThrow({ where: { id: vm } })).encryption).toBe("ENCRYPTING");
    await runActivity(ok.value.activityId);
    expect(await db().vm.findUniqueOrThrow({ where: { id: vm } })).toMatchObject({ encryption: "ENCRYPTED" });
    const again = await encryptVm(s.a, { vmId: vm });
    expect(!again.ok && again.violations.map((v) => v.code)).toEqual(["ENCRYPTION.ALREADY_ENCRYPTED"]);
  });

  it("refuses encryption in a tenant without key provider or subscription, saying both", async () => {
    const { pool } = await createPool(db(), { tenantId: s.b.tenant.id, hosts: 1 });
    const ds = await createDatastore(db(), { tenantId: s.b.tenant.id });
    const vm = await createVm(db(), { tenantId: s.b.tenant.id, poolId: pool.id, datastoreId: ds.id, powerState: "POWERED_OFF" });
    const r = await encryptVm(s.b, { vmId: vm.id });
    expect(!r.ok && r.violations.map((v) => v.code).sort()).toEqual(["ENCRYPTION.NO_KEY_PROVIDER", "ENCRYPTION.NO_SUBSCRIPTION"]);
  });

  it("deletes only a powered-off VM whose name was typed, once the activity completes", async () => {
    const vm = await newVm();
    const name = (await db().vm.findUniqueOrThrow({ where: { id: vm } })).name;
    await expect(deleteVm(s.a, { vmId: vm, confirmName: name })).rejects.toBeInstanceOf(ConflictError);
    const off = await powerVm(s.a, { vmId: vm, action: "off" });
    if (off.ok) await runActivity(off.value.activityId);
    await expect(deleteVm(s.a, { vmId: vm, confirmName: "nope" })).rejects.toBeInstanceOf(InvalidInputError);
    const del = await deleteVm(s.a, { vmId: vm, confirmName: name });
    if (!del.ok) throw new Error("expected delete");
    await runActivity(del.value.activityId);
    expect(await db().vm.findUnique({ where: { id: vm } })).toBeNull();
  });

  it("sets tags, sorted and without duplicates", async () => {
    const vm = await newVm();
    const r = await setTags(s.a, { vmId: vm, tags: ["env:prod", "team-web", "env:prod"] });
    if (r.ok) await runActivity(r.value.activityId);
    expect((await db().vm.findUniqueOrThrow({ where: { id: vm } })).tags).toEqual(["env:prod", "team-web"]);
  });

  it("answers not found for another tenant's VM and changes nothing of it", async () => {
    const before = await db().vm.findUniqueOrThrow({ where: { id: s.theirVm } });
    await expect(powerVm(s.a, { vmId: s.theirVm, action: "on" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(encryptVm(s.a, { vmId: s.theirVm })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setTags(s.a, { vmId: s.theirVm, tags: ["x"] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getVm(s.a, s.theirVm)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.theirVm } })).toEqual(before);
  });
});

describe("hard limits: what no override passes, and a resize held to a creation's rules", () => {
  const reason = "Quarter-end batch, memory order on its way";
  /** A running VM of `memoryGb` on the first host of `poolId`, with a backup policy. */
  const runningVm = async (poolId: string, hostId: string, datastoreId: string, memoryGb: number, diskGib = 40) => {
    const vm = await createVm(db(), { tenantId: s.a.tenant.id, poolId, datastoreId, hostId, memoryGb, powerState: "POWERED_ON", diskGib });
    await db().backupPolicyAssignment.create({ data: { tenantId: s.a.tenant.id, policyId: s.policy, vmId: vm.id } });
    return vm;
  };

  it("refuses a running VM resized to 900 GB on a 768 GB host of a 1152 GB PERFORMANCE 2 pool, even overridden, and audits the refusal", async () => {
    const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, azId: "TH3S", nodeTypeCode: "PERF2_V3", hosts: 3, activatedMemoryGb: 1152 });
    const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, azId: "TH3S", tierCode: "ULTRA", sizeGib: 10240 });
    const app = await runningVm(pool.id, hosts[0]!.id, ds.id, 16);
    for (const [i, h] of hosts.entries()) await runningVm(pool.id, h.id, ds.id, 120, 40 + i);

    const plain = await resizeVm(s.a, { vmId: app.id, cpu: 2, memoryGb: 900 });
    const overridden = await resizeVm(s.a, { vmId: app.id, cpu: 2, memoryGb: 900, overrideReason: reason });
    for (const r of [plain, overridden]) {
      expect(r.ok).toBe(false);
      expect(!r.ok && r.violations.map((v) => [v.code, v.severity, v.limit, v.actual])).toEqual([
        ["HOST.PHYSICAL_MEMORY", "refuse", 768, 900],
        ["CPOOL.ACTIVATED_MEMORY", "refuse", 1152, 1260],
      ]);
    }
    expect(await db().vm.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ memoryGb: 16, busyActivityId: null });
    const refusals = await db().auditEvent.findMany({ where: { tenantId: s.a.tenant.id, action: "vm.resize", targetId: app.id, outcome: "REFUSED" } });
    expect(refusals).toHaveLength(2);
  });

  it("still lets an override pass the 85 % line alone on the same pool", async () => {
    const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, azId: "TH3S", nodeTypeCode: "PERF2_V3", hosts: 3, activatedMemoryGb: 1152 });
    const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, azId: "TH3S", tierCode: "ULTRA", sizeGib: 10240 });
    const app = await runningVm(pool.id, hosts[0]!.id, ds.id, 16);
    for (const [i, h] of hosts.entries()) await runningVm(pool.id, h.id, ds.id, 120, 40 + i);
    // 360 + 620 = 980 GB, past 979.2 (85 %); the host runs 740 of its 768 GB.
    const r = await resizeVm(s.a, { vmId: app.id, cpu: 2, memoryGb: 620, overrideReason: reason });
    expect(r.ok && r.warnings.map((v) => [v.code, v.overridden?.reason])).toEqual([
      ["CPOOL.MEMORY_PRESSURE", reason],
      ["CPOOL.MEMORY_PRESSURE", reason],
    ]);
  });

  it("refuses resizing a running VM to 900 GB on a datastore where a 700 GB creation is refused for its snapshot reserve", async () => {
    // 2048 GiB: 204.8 kept for snapshots. 1150 GiB of thick disks (app's 40 among them) and app's 16 GiB swap file: 882 free.
    const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, azId: "TH3S", nodeTypeCode: "PERF3_V3", hosts: 3, activatedMemoryGb: 4608 });
    const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, azId: "TH3S", tierCode: "ULTRA", sizeGib: 2048 });
    const app = await runningVm(pool.id, hosts[0]!.id, ds.id, 16, 40);
    await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: ds.id, memoryGb: 8, diskGib: 1110 });

    const create = await createVmService(s.a, input({ poolId: pool.id, datastoreId: ds.id, memoryGb: 700, diskGib: 40, cpu: 4 }));
    expect(!create.ok && create.violations.map((v) => [v.code, v.limit, v.actual])).toEqual([["DATASTORE.SNAPSHOT_RESERVE", 204.8, 182]]);

    const resize = await resizeVm(s.a, { vmId: app.id, cpu: 2, memoryGb: 900, overrideReason: reason });
    expect(!resize.ok && resize.violations.map((v) => [v.code, v.limit, v.actual])).toEqual([
      ["DATASTORE.SWAP_SPACE", 898, 900],
      ["DATASTORE.SNAPSHOT_RESERVE", 204.8, -2],
    ]);
    expect(await db().vm.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({ memoryGb: 16 });
    // 693 GB leaves 205 GiB: accepted.
    expect((await resizeVm(s.a, { vmId: app.id, cpu: 2, memoryGb: 693 })).ok).toBe(true);
  });

  it("holds a new thick disk to the same datastore rules", async () => {
    const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, azId: "TH3S", nodeTypeCode: "PERF3_V3", hosts: 3, activatedMemoryGb: 4608 });
    const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, azId: "TH3S", tierCode: "ULTRA", sizeGib: 2048 });
    const app = await runningVm(pool.id, hosts[0]!.id, ds.id, 16, 40);
    await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: ds.id, memoryGb: 8, diskGib: 1110 });
    // 882 free: 678 GiB thick leaves 204, under 204.8.
    const r = await addDisk(s.a, { vmId: app.id, sizeGib: 678, provisioning: "THICK", mode: "PERSISTENT", controllerType: "LSI_LOGIC_SAS", controllerBus: 0 });
    expect(!r.ok && r.violations.map((v) => [v.code, v.limit, v.actual])).toContainEqual(["DATASTORE.SNAPSHOT_RESERVE", 204.8, 204]);
    expect((await addDisk(s.a, { vmId: app.id, sizeGib: 600, provisioning: "THICK", mode: "PERSISTENT", controllerType: "LSI_LOGIC_SAS", controllerBus: 0 })).ok).toBe(true);
  });
});
