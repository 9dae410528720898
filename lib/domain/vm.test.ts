import { describe, expect, it } from "vitest";
import { checkAffinityRule } from "./affinity";
import { checkVlanPropagation } from "./network";
import { checkOrderOpen, ORDER_RESOURCE_TYPES } from "./orders";
import { allViolations } from "./result";
import { makeDatastore, makePool } from "./testing/fixtures";
import { checkPowerOn, checkRemoveBackupPolicy } from "./vm";

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
