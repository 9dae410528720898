import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import type { StorageTierCode } from "@/lib/domain/catalogue";
import { rpoStatus } from "@/lib/domain/replication";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { replicationList } from "@/lib/validation/data-protection";
import { memberContext } from "@/test/integration/context";
import { deleteVm, encryptVm } from "./vms";
import { enableStorageMirror, enableVmReplication, listReplications, previewStorageMirror, previewVmReplication, stopReplication } from "./replication";

// Each test builds its own tenant, so that every figure below is its own:
// - PAR7S: the source pool (2 STANDARD v3 hosts) and datastore;
// - TH3S, the standby AZ: a pool of 2 STANDARD v3 hosts with 256 GB activated (85 % = 217.6 GB)
//   where a 56 GB VM runs (headroom 161.6 GB), and a 2048 GiB Premium datastore holding that VM's
//   60 GiB disk and 56 GiB swap file: 2048 − 60 − 56 − 204.8 (10 % reserve) = 1727.2 GiB available.
type World = { ctx: TenantContext; tenantId: string; pool: string; host: string; ds: string; standbyPool: string };

let org = "";
beforeAll(async () => {
  org = (await createOrganization(db())).id;
});
afterEach(() => setInfraFaults([]));

async function world(): Promise<World> {
  const t = await createTenant(db(), { organizationId: org, keyProvider: true, advancedProtection: true });
  const ctx = await memberContext(t.id);
  const { pool, hosts } = await createPool(db(), { tenantId: t.id, azId: "PAR7S", hosts: 2, activatedMemoryGb: 512 });
  const ds = await createDatastore(db(), { tenantId: t.id, azId: "PAR7S", tierCode: "PREMIUM", sizeGib: 8192 });
  const standby = await createPool(db(), { tenantId: t.id, azId: "TH3S", hosts: 2, activatedMemoryGb: 256 });
  const standbyDs = await createDatastore(db(), { tenantId: t.id, azId: "TH3S", tierCode: "PREMIUM", sizeGib: 2048 });
  await createVm(db(), { tenantId: t.id, poolId: standby.pool.id, datastoreId: standbyDs.id, hostId: standby.hosts[0]!.id, memoryGb: 56, diskGib: 60, powerState: "POWERED_ON" });
  return { ctx, tenantId: t.id, pool: pool.id, host: hosts[0]!.id, ds: ds.id, standbyPool: standby.pool.id };
}

const vmIn = (w: World, over: { memoryGb?: number; diskGib?: number; writeRateMbps?: number; datastoreId?: string; encryption?: "NONE" | "ENCRYPTED"; powerState?: "POWERED_ON" | "POWERED_OFF" } = {}) =>
  createVm(db(), { tenantId: w.tenantId, poolId: w.pool, datastoreId: over.datastoreId ?? w.ds, hostId: w.host, powerState: over.powerState ?? "POWERED_ON", memoryGb: over.memoryGb ?? 16, diskGib: over.diskGib ?? 60, writeRateMbps: over.writeRateMbps ?? 4, encryption: over.encryption }).then((v) => v.id);

const codes = (d: { ok: boolean; violations?: { code: string }[]; warnings?: { code: string }[] }) => (d.ok ? d.warnings! : d.violations!).map((v) => v.code);

describe("VM replication", () => {
  it("reserves the replica on the standby site with the RPO its write rate allows, then runs once copied", async () => {
    const w = await world();
    const vmId = await vmIn(w, { writeRateMbps: 4 });
    const preview = await previewVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" });
    expect(preview.ok && preview.value).toMatchObject({ rpoMinutes: 240, rtoMinutes: 15, pool: { freeGb: 161.6 }, storage: { tier: "PREMIUM", availableGib: 1727.2 }, violations: [] });

    const r = await enableVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    const row = await db().replication.findUniqueOrThrow({ where: { id: r.value.replicationId } });
    expect(row).toMatchObject({ kind: "VM_REPLICATION", sourceAzId: "PAR7S", targetAzId: "TH3S", promisedRpoMinutes: 240, status: "INITIAL_COPY", standbyPoolId: w.standbyPool, standbyTierCode: "PREMIUM", busyActivityId: r.value.activityId, lastReplicatedAt: null });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { tenantId: w.tenantId, action: "replication.vm_enable", targetId: vmId } });
    expect(audit).toMatchObject({ outcome: "SUCCEEDED", details: { activityId: r.value.activityId, after: { rpoMinutes: 240, reservedGb: 16, standbyGib: 60, standbyAz: "TH3S" } } });
    // Copying, it is in its initial copy: not in breach of a promise it has not started keeping.
    const copying = (await listReplications(w.ctx, replicationList.parse({}))).rows.find((x) => x.id === r.value.replicationId)!;
    expect(copying.rpo).toEqual({ lagMinutes: null, compliant: false, status: "initial_copy" });
    expect(copying.rpoWarnings).toEqual([]);

    expect(await runActivity(r.value.activityId)).toBe("completed");
    const done = await db().replication.findUniqueOrThrow({ where: { id: r.value.replicationId } });
    expect(done).toMatchObject({ status: "ACTIVE", busyActivityId: null });
    expect(rpoStatus(done.promisedRpoMinutes, done.lastReplicatedAt, new Date()).status).toBe("ok");
    expect((await db().activity.findUniqueOrThrow({ where: { id: r.value.activityId } })).resultId).toBe(r.value.replicationId);

    await expect(enableVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("goes with its VM: deleting a replicated VM names the replication in the audit row and the activity, and removes it", async () => {
    const w = await world();
    const vmId = await vmIn(w, { powerState: "POWERED_OFF" });
    const r = await enableVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    await runActivity(r.value.activityId);
    const name = (await db().vm.findUniqueOrThrow({ where: { id: vmId } })).name;

    const del = await deleteVm(w.ctx, { vmId, confirmName: name });
    if (!del.ok) throw new Error("delete refused");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { tenantId: w.tenantId, action: "vm.delete", targetId: vmId } });
    expect(audit.details).toMatchObject({
      before: { name, replications: [{ id: r.value.replicationId, kind: "VM_REPLICATION", standbyAz: "TH3S" }] },
      after: { replicationsRemoved: 1 },
    });
    const activity = await db().activity.findUniqueOrThrow({ where: { id: del.value.activityId } });
    expect(JSON.stringify(activity)).toContain(r.value.replicationId);
    expect(await runActivity(del.value.activityId)).toBe("completed");
    expect(await db().replication.count({ where: { id: r.value.replicationId } })).toBe(0);
    expect(await db().vm.count({ where: { id: vmId } })).toBe(0);
  });

  it("counts the memory other replicas reserved on the standby pool (REPLICATION.VM_STANDBY_RESERVATION)", async () => {
    const w = await world();
    const big = await enableVmReplication(w.ctx, { vmId: await vmIn(w, { memoryGb: 160 }), standbyAzId: "TH3S" });
    expect(big.ok).toBe(true);
    // 161.6 GB below 85 %, 160 reserved: 1.6 GB left for an 8 GB replica.
    const small = await vmIn(w, { memoryGb: 8 });
    const r = await enableVmReplication(w.ctx, { vmId: small, standbyAzId: "TH3S" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violations).toEqual([expect.objectContaining({ code: "REPLICATION.VM_STANDBY_RESERVATION", limit: 1.6, actual: 8, unit: "GB" })]);
    expect(await db().replication.count({ where: { vmId: small } })).toBe(0);
    expect(await db().auditEvent.findFirst({ where: { targetId: small, action: "replication.vm_enable", outcome: "REFUSED" } })).not.toBeNull();
  });

  it("lets exactly one of two concurrent replicas onto a standby pool with room for one", async () => {
    const w = await world();
    const [x, y] = [await vmIn(w, { memoryGb: 100 }), await vmIn(w, { memoryGb: 100 })];
    const results = await Promise.all([enableVmReplication(w.ctx, { vmId: x, standbyAzId: "TH3S" }), enableVmReplication(w.ctx, { vmId: y, standbyAzId: "TH3S" })]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.flatMap((r) => (r.ok ? [] : r.violations.map((v) => [v.code, v.limit])))).toEqual([["REPLICATION.VM_STANDBY_RESERVATION", 61.6]]);
  });

  it("takes one of two requests to replicate one VM at the same instant; the other sees the first", async () => {
    const w = await world();
    const vmId = await vmIn(w);
    const vm = await db().vm.findUniqueOrThrow({ where: { id: vmId } });
    const results = await Promise.allSettled([enableVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" }), enableVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" })]);
    expect(results.filter((r) => r.status === "fulfilled" && r.value.ok)).toHaveLength(1);
    expect(results.flatMap((r) => (r.status === "rejected" ? [[r.reason.constructor, r.reason.message]] : []))).toEqual([[ConflictError, `${vm.name} is already replicated to TH3S.`]]);
    expect(await db().replication.count({ where: { vmId } })).toBe(1);
  });

  it("is refused while an activity is changing the VM, and leaves the VM free while it copies", async () => {
    const w = await world();
    const vmId = await vmIn(w);
    const vm = await db().vm.update({ where: { id: vmId }, data: { busyActivityId: "some-activity" } });
    await expect(enableVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" })).rejects.toThrow(`An activity is already changing ${vm.name}.`);
    await db().vm.update({ where: { id: vmId }, data: { busyActivityId: null } });
    const r = await enableVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" });
    if (!r.ok) throw new Error("expected acceptance");
    expect(await db().vm.findUniqueOrThrow({ where: { id: vmId } })).toMatchObject({ busyActivityId: null });
  });

  it("counts the storage other standby copies hold in the standby AZ", async () => {
    const w = await world();
    const first = await enableVmReplication(w.ctx, { vmId: await vmIn(w, { diskGib: 1000 }), standbyAzId: "TH3S" });
    expect(first.ok).toBe(true);
    // 1727.2 GiB available, 1000 held by the first replica: 727.2 left for 800.
    const r = await enableVmReplication(w.ctx, { vmId: await vmIn(w, { diskGib: 800 }), standbyAzId: "TH3S" });
    expect(!r.ok && r.violations).toEqual([expect.objectContaining({ code: "REPLICATION.VM_STANDBY_RESERVATION", limit: 727.2, actual: 800, unit: "GiB" })]);
  });

  it("refuses a standby AZ without a pool of the tenant, and the VM's own AZ", async () => {
    const w = await world();
    const vmId = await vmIn(w);
    const noPool = await enableVmReplication(w.ctx, { vmId, standbyAzId: "AZ07" });
    expect(codes(noPool)).toContain("REPLICATION.VM_STANDBY_RESERVATION");
    expect(!noPool.ok && noPool.violations[0]!.message.en).toContain("no compute pool in AZ07");
    const same = await enableVmReplication(w.ctx, { vmId, standbyAzId: "PAR7S" });
    expect(!same.ok && same.violations[0]!.message.en).toContain("another availability zone than PAR7S");
  });

  it("accepts a write-heavy VM with a warning (REPLICATION.VM_WRITE_RATE) and the longest RPO", async () => {
    const w = await world();
    const r = await enableVmReplication(w.ctx, { vmId: await vmIn(w, { writeRateMbps: 25 }), standbyAzId: "TH3S" });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(r.warnings).toEqual([expect.objectContaining({ code: "REPLICATION.VM_WRITE_RATE", severity: "warn", limit: 20, actual: 25 })]);
    expect(await db().replication.findUniqueOrThrow({ where: { id: r.value.replicationId } })).toMatchObject({ promisedRpoMinutes: 24 * 60 });
  });

  it("takes the reservation back when the initial copy fails", async () => {
    const w = await world();
    const vmId = await vmIn(w);
    setInfraFaults([{ type: "replication.vm_enable", step: "initial_sync" }]);
    const r = await enableVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" });
    if (!r.ok) throw new Error("expected the reservation");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await db().replication.count({ where: { vmId } })).toBe(0);
    expect(await db().activity.findUniqueOrThrow({ where: { id: r.value.activityId } })).toMatchObject({ state: "FAILED", failure: { code: "INFRA_FAULT" } });
  });

  it("treats another tenant's VM as not found", async () => {
    const [w, other] = [await world(), await world()];
    await expect(enableVmReplication(w.ctx, { vmId: await vmIn(other), standbyAzId: "TH3S" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(previewVmReplication(w.ctx, { vmId: await vmIn(other), standbyAzId: "TH3S" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("storage mirrors", () => {
  async function mirrorWorld(sourceTier: StorageTierCode, sourceGib: number, standbyTier: StorageTierCode | null, standbyGib = 2048) {
    const w = await world();
    const source = await createDatastore(db(), { tenantId: w.tenantId, azId: "PAR7S", tierCode: sourceTier, sizeGib: sourceGib });
    // An empty standby datastore: 90 % of it is available (2048 → 1843.2 GiB).
    if (standbyTier) await createDatastore(db(), { tenantId: w.tenantId, azId: "TH3S", tierCode: standbyTier, sizeGib: standbyGib });
    return { ...w, source: source.id };
  }

  it("mirrors a Standard volume with Global Mirror: RPO 15 min, a standby copy of the same size", async () => {
    const w = await mirrorWorld("STANDARD", 1024, "STANDARD");
    const preview = await previewStorageMirror(w.ctx, { datastoreId: w.source, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" });
    expect(preview.ok && preview.value).toMatchObject({ storage: { tier: "STANDARD", availableGib: 1843.2 }, terms: { rpoMinutes: 15, standbyGib: 1024, licenceTib: 1 }, violations: [] });
    const r = await enableStorageMirror(w.ctx, { datastoreId: w.source, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(await db().replication.findUniqueOrThrow({ where: { id: r.value.replicationId } })).toMatchObject({ kind: "GLOBAL_MIRROR", promisedRpoMinutes: 15, standbyTierCode: "STANDARD", status: "INITIAL_COPY" });
    expect(await db().auditEvent.findFirst({ where: { action: "replication.global_mirror_enable", targetId: w.source, outcome: "SUCCEEDED" } })).not.toBeNull();
    await runActivity(r.value.activityId);
    expect(await db().replication.findUniqueOrThrow({ where: { id: r.value.replicationId } })).toMatchObject({ status: "ACTIVE" });
    await expect(enableStorageMirror(w.ctx, { datastoreId: w.source, kind: "METRO_MIRROR", standbyAzId: "TH3S" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses Global Mirror on an Enterprise volume (REPLICATION.GM_TIER)", async () => {
    const w = await mirrorWorld("ENTERPRISE", 1024, "ENTERPRISE");
    const r = await enableStorageMirror(w.ctx, { datastoreId: w.source, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" });
    expect(codes(r)).toEqual(["REPLICATION.GM_TIER"]);
    expect(!r.ok && r.violations[0]!.message.en).toContain("FLASH Enterprise");
    expect(await db().replication.count({ where: { datastoreId: w.source } })).toBe(0);
    expect(await db().auditEvent.findFirst({ where: { action: "replication.global_mirror_enable", targetId: w.source, outcome: "REFUSED" } })).not.toBeNull();
  });

  it("counts the standby copies already in the standby AZ and tier (REPLICATION.GM_STANDBY_CAPACITY)", async () => {
    const w = await mirrorWorld("STANDARD", 1024, "STANDARD");
    const first = await enableStorageMirror(w.ctx, { datastoreId: w.source, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" });
    expect(first.ok).toBe(true);
    // 1843.2 GiB of Standard in TH3S, 1024 held by the first copy: 819.2 left for another 1024.
    const second = await createDatastore(db(), { tenantId: w.tenantId, azId: "PAR7S", tierCode: "STANDARD", sizeGib: 1024 });
    const r = await enableStorageMirror(w.ctx, { datastoreId: second.id, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" });
    expect(!r.ok && r.violations).toEqual([expect.objectContaining({ code: "REPLICATION.GM_STANDBY_CAPACITY", limit: 819.2, actual: 1024, unit: "GiB" })]);
  });

  it("finds no standby room in another tier: a Premium volume cannot mirror onto Standard datastores", async () => {
    const w = await mirrorWorld("STANDARD", 1024, "STANDARD");
    const premium = await createDatastore(db(), { tenantId: w.tenantId, azId: "PAR7S", tierCode: "PREMIUM", sizeGib: 2048 });
    // TH3S has 1727.2 GiB of Premium (the standby VM's datastore): short of 2048.
    const r = await enableStorageMirror(w.ctx, { datastoreId: premium.id, kind: "METRO_MIRROR", standbyAzId: "TH3S" });
    // A Metro Mirror refusal names Metro Mirror's rule, not Global Mirror's.
    expect(!r.ok && r.violations).toEqual([expect.objectContaining({ code: "REPLICATION.MM_STANDBY_CAPACITY", limit: 1727.2, actual: 2048 })]);
  });

  it("refuses Global Mirror on a volume holding an encrypted VM (REPLICATION.VM_ENCRYPTED), not Metro Mirror", async () => {
    const w = await mirrorWorld("STANDARD", 1024, "STANDARD");
    await vmIn(w, { datastoreId: w.source, encryption: "ENCRYPTED", diskGib: 40 });
    const gm = await enableStorageMirror(w.ctx, { datastoreId: w.source, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" });
    expect(codes(gm)).toEqual(["REPLICATION.VM_ENCRYPTED"]);
    const mm = await enableStorageMirror(w.ctx, { datastoreId: w.source, kind: "METRO_MIRROR", standbyAzId: "TH3S" });
    expect(mm.ok).toBe(true);
  });

  it("keeps an encryption and a Global Mirror from crossing: once mirrored, the VM cannot be encrypted", async () => {
    const w = await mirrorWorld("STANDARD", 1024, "STANDARD");
    const vmId = await vmIn(w, { datastoreId: w.source, powerState: "POWERED_OFF", diskGib: 40 });
    const gm = await enableStorageMirror(w.ctx, { datastoreId: w.source, kind: "GLOBAL_MIRROR", standbyAzId: "TH3S" });
    expect(gm.ok).toBe(true);
    const enc = await encryptVm(w.ctx, { vmId });
    expect(codes(enc)).toEqual(["ENCRYPTION.VM_REPLICATED"]);
  });

  it("leaves nothing when the standby volume cannot be created", async () => {
    const w = await mirrorWorld("ULTRA", 1024, "ULTRA");
    setInfraFaults([{ type: "replication.metro_mirror_enable", step: "create_standby_lun" }]);
    const r = await enableStorageMirror(w.ctx, { datastoreId: w.source, kind: "METRO_MIRROR", standbyAzId: "TH3S" });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await db().replication.count({ where: { datastoreId: w.source } })).toBe(0);
  });
});

describe("stopping a replication", () => {
  it("removes it once the activity completes, one stop at a time, and keeps it when the step fails", async () => {
    const w = await world();
    const vmId = await vmIn(w);
    const on = await enableVmReplication(w.ctx, { vmId, standbyAzId: "TH3S" });
    if (!on.ok) throw new Error("expected");
    await runActivity(on.value.activityId);

    setInfraFaults([{ type: "replication.stop", step: "break_relationship" }]);
    const failing = await stopReplication(w.ctx, { replicationId: on.value.replicationId });
    if (!failing.ok) throw new Error("expected");
    await expect(stopReplication(w.ctx, { replicationId: on.value.replicationId })).rejects.toBeInstanceOf(ConflictError);
    expect(await runActivity(failing.value.activityId)).toBe("failed");
    expect(await db().replication.findUniqueOrThrow({ where: { id: on.value.replicationId } })).toMatchObject({ status: "ACTIVE", busyActivityId: null });

    setInfraFaults([]);
    const stop = await stopReplication(w.ctx, { replicationId: on.value.replicationId });
    if (!stop.ok) throw new Error("expected");
    expect(await db().auditEvent.findFirst({ where: { action: "replication.stop", targetId: on.value.replicationId, outcome: "SUCCEEDED" } })).not.toBeNull();
    expect(await runActivity(stop.value.activityId)).toBe("completed");
    expect(await db().replication.count({ where: { vmId } })).toBe(0);
  });

  it("treats another tenant's replication as not found", async () => {
    const [w, other] = [await world(), await world()];
    const r = await enableVmReplication(other.ctx, { vmId: await vmIn(other), standbyAzId: "TH3S" });
    if (!r.ok) throw new Error("expected");
    await expect(stopReplication(w.ctx, { replicationId: r.value.replicationId })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().replication.count({ where: { id: r.value.replicationId } })).toBe(1);
  });
});

describe("the list of replications", () => {
  it("gives each its RPO status from the last replicated point, and filters on it in the database", async () => {
    const w = await world();
    const now = new Date("2026-11-20T12:00:00Z");
    const ago = (min: number) => new Date(now.getTime() - min * 60_000);
    const mk = async (name: string, data: { kind?: "VM_REPLICATION" | "METRO_MIRROR"; rpo: number; last: Date | null; status?: "INITIAL_COPY" | "ACTIVE" | "PAUSED" }) => {
      const vm = await createVm(db(), { tenantId: w.tenantId, poolId: w.pool, datastoreId: w.ds, name });
      const ds = data.kind === "METRO_MIRROR" ? await createDatastore(db(), { tenantId: w.tenantId, name: `ds-${name}` }) : null;
      await db().replication.create({
        data: { tenantId: w.tenantId, kind: data.kind ?? "VM_REPLICATION", sourceAzId: "PAR7S", targetAzId: "TH3S", vmId: ds ? null : vm.id, datastoreId: ds?.id ?? null, promisedRpoMinutes: data.rpo, lastReplicatedAt: data.last, status: data.status ?? "ACTIVE" },
      });
    };
    // A 60 min promise: at risk past 48 min, breached past 60; no point yet is the initial copy.
    await mk("r1-fresh", { rpo: 60, last: ago(10) });
    await mk("r2-edge", { rpo: 60, last: ago(48) });
    await mk("r3-risk", { rpo: 60, last: ago(50) });
    await mk("r4-late", { rpo: 60, last: ago(61) });
    await mk("r5-never", { rpo: 60, last: null, status: "INITIAL_COPY" });
    await mk("r6-metro", { kind: "METRO_MIRROR", rpo: 0, last: ago(30) });
    await mk("r7-metro-paused", { kind: "METRO_MIRROR", rpo: 0, last: ago(30), status: "PAUSED" });

    const all = await listReplications(w.ctx, replicationList.parse({}), now);
    const status = Object.fromEntries(all.rows.map((r) => [r.vm?.name ?? r.datastore!.name, r.rpo.status]));
    expect(status).toEqual({ "r1-fresh": "ok", "r2-edge": "ok", "r3-risk": "at_risk", "r4-late": "breach", "r5-never": "initial_copy", "ds-r6-metro": "ok", "ds-r7-metro-paused": "breach" });
    expect(all.rows.find((r) => r.vm?.name === "r4-late")!.rpoWarnings.map((v) => [v.code, v.limit, v.actual])).toEqual([["REPLICATION.RPO_BREACH", 60, 61]]);

    for (const rpo of ["initial_copy", "ok", "at_risk", "breach"] as const) {
      const page = await listReplications(w.ctx, replicationList.parse({ rpo }), now);
      expect(page.rows.map((r) => r.rpo.status).every((s) => s === rpo), rpo).toBe(true);
      expect(page.total, rpo).toBe(Object.values(status).filter((s) => s === rpo).length);
    }
    const metro = await listReplications(w.ctx, replicationList.parse({ kind: "METRO_MIRROR", sort: "subject", dir: "desc" }), now);
    expect(metro.rows.map((r) => r.datastore?.name)).toEqual(["ds-r7-metro-paused", "ds-r6-metro"]);
    const named = await listReplications(w.ctx, replicationList.parse({ q: "risk" }), now);
    expect(named.rows.map((r) => r.vm?.name)).toEqual(["r3-risk"]);
    const paged = await listReplications(w.ctx, replicationList.parse({ pageSize: "25", page: "1" }), now);
    expect(paged.total).toBe(7);
  });
});
