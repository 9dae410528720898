import { describe, it, expect, beforeAll, beforeEach, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { coverageSummary } from "@/lib/db/backup";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/permissions";
import type { AddDiskInput } from "@/lib/validation/vms";
import type { DiskControllerType } from "@/lib/domain/catalogue";
import { addDisk, deleteDisk, growDisk, revertSnapshot } from "./vms";
import { memberContext } from "@/test/integration/context";

// A powered-off VM on a 1000 GiB datastore (snapshot reserve 100 GiB): its system disk, 60 GiB
// thick, on SCSI 0 (LSI Logic SAS), and a 100 GiB thick data disk. 840 GiB free.
const s = {
  a: null as unknown as TenantContext,
  b: null as unknown as TenantContext,
  vm: "",
  vmName: "",
  ds: "",
  systemDisk: "",
  dataDisk: "",
  theirVm: "",
  theirDisk: "",
};
const reason = { overrideReason: "the application team asked for it in writing" };

const later = (ms: number) => new Date(Date.now() + ms);
const disk = (o: { sizeGib?: number; controllerType?: DiskControllerType; controllerBus?: number; label?: string; at?: number; provisioning?: "THIN" | "THICK"; mode?: "PERSISTENT" | "INDEPENDENT" } = {}) =>
  db().vmDisk.create({
    data: {
      tenantId: s.a.tenant.id,
      vmId: s.vm,
      datastoreId: s.ds,
      label: o.label ?? "Hard disk x",
      sizeGib: o.sizeGib ?? 1,
      usedGib: o.provisioning === "THIN" ? 0 : (o.sizeGib ?? 1),
      provisioning: o.provisioning ?? "THICK",
      mode: o.mode ?? "PERSISTENT",
      controllerType: o.controllerType ?? "LSI_LOGIC_SAS",
      controllerBus: o.controllerBus ?? 0,
      createdAt: later(o.at ?? 2000),
    },
  });
const add = (over: Partial<AddDiskInput> = {}): AddDiskInput => ({ vmId: s.vm, sizeGib: 10, provisioning: "THIN", mode: "PERSISTENT", controllerType: "LSI_LOGIC_SAS", controllerBus: 0, ...over });
const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));
/** The latest audit row of an action, with its details (before, after) beside its outcome. */
const lastAudit = async (action: string) => {
  const row = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, action }, orderBy: { createdAt: "desc" } });
  return { outcome: row.outcome, ...(row.details as { before?: unknown; after?: unknown }) };
};
const diskRow = (id: string) => db().vmDisk.findUnique({ where: { id } });

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id });
  const b = await createTenant(db(), { organizationId: org.id });
  s.a = await memberContext(a.id);
  s.b = await memberContext(b.id);
});

beforeEach(async () => {
  const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, hosts: 2 });
  const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, tierCode: "PREMIUM", sizeGib: 1000 });
  const vm = await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, memoryGb: 8, diskGib: 60 });
  Object.assign(s, { vm: vm.id, vmName: vm.name, ds: ds.id });
  s.systemDisk = (await db().vmDisk.findFirstOrThrow({ where: { vmId: vm.id } })).id;
  s.dataDisk = (await disk({ label: "Hard disk 2", sizeGib: 100, at: 1000 })).id;
  const theirs = await createPool(db(), { tenantId: s.b.tenant.id, hosts: 2 });
  const theirDs = await createDatastore(db(), { tenantId: s.b.tenant.id });
  const theirVm = await createVm(db(), { tenantId: s.b.tenant.id, poolId: theirs.pool.id, datastoreId: theirDs.id });
  const theirDisk = await db().vmDisk.create({ data: { tenantId: s.b.tenant.id, vmId: theirVm.id, datastoreId: theirDs.id, label: "Hard disk 2", sizeGib: 100, usedGib: 100, createdAt: later(1000) } });
  Object.assign(s, { theirVm: theirVm.id, theirDisk: theirDisk.id });
});

afterEach(() => setInfraFaults([]));

describe("adding a disk", () => {
  it("puts an independent thin disk on a new NVMe controller, audited, and the activity attaches it", async () => {
    const r = await addDisk(s.a, add({ sizeGib: 50, mode: "INDEPENDENT", controllerType: "NVME", controllerBus: undefined }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const row = await db().vmDisk.findFirstOrThrow({ where: { vmId: s.vm, label: "Hard disk 3" } });
    expect(row).toMatchObject({ sizeGib: 50, usedGib: 0, provisioning: "THIN", mode: "INDEPENDENT", controllerType: "NVME", controllerBus: 0 });
    expect((await lastAudit("vm.disk_add")).after).toEqual({ disk: "Hard disk 3", sizeGib: 50, provisioning: "THIN", mode: "INDEPENDENT", controller: "NVMe 0" });
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.vm } })).toMatchObject({ busyActivityId: null });
  });

  it("does not count an independent disk in the data the backups protect", async () => {
    const policy = await createBackupPolicy(db(), { tenantId: s.a.tenant.id });
    await db().backupPolicyAssignment.create({ data: { tenantId: s.a.tenant.id, policyId: policy.id, vmId: s.vm } });
    const before = (await coverageSummary(s.a.tenant.id)).protectedGib;
    await disk({ sizeGib: 300, mode: "INDEPENDENT" });
    expect((await coverageSummary(s.a.tenant.id)).protectedGib).toBe(before);
    await disk({ sizeGib: 30 });
    expect((await coverageSummary(s.a.tenant.id)).protectedGib).toBe(before + 30);
  });

  it("takes a 15th disk on SCSI 0 and refuses a 16th with VM.MAX_DISKS_PER_CONTROLLER, 15 / 16", async () => {
    for (let i = 0; i < 12; i++) await disk({ at: 3000 + i });
    // 14 on SCSI 0: the 15th is accepted.
    const ok = await addDisk(s.a, add());
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(await runActivity(ok.value.activityId)).toBe("completed");
    const r = await addDisk(s.a, add(reason));
    expect(!r.ok && r.violations.map((v) => [v.code, v.limit, v.actual])).toEqual([["VM.MAX_DISKS_PER_CONTROLLER", 15, 16]]);
    expect(!r.ok && r.violations[0]!.message.en).toContain("Put the disk on another controller, or add a new one.");
    expect(await db().vmDisk.count({ where: { vmId: s.vm } })).toBe(15);
    expect(await lastAudit("vm.disk_add")).toMatchObject({ outcome: "REFUSED" });
  });

  it("takes a 4th SCSI controller and refuses a 5th with VM.MAX_CONTROLLERS, 4 / 5, even with a reason", async () => {
    await disk({ controllerType: "BUSLOGIC", controllerBus: 1 });
    await disk({ controllerType: "LSI_LOGIC", controllerBus: 3 });
    const ok = await addDisk(s.a, add({ controllerType: "VMWARE_PARAVIRTUAL", controllerBus: undefined }));
    expect(ok.ok).toBe(true);
    expect(await db().vmDisk.findFirst({ where: { vmId: s.vm, controllerType: "VMWARE_PARAVIRTUAL" } })).toMatchObject({ controllerBus: 2 });
    if (ok.ok) await runActivity(ok.value.activityId);
    const r = await addDisk(s.a, add({ controllerType: "LSI_LOGIC", controllerBus: undefined, ...reason }));
    expect(!r.ok && r.violations.map((v) => [v.code, v.limit, v.actual])).toEqual([["VM.MAX_CONTROLLERS", 4, 5]]);
    // NVMe counts apart: a first NVMe controller is still fine.
    expect((await addDisk(s.a, add({ controllerType: "NVME", controllerBus: undefined }))).ok).toBe(true);
  });

  it("refuses a controller the VM does not have, naming the ones it has", async () => {
    const r = await addDisk(s.a, add({ controllerType: "NVME", controllerBus: 1 }));
    expect(codes(r)).toEqual(["INPUT.INVALID"]);
    expect(!r.ok && r.violations[0]!.message.en).toContain("its controllers are: SCSI 0 (LSI Logic SAS)");
  });

  it("checks the datastore's rules and the controller's together, and no reason passes the hard ones", async () => {
    for (let i = 0; i < 13; i++) await disk({ at: 3000 + i });
    // 15 disks on SCSI 0 and 827 GiB free: a 728 GiB thick disk would be the 16th and leave 99, under the 100 GiB reserve.
    const r = await addDisk(s.a, add({ sizeGib: 728, provisioning: "THICK", ...reason }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.violations.filter((v) => v.severity === "refuse").map((v) => v.code).sort()).toEqual(["DATASTORE.SNAPSHOT_RESERVE", "VM.MAX_DISKS_PER_CONTROLLER"]);
    expect(!r.ok && r.violations.some((v) => v.overridden)).toBe(false);
  });
});

describe("growing a disk", () => {
  it("grows 100 → 200 GiB, reserving the thick disk's new space, and the activity ends it", async () => {
    const r = await growDisk(s.a, { vmId: s.vm, diskId: s.dataDisk, sizeGib: 200 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await diskRow(s.dataDisk)).toMatchObject({ sizeGib: 200, usedGib: 200 });
    expect(await lastAudit("vm.disk_grow")).toMatchObject({ outcome: "SUCCEEDED", before: { disk: "Hard disk 2", sizeGib: 100 }, after: { disk: "Hard disk 2", sizeGib: 200 } });
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await diskRow(s.dataDisk)).toMatchObject({ sizeGib: 200 });
  });

  it("refuses 200 → 100 GiB with DISK.SHRINK, 200 / 100, even with a reason, and changes nothing", async () => {
    await db().vmDisk.update({ where: { id: s.dataDisk }, data: { sizeGib: 200, usedGib: 200 } });
    const r = await growDisk(s.a, { vmId: s.vm, diskId: s.dataDisk, sizeGib: 100, ...reason });
    expect(!r.ok && r.violations.map((v) => [v.code, v.limit, v.actual, v.overridden])).toEqual([["DISK.SHRINK", 200, 100, undefined]]);
    expect(await diskRow(s.dataDisk)).toMatchObject({ sizeGib: 200, usedGib: 200 });
    expect(await lastAudit("vm.disk_grow")).toMatchObject({ outcome: "REFUSED" });
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.vm } })).toMatchObject({ busyActivityId: null });
  });

  it("says a disk of the size asked is already that size", async () => {
    await expect(growDisk(s.a, { vmId: s.vm, diskId: s.dataDisk, sizeGib: 100 })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("holds the growth to the snapshot reserve (hard): 741 GiB more leaves 99 of 100, reason or not", async () => {
    const r = await growDisk(s.a, { vmId: s.vm, diskId: s.dataDisk, sizeGib: 841, ...reason });
    // Beside it, the warning that 901 GiB are promised on a 1000 GiB volume (past 90 %).
    expect(!r.ok && r.violations.filter((v) => v.severity === "refuse").map((v) => [v.code, v.limit, v.actual])).toEqual([["DATASTORE.SNAPSHOT_RESERVE", 100, 99]]);
    expect(!r.ok && r.violations.find((v) => v.code === "DATASTORE.SNAPSHOT_RESERVE")!.message.en).toMatch(/^Growing the thick disk Hard disk 2 by 741 GiB would leave 99 GiB free on .+, below the 100 GiB \(10 %\) kept for backup snapshots\. Grow it less, or grow the datastore\.$/);
    expect(await diskRow(s.dataDisk)).toMatchObject({ sizeGib: 100 });
    expect((await growDisk(s.a, { vmId: s.vm, diskId: s.dataDisk, sizeGib: 840 })).ok).toBe(true);
  });

  it("puts the old size back when the extension fails", async () => {
    setInfraFaults([{ type: "vm.disk_grow", step: "extend_disk" }]);
    const r = await growDisk(s.a, { vmId: s.vm, diskId: s.dataDisk, sizeGib: 300 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await diskRow(s.dataDisk)).toMatchObject({ sizeGib: 100, usedGib: 100 });
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.vm } })).toMatchObject({ busyActivityId: null });
  });
});

describe("deleting a disk", () => {
  it("deletes a data disk once the activity has run, audited with what it was", async () => {
    const r = await deleteDisk(s.a, { vmId: s.vm, diskId: s.dataDisk });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await lastAudit("vm.disk_delete")).toMatchObject({ before: { disk: "Hard disk 2", sizeGib: 100, provisioning: "THICK", mode: "PERSISTENT", controller: "SCSI 0 (LSI Logic SAS)" } });
    expect(await diskRow(s.dataDisk)).not.toBeNull();
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await diskRow(s.dataDisk)).toBeNull();
    expect(await db().vmDisk.count({ where: { vmId: s.vm } })).toBe(1);
  });

  it("keeps the disk when the deletion fails", async () => {
    setInfraFaults([{ type: "vm.disk_delete", step: "delete_disk" }]);
    const r = await deleteDisk(s.a, { vmId: s.vm, diskId: s.dataDisk });
    if (!r.ok) throw new Error("refused");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await diskRow(s.dataDisk)).not.toBeNull();
  });

  it("refuses the system disk, saying why and what to do", async () => {
    const e = await deleteDisk(s.a, { vmId: s.vm, diskId: s.systemDisk }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as ConflictError).text.en).toBe(`Hard disk 1 is the system disk of ${s.vmName} (its first disk, the one it boots from): it cannot be deleted on its own. Delete another disk, or delete the VM.`);
    expect(await diskRow(s.systemDisk)).not.toBeNull();
  });

  it("refuses while another activity changes the VM", async () => {
    const r = await growDisk(s.a, { vmId: s.vm, diskId: s.dataDisk, sizeGib: 200 });
    expect(r.ok).toBe(true);
    await expect(deleteDisk(s.a, { vmId: s.vm, diskId: s.dataDisk })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("another tenant's VM or disk", () => {
  it("is not found, whichever way it is reached, and nothing of theirs changes", async () => {
    await expect(addDisk(s.a, add({ vmId: s.theirVm }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(growDisk(s.a, { vmId: s.theirVm, diskId: s.theirDisk, sizeGib: 200 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteDisk(s.a, { vmId: s.theirVm, diskId: s.theirDisk })).rejects.toBeInstanceOf(NotFoundError);
    // Their disk through my VM: not found either.
    await expect(growDisk(s.a, { vmId: s.vm, diskId: s.theirDisk, sizeGib: 200 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteDisk(s.a, { vmId: s.vm, diskId: s.theirDisk })).rejects.toBeInstanceOf(NotFoundError);
    expect(await diskRow(s.theirDisk)).toMatchObject({ sizeGib: 100 });
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.theirVm } })).toMatchObject({ busyActivityId: null });
  });
});

describe("reverting to a snapshot", () => {
  it("is audited with the snapshot's name, and the activity leaves the VM, its power and its snapshots as they were", async () => {
    const snap = await db().snapshot.create({ data: { tenantId: s.a.tenant.id, vmId: s.vm, name: "before-upgrade" } });
    const later = await db().snapshot.create({ data: { tenantId: s.a.tenant.id, vmId: s.vm, name: "after-upgrade" } });
    const r = await revertSnapshot(s.a, { vmId: s.vm, snapshotId: snap.id });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await lastAudit("vm.snapshot_revert")).toMatchObject({ outcome: "SUCCEEDED", after: { revertedTo: "before-upgrade", takenAt: snap.createdAt.toISOString() } });
    expect(await db().activity.findUniqueOrThrow({ where: { id: r.value.activityId } })).toMatchObject({ type: "vm.snapshot_revert", resourceId: s.vm });
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect((await db().snapshot.findMany({ where: { vmId: s.vm }, orderBy: { createdAt: "asc" } })).map((x) => x.id)).toEqual([snap.id, later.id]);
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.vm } })).toMatchObject({ powerState: "POWERED_OFF", busyActivityId: null });
  });

  it("does not find another tenant's snapshot, through their VM or through mine", async () => {
    const theirs = await db().snapshot.create({ data: { tenantId: s.b.tenant.id, vmId: s.theirVm, name: "theirs" } });
    await expect(revertSnapshot(s.a, { vmId: s.theirVm, snapshotId: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(revertSnapshot(s.a, { vmId: s.vm, snapshotId: theirs.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.theirVm } })).toMatchObject({ busyActivityId: null });
  });
});
