import { describe, expect, it, test } from "vitest";
import { checkMigration, migrationMove, type MigrationVm } from "./migration";
import { allViolations } from "./result";
import { makeDatastore, makePool } from "./testing/fixtures";

const codes = (d: Parameters<typeof allViolations>[0]) => allViolations(d).map((v) => v.code);

/** vm0 of pool1, on h0 and ds1, 32 GB, running, one 100 GiB thick disk. */
const vm = (extra: Partial<MigrationVm> = {}): MigrationVm => ({
  id: "vm0",
  name: "web-1",
  memoryGb: 32,
  poweredOn: true,
  iopsDemand: 0,
  encryption: "NONE",
  poolId: "pool1",
  hostId: "h0",
  datastoreId: "ds1",
  disks: [{ label: "Hard disk 1", sizeGib: 100, usedGib: 100, provisioning: "THICK", datastoreId: "ds1" }],
  ...extra,
});

describe("migrationMove", () => {
  test.each([
    [{ poolId: "pool1", hostId: "h1", datastoreId: "ds1" }, { poolChanges: false, hostChanges: true, datastoreChanges: false }],
    [{ poolId: "pool1", hostId: "h0", datastoreId: "ds2" }, { poolChanges: false, hostChanges: false, datastoreChanges: true }],
    [{ poolId: "pool1", datastoreId: "ds2" }, { poolChanges: false, hostChanges: false, datastoreChanges: true }],
    [{ poolId: "pool2", datastoreId: "ds1" }, { poolChanges: true, hostChanges: true, datastoreChanges: false }],
    [{ poolId: "pool1", hostId: "h0", datastoreId: "ds1" }, { poolChanges: false, hostChanges: false, datastoreChanges: false }],
  ])("%o", (target, expected) => expect(migrationMove(vm(), target)).toEqual(expected));
});

describe("checkMigration", () => {
  it("moves a running VM to the host picked in its pool", () => {
    const pool = makePool({ hosts: 3, vms: [{ id: "vm0", memoryGb: 32, host: 0 }] });
    expect(checkMigration({ vm: vm(), pool, hostId: "h2" })).toEqual({ ok: true, value: { hostId: "h2" }, warnings: [] });
  });

  it("refuses a host an enabled anti-affinity rule forbids, naming AFFINITY.VIOLATION and the rule; another host passes", () => {
    const pool = makePool({ hosts: 3, vms: [{ id: "vm0", memoryGb: 32, host: 0 }, { id: "vm1", memoryGb: 32, host: 1 }], rules: [{ id: "apart", kind: "ANTI_AFFINITY", vmIds: ["vm0", "vm1"] }] });
    const refused = checkMigration({ vm: vm(), pool, hostId: "h1" });
    expect(codes(refused)).toEqual(["AFFINITY.VIOLATION"]);
    expect(allViolations(refused)[0]).toMatchObject({ subject: "apart" });
    // An override reaches only advisory rules: the anti-affinity rule stands.
    expect(checkMigration({ vm: vm(), pool, hostId: "h1", override: { reason: "maintenance window tonight" } }).ok).toBe(false);
    expect(checkMigration({ vm: vm(), pool, hostId: "h2" })).toMatchObject({ ok: true, value: { hostId: "h2" } });
  });

  it("refuses a host whose share would be exceeded with the numbers (advisory: an override passes it)", () => {
    // 3 hosts × 128 GB activated: each carries 128 GB; h1 runs 100, with 32 more it would carry 132.
    const pool = makePool({ hosts: 3, vms: [{ id: "vm0", memoryGb: 32, host: 0 }, { id: "big", memoryGb: 100, host: 1 }] });
    const d = checkMigration({ vm: vm(), pool, hostId: "h1" });
    expect(codes(d)).toEqual(["CPOOL.MEMORY_PRESSURE"]);
    expect(allViolations(d)[0]).toMatchObject({ limit: 128, actual: 132, unit: "GB", subject: "h1" });
    const over = checkMigration({ vm: vm(), pool, hostId: "h1", override: { reason: "accepted for one night" } });
    expect(over).toMatchObject({ ok: true, value: { hostId: "h1" } });
  });

  it("refuses a host's physical RAM whatever the override (hard)", () => {
    const pool = makePool({ hosts: 2, activatedMemoryGb: 768, vms: [{ id: "vm0", memoryGb: 32, host: 0 }, { id: "big", memoryGb: 370, host: 1 }] });
    const d = checkMigration({ vm: vm(), pool, hostId: "h1", override: { reason: "accepted for one night" } });
    expect(codes(d)).toContain("HOST.PHYSICAL_MEMORY");
    expect(allViolations(d).find((v) => v.code === "HOST.PHYSICAL_MEMORY")).toMatchObject({ limit: 384, actual: 402 });
  });

  it("lets the engine pick a host in another pool, held to that pool's activated memory", () => {
    const target = makePool({ id: "pool2", hosts: 2, vms: [{ id: "a", memoryGb: 100, host: 0 }] });
    expect(checkMigration({ vm: vm(), pool: target })).toMatchObject({ ok: true, value: { hostId: "h1" } });
    // 2 × 128 GB activated, 85 % = 217.6 GB: 200 running + 32 arriving is over the line.
    const full = makePool({ id: "pool2", hosts: 2, vms: [{ id: "a", memoryGb: 100, host: 0 }, { id: "b", memoryGb: 100, host: 1 }] });
    expect(codes(checkMigration({ vm: vm(), pool: full }))).toContain("CPOOL.MEMORY_PRESSURE");
  });

  test.each([
    [true, "AFFINITY.VIOLATION"],
    [false, "AFFINITY.UNSATISFIABLE"],
  ] as const)("a VM named by a rule (enabled: %s) does not leave its pool: %s, naming the rule", (enabled, code) => {
    const target = makePool({ id: "pool2", hosts: 2 });
    const d = checkMigration({ vm: vm(), pool: target, leavingRules: [{ id: "apart", name: "web-apart", kind: "ANTI_AFFINITY", enabled, vmIds: ["vm0", "vm1"], poolName: "prod" }] });
    expect(codes(d)).toEqual([code]);
    expect(allViolations(d)[0]!.message.en).toContain("web-apart");
    expect(allViolations(d)[0]!.message.en).toContain("prod");
  });

  it("copies the disks to a new datastore as added disks: the snapshot reserve is hard", () => {
    const pool = makePool({ hosts: 2, vms: [{ id: "vm0", memoryGb: 32, host: 0 }] });
    // 1024 GiB with 850 used: 100 more leaves 74, under the 102.4 GiB reserve.
    const ds = makeDatastore({ id: "ds2", sizeGib: 1024, usedGib: 850, provisionedGib: 850 });
    const d = checkMigration({ vm: vm(), pool, datastore: ds, override: { reason: "accepted for one night" } });
    expect(codes(d)).toContain("DATASTORE.SNAPSHOT_RESERVE");
    expect(allViolations(d).find((v) => v.code === "DATASTORE.SNAPSHOT_RESERVE")).toMatchObject({ limit: 102.4, actual: 74 });
    // On an empty datastore the disk and the swap file fit; the host stays.
    expect(checkMigration({ vm: vm(), pool, datastore: makeDatastore({ id: "ds2" }) })).toEqual({ ok: true, value: { hostId: "h0" }, warnings: [] });
  });

  it("keeps an encrypted VM off a Global Mirror datastore", () => {
    const pool = makePool({ hosts: 2, vms: [{ id: "vm0", memoryGb: 32, host: 0 }] });
    const d = checkMigration({ vm: vm({ encryption: "ENCRYPTED" }), pool, datastore: makeDatastore({ id: "ds2", replication: "GLOBAL_MIRROR" }) });
    expect(codes(d)).toEqual(["REPLICATION.VM_ENCRYPTED"]);
  });
});
