import { describe, expect, it, test } from "vitest";
import { checkGlobalMirror, checkMetroMirror, checkRpoCompliance, checkVmReplication, rpoStatus, vmReplicationRpoMinutes, type StorageMirrorInput, type VmReplicationInput } from "./replication";
import { allViolations } from "./result";

const codes = (d: Parameters<typeof allViolations>[0]) => allViolations(d).map((v) => v.code);

const mirror: StorageMirrorInput = {
  datastore: { id: "ds1", tier: "STANDARD", sizeGib: 3000, azCode: "PAR7S" },
  vms: [],
  standby: { azCode: "AZ07", availableGib: 5000, tier: "STANDARD" },
};

describe("checkGlobalMirror", () => {
  it("gives the reference's terms: RPO 15 min, RTO 4 h, the size again on standby, licence per started TiB", () => {
    expect(checkGlobalMirror(mirror)).toEqual({
      ok: true,
      value: { rpoMinutes: 15, rtoMinutes: 240, standbyGib: 3000, licenceTib: 3, writeImpact: 0.1 },
      warnings: [],
    });
  });

  test.each([
    ["PAR7S", ["REPLICATION.GM_STANDBY_CAPACITY"]],
    ["XX9", ["REPLICATION.GM_STANDBY_CAPACITY"]],
    ["TH3S", []],
  ])("standby AZ %s → %o", (az, expected) => {
    expect(codes(checkGlobalMirror({ ...mirror, standby: { azCode: az, availableGib: 5000, tier: "STANDARD" } }))).toEqual(expected);
  });

  it("reports tier, capacity and encrypted VMs together", () => {
    const d = checkGlobalMirror({
      datastore: { ...mirror.datastore, tier: "ULTRA" },
      vms: [{ id: "a", encrypted: true }],
      standby: { azCode: "TH3S", availableGib: 10, tier: "ULTRA" },
    });
    expect(codes(d)).toEqual(["REPLICATION.GM_TIER", "REPLICATION.GM_STANDBY_CAPACITY", "REPLICATION.VM_ENCRYPTED"]);
  });

  it("refuses a standby copy on another tier: performance must be identical in both AZs", () => {
    const d = checkGlobalMirror({ ...mirror, standby: { ...mirror.standby, azCode: "TH3S", tier: "PREMIUM" } });
    expect(d.ok).toBe(false);
    expect(allViolations(d)).toEqual([expect.objectContaining({ code: "REPLICATION.STANDBY_TIER", subject: "ds1" })]);
    expect(allViolations(d)[0]?.message.en).toBe(
      "Storage replication needs identical performance in both AZs: ds1 is FLASH Standard, the standby copy in TH3S would be FLASH Premium. Put the standby copy on FLASH Standard.",
    );
  });
});

describe("checkMetroMirror", () => {
  it("needs the standby capacity, under its own code, but no tier and allows encrypted VMs", () => {
    const ok = checkMetroMirror({ ...mirror, datastore: { ...mirror.datastore, tier: "ULTRA" }, vms: [{ id: "a", encrypted: true }], standby: { ...mirror.standby, tier: "ULTRA" } });
    expect(ok).toMatchObject({ ok: true, value: { rpoMinutes: 0, standbyGib: 3000 } });
    expect(codes(checkMetroMirror({ ...mirror, standby: { azCode: "TH3S", availableGib: 2999, tier: "STANDARD" } }))).toEqual(["REPLICATION.MM_STANDBY_CAPACITY"]);
    expect(codes(checkMetroMirror({ ...mirror, standby: { ...mirror.standby, azCode: "PAR7S" } }))).toEqual(["REPLICATION.MM_STANDBY_CAPACITY"]);
  });

  it("needs the same tier on both sides, as Global Mirror does", () => {
    expect(codes(checkMetroMirror({ ...mirror, datastore: { ...mirror.datastore, tier: "ULTRA" } }))).toEqual(["REPLICATION.STANDBY_TIER"]);
    // Exactly the standby capacity needed (3000 GiB for 3000 GiB) is enough.
    expect(checkMetroMirror({ ...mirror, standby: { ...mirror.standby, availableGib: 3000 } }).ok).toBe(true);
  });
});

describe("VM replication", () => {
  test.each([
    [0, 60],
    [0.5, 60],
    [1, 60],
    [1.01, 120],
    [5.5, 360],
    [24, 1440],
    [200, 1440],
  ])("%s MB/s → RPO %i min", (rate, rpo) => {
    expect(vmReplicationRpoMinutes(rate)).toBe(rpo);
  });

  const input: VmReplicationInput = {
    vm: { id: "vm1", name: "erp", memoryGb: 64, storageGib: 500, writeRateMbps: 3, azCode: "PAR7S" },
    standby: { azCode: "TH3S", pool: { nodeType: "STANDARD_V3", hosts: 2, activatedMemoryGb: 256, haEnabled: true, usedGb: 100 }, reservedForReplicasGb: 0, availableStorageGib: 500 },
  };

  it("accepts with RPO from the write rate and RTO 15 min", () => {
    expect(checkVmReplication(input)).toEqual({ ok: true, value: { rpoMinutes: 180, rtoMinutes: 15, reservedGb: 64, standbyGib: 500 }, warnings: [] });
  });

  it("needs memory reserved on the standby pool under its 85 % line, net of other replicas", () => {
    // 256 GB × 85 % = 217.6; 100 used; 60 reserved for others → 57.6 left < 64.
    const d = checkVmReplication({ ...input, standby: { ...input.standby, reservedForReplicasGb: 60 } });
    expect(allViolations(d)).toMatchObject([{ code: "REPLICATION.VM_STANDBY_RESERVATION", limit: 57.6, actual: 64 }]);
  });

  it("needs a pool on the standby site, in another AZ", () => {
    const d = checkVmReplication({ ...input, standby: { ...input.standby, azCode: "PAR7S", pool: null } });
    expect(codes(d)).toEqual(["REPLICATION.VM_STANDBY_RESERVATION", "REPLICATION.VM_STANDBY_RESERVATION"]);
  });

  it("warns, without refusing, for a write-heavy VM", () => {
    const d = checkVmReplication({ ...input, vm: { ...input.vm, writeRateMbps: 45 } });
    expect(d.ok).toBe(true);
    expect(codes(d)).toEqual(["REPLICATION.VM_WRITE_RATE"]);
    if (d.ok) expect(d.value.rpoMinutes).toBe(1440);
  });
});

describe("RPO", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const ago = (m: number) => new Date(now.getTime() - m * 60_000);
  test.each([
    [15, 0, "ok", true],
    [15, 12, "ok", true],
    [15, 12.5, "at_risk", true],
    [15, 15, "at_risk", true],
    [15, 15.5, "breach", false],
    [60, 240, "breach", false],
  ] as const)("RPO %i min, last point %s min ago → %s", (rpo, lag, status, compliant) => {
    expect(rpoStatus(rpo, ago(lag), now)).toEqual({ lagMinutes: lag, compliant, status });
  });

  it("is in its initial copy, not in breach, until a first point is replicated", () => {
    expect(rpoStatus(15, null, now)).toEqual({ lagMinutes: null, compliant: false, status: "initial_copy" });
    const d = checkRpoCompliance({ id: "r", promisedRpoMinutes: 15, lastReplicatedAt: null }, now);
    expect(d).toEqual({ ok: true, value: { lagMinutes: null, compliant: false, status: "initial_copy" }, warnings: [] });
  });
});
