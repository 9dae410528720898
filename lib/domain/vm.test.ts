import { describe, expect, it } from "vitest";
import { checkAffinityRule } from "./affinity";
import { checkVlanPropagation } from "./network";
import { checkOrderOpen, ORDER_RESOURCE_TYPES } from "./orders";
import { allViolations } from "./result";
import { makeDatastore, makePool } from "./testing/fixtures";
import { checkPowerOn, checkRemoveBackupPolicy, checkVmFootprint } from "./vm";

const codes = (d: Parameters<typeof allViolations>[0]) => allViolations(d).map((v) => v.code);
const vm = { id: "vm1", memoryGb: 64, iopsDemand: 0, powerState: "POWERED_OFF" as const, backupPolicyCount: 1, encryption: "NONE" as const };

describe("checkPowerOn", () => {
  it("needs a backup policy and room for the swap file, both reported", () => {
    const d = checkPowerOn({ vm: { ...vm, backupPolicyCount: 0 }, datastore: makeDatastore({ sizeGib: 1024, usedGib: 1000 }) });
    expect(codes(d)).toEqual(["BACKUP.POLICY_REQUIRED", "DATASTORE.SWAP_SPACE", "DATASTORE.SNAPSHOT_RESERVE"]);
  });

  it("with the pool, is a placement: names the host and checks memory", () => {
    const pool = makePool({ hosts: 2, vms: [{ id: "vm1", memoryGb: 64, host: 1, poweredOn: false }, { id: "other", memoryGb: 100, host: 0 }] });
    expect(checkPowerOn({ vm, datastore: makeDatastore(), pool })).toEqual({ ok: true, value: { hostId: "h1" }, warnings: [] });
    const crowded = makePool({ hosts: 1, vms: [{ id: "vm1", memoryGb: 64, host: 0, poweredOn: false }, { id: "other", memoryGb: 100, host: 0 }] });
    expect(codes(checkPowerOn({ vm, datastore: makeDatastore(), pool: crowded }))).toContain("CPOOL.MEMORY_PRESSURE");
  });

  it("is a no-op for a running VM", () => {
    expect(checkPowerOn({ vm: { ...vm, powerState: "POWERED_ON", backupPolicyCount: 0 }, datastore: makeDatastore({ usedGib: 1024 }) }).ok).toBe(true);
  });
});

describe("checkRemoveBackupPolicy", () => {
  it.each([
    ["POWERED_ON", 1, ["BACKUP.LAST_POLICY"]],
    ["POWERED_ON", 2, []],
    ["SUSPENDED", 1, []],
    ["POWERED_OFF", 1, []],
  ] as const)("%s with %i policies → %o", (powerState, backupPolicyCount, expected) => {
    expect(codes(checkRemoveBackupPolicy({ id: "vm1", powerState, backupPolicyCount }))).toEqual(expected);
  });
});

describe("checkAffinityRule", () => {
  const pool = makePool({ hosts: 3 }); // 128 GB per host
  const vms = (mem: number[], poolId = "pool1") => mem.map((m, i) => ({ id: `v${i}`, poolId, memoryGb: m }));

  it.each([
    ["AFFINITY", [64, 64], []],
    ["AFFINITY", [64, 65], ["AFFINITY.UNSATISFIABLE"]],
    ["ANTI_AFFINITY", [8, 8, 8], []],
    ["ANTI_AFFINITY", [8, 8, 8, 8], ["AFFINITY.UNSATISFIABLE"]],
    ["AFFINITY", [8], ["AFFINITY.UNSATISFIABLE"]],
  ] as const)("%s of VMs %o → %o", (kind, mem, expected) => {
    expect(codes(checkAffinityRule(pool, { kind, vms: vms([...mem]) }))).toEqual(expected);
  });

  it("binds VMs of one pool only", () => {
    const d = checkAffinityRule(pool, { kind: "ANTI_AFFINITY", vms: [{ id: "a", poolId: "pool1", memoryGb: 8 }, { id: "b", poolId: "pool2", memoryGb: 8 }] });
    expect(allViolations(d)).toMatchObject([{ code: "AFFINITY.UNSATISFIABLE", actual: 1 }]);
  });
});

describe("checkOrderOpen", () => {
  it("allows one open order per resource type", () => {
    for (const t of ORDER_RESOURCE_TYPES) {
      expect(checkOrderOpen(t, []).ok).toBe(true);
      expect(checkOrderOpen(t, [{ id: "o", resourceType: t, status: "SUBMITTED" }]).ok).toBe(false);
      expect(checkOrderOpen(t, [{ id: "o", resourceType: t, status: "CANCELLED" }]).ok).toBe(true);
    }
  });
});

describe("checkVlanPropagation", () => {
  it("propagates within the organization only", () => {
    const vlan = { id: "v", tenantId: "t1", organizationId: "o1" };
    expect(checkVlanPropagation({ vlan, target: { tenantId: "t2", organizationId: "o1" } }).ok).toBe(true);
    const d = checkVlanPropagation({ vlan, target: { tenantId: "x", tenantName: "Acme prod", organizationId: "o2" } });
    expect(d.ok).toBe(false);
    expect(allViolations(d)[0]?.message.en).toContain("Acme prod");
  });
});

describe("checkVmFootprint: a resize or a new disk meets the rules of a creation", () => {
  // The pool: PERFORMANCE 2 v3 hosts of 768 GB, 3 × 384 = 1152 GB activated. app-01 (16 GB)
  // runs on h0 beside 120 GB; 120 GB run on each other host. 376 GB in all.
  const perf2 = () =>
    makePool({
      nodeType: "PERF2_V3",
      hosts: 3,
      activatedMemoryGb: 1152,
      vms: [{ id: "app-01", memoryGb: 16, host: 0 }, { memoryGb: 120, host: 0 }, { memoryGb: 120, host: 1 }, { memoryGb: 120, host: 2 }],
    });
  const roomy = () => makeDatastore({ sizeGib: 10240, vms: [{ id: "app-01", memoryGb: 16 }] });
  const app = (memoryGb: number) => ({ id: "app-01", name: "app-01", memoryGb, iopsDemand: 0, encryption: "NONE" as const });

  it("refuses a running VM grown to 900 GB on a 768 GB host, override or not: the host's RAM and the pool's activated memory are hard", () => {
    for (const override of [undefined, { reason: "quarter-end batch, memory order on its way" }]) {
      const d = checkVmFootprint({ pool: perf2(), datastore: roomy(), vm: app(900), override });
      expect(d.ok).toBe(false);
      expect(allViolations(d).map((v) => [v.code, v.severity, v.limit, v.actual])).toEqual([
        ["HOST.PHYSICAL_MEMORY", "refuse", 768, 900],
        ["CPOOL.ACTIVATED_MEMORY", "refuse", 1152, 1260],
      ]);
    }
  });

  it("refuses a VM that fits a host but not beside what its host already runs, and leaves the 85 % line refused with it", () => {
    // 700 GB: h0 would run 820 of its 768 GB; the pool 1060 GB, past 979.2 (85 %) but within 1152.
    const d = checkVmFootprint({ pool: perf2(), datastore: roomy(), vm: app(700), override: { reason: "quarter-end batch, memory order on its way" } });
    expect(allViolations(d).map((v) => [v.code, v.severity, v.limit, v.actual])).toEqual([
      ["CPOOL.MEMORY_PRESSURE", "refuse", 979.2, 1060],
      ["HOST.PHYSICAL_MEMORY", "refuse", 768, 820],
    ]);
    expect(allViolations(d)[1]?.message.en).toBe(
      "Host h0 has 768 GB of physical RAM; with this VM it would run 820 GB. This is a hard limit that no override passes: give the VM less memory, move VMs off the host, or add a host.",
    );
  });

  it("lets the same override accept a grow that only passes the 85 % line", () => {
    // 979.2 GB is 85 % of 1152: 360 + 620 = 980 is past it, within the activated memory; h0 carries 740 of its 768 GB, past its 384 GB share.
    expect(codes(checkVmFootprint({ pool: perf2(), datastore: roomy(), vm: app(620) }))).toEqual(["CPOOL.MEMORY_PRESSURE", "CPOOL.MEMORY_PRESSURE"]);
    const d = checkVmFootprint({ pool: perf2(), datastore: roomy(), vm: app(620), override: { reason: "quarter-end batch, memory order on its way" } });
    expect(d).toMatchObject({ ok: true, value: { hostId: "h0" } });
    expect(allViolations(d).every((v) => v.severity === "warn" && v.overridden)).toBe(true);
  });

  // 2048 GiB: 204.8 GiB kept for snapshots. Disks hold 1150 GiB and app-01's swap file 16: 882 free.
  const tight = () => makeDatastore({ sizeGib: 2048, usedGib: 1150, vms: [{ id: "app-01", memoryGb: 16 }] });
  const large = () => makePool({ nodeType: "PERF3_V3", hosts: 3, activatedMemoryGb: 4608, vms: [{ id: "app-01", memoryGb: 16, host: 0 }] });

  it("refuses a 700 GB creation on a datastore whose snapshot reserve its swap file would eat", () => {
    const d = checkVmFootprint({ pool: large(), datastore: tight(), vm: { ...app(700), id: "new", backupPolicyCount: 1 }, newDisks: [{ sizeGib: 40, provisioning: "THIN" }], start: true });
    expect(allViolations(d).map((v) => [v.code, v.limit, v.actual])).toEqual([["DATASTORE.SNAPSHOT_RESERVE", 204.8, 182]]);
  });

  it("refuses a running VM grown to 900 GB on that datastore too: its swap file grows with it", () => {
    const d = checkVmFootprint({ pool: large(), datastore: tight(), vm: app(900) });
    expect(d.ok).toBe(false);
    // Without its 16 GiB swap file the datastore has 898 GiB free.
    expect(allViolations(d).map((v) => [v.code, v.limit, v.actual])).toEqual([
      ["DATASTORE.SWAP_SPACE", 898, 900],
      ["DATASTORE.SNAPSHOT_RESERVE", 204.8, -2],
    ]);
    expect(allViolations(d)[0]?.message.en).toBe(
      "Growing app-01 to 900 GB grows its swap file to 900 GiB on ds1, which has 898 GiB free for it. Free space, grow the datastore, or give the VM less memory.",
    );
    // 693 GB leaves 205 GiB: the reserve is kept.
    expect(checkVmFootprint({ pool: large(), datastore: tight(), vm: app(693) }).ok).toBe(true);
    expect(codes(checkVmFootprint({ pool: large(), datastore: tight(), vm: app(694) }))).toEqual(["DATASTORE.SNAPSHOT_RESERVE"]);
    expect(codes(checkVmFootprint({ pool: large(), datastore: tight(), vm: app(694), override: { reason: "backups can wait a week" } }))).toEqual(["DATASTORE.SNAPSHOT_RESERVE"]);
  });

  it("checks nothing of the pool when memory does not grow, and a stopped VM only against a host's RAM", () => {
    expect(checkVmFootprint({ pool: perf2(), datastore: tight(), vm: app(8) })).toEqual({ ok: true, value: { hostId: "h0" }, warnings: [] });
    const stopped = makePool({ nodeType: "PERF2_V3", hosts: 3, activatedMemoryGb: 1152, vms: [{ id: "app-01", memoryGb: 16, host: 0, poweredOn: false }] });
    expect(checkVmFootprint({ pool: stopped, datastore: tight(), vm: app(768) }).ok).toBe(true);
    expect(allViolations(checkVmFootprint({ pool: stopped, datastore: tight(), vm: app(769) })).map((v) => [v.code, v.limit, v.actual])).toEqual([["HOST.PHYSICAL_MEMORY", 768, 769]]);
  });

  it("holds a new disk to the snapshot reserve, through the same function", () => {
    // 882 free: a 678 GiB thick disk leaves 204 < 204.8.
    const d = checkVmFootprint({ pool: large(), datastore: tight(), vm: app(16), newDisks: [{ sizeGib: 678, provisioning: "THICK" }] });
    expect(allViolations(d).map((v) => [v.code, v.limit, v.actual])).toEqual([
      ["DATASTORE.SNAPSHOT_RESERVE", 204.8, 204],
      ["DATASTORE.THIN_OVERCOMMIT", 1827.2, 1828],
    ]);
    expect(checkVmFootprint({ pool: large(), datastore: tight(), vm: app(16), newDisks: [{ sizeGib: 677, provisioning: "THICK" }] }).ok).toBe(true);
  });
});

describe("checkPowerOn under an override", () => {
  // 3 × 128 = 384 GB activated, 300 GB running: 32 GB more passes the 85 % line (326.4 GB).
  const crowded = () => makePool({ vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }, { id: "starting", memoryGb: 32, host: null, poweredOn: false }] });
  const reason = { reason: "quarter-end batch, memory order on its way" };
  const start = { ...vm, id: "starting", memoryGb: 32 };

  it("accepts the 85 % line overridden and names the engine's host", () => {
    const d = checkPowerOn({ vm: start, datastore: makeDatastore(), pool: crowded(), override: reason });
    expect(d).toMatchObject({ ok: true, value: { hostId: "h0" } });
    expect(allViolations(d).every((v) => v.overridden?.reason === reason.reason)).toBe(true);
  });

  it("overrides nothing while a hard refusal (no backup policy) stands beside it", () => {
    const d = checkPowerOn({ vm: { ...start, backupPolicyCount: 0 }, datastore: makeDatastore(), pool: crowded(), override: reason });
    expect(d.ok).toBe(false);
    expect(codes(d)).toEqual(["BACKUP.POLICY_REQUIRED", "CPOOL.MEMORY_PRESSURE", "CPOOL.MEMORY_PRESSURE"]);
    expect(allViolations(d).some((v) => v.overridden)).toBe(false);
  });
});
