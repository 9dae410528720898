import { describe, expect, it, test } from "vitest";
import { checkAffinityRule } from "./affinity";
import { checkEncryption } from "./encryption";
import { checkPlacement } from "./placement";
import { checkAddHosts, checkHostMaintenance, checkRemoveHosts, poolMemory } from "./pool";
import { checkVmReplication, type VmReplicationInput } from "./replication";
import { allViolations, type Decision } from "./result";
import { checkDiskAdd } from "./storage";
import { makeDatastore, makePool } from "./testing/fixtures";
import { checkPowerOn } from "./vm";

// The rules the review found missing or bent, and the boundaries the mutation run asked for.

const codes = (d: Decision<unknown>) => allViolations(d).map((v) => v.code);

describe("an encrypted VM does not reach a Global Mirror datastore by a side door", () => {
  const gm = makeDatastore({ id: "gm", replication: "GLOBAL_MIRROR", vms: [{ id: "there", memoryGb: 8, poweredOn: false }] });
  const metro = makeDatastore({ id: "mm", replication: "METRO_MIRROR" });

  test.each([
    ["ENCRYPTED", ["REPLICATION.VM_ENCRYPTED"]],
    ["ENCRYPTING", ["REPLICATION.VM_ENCRYPTED"]],
    ["NONE", []],
  ] as const)("a new disk of a VM %s onto it → %o", (encryption, expected) => {
    const d = checkDiskAdd(gm, { sizeGib: 100, provisioning: "THIN", vm: { id: "vm1", name: "db-01", encryption } });
    expect(codes(d)).toEqual(expected);
    expect(d.ok).toBe(expected.length === 0);
  });

  it("says why, naming the VM, the datastore, and whether it is encrypted or being encrypted", () => {
    const encrypted = allViolations(checkDiskAdd(gm, { sizeGib: 100, provisioning: "THIN", vm: { id: "vm1", name: "db-01", encryption: "ENCRYPTED" } }))[0];
    expect(encrypted).toMatchObject({ code: "REPLICATION.VM_ENCRYPTED", severity: "refuse", subject: "vm1" });
    expect(encrypted?.message.en).toBe(
      "db-01 is encrypted, and encrypted VMs are not compatible with Global Mirror, which protects gm. Choose a datastore without Global Mirror, or use VM replication.",
    );
    expect(encrypted?.message.fr).toBe(
      "db-01 est chiffrée, et les VM chiffrées sont incompatibles avec le Global Mirror qui protège gm. Choisissez un datastore sans Global Mirror ou utilisez la réplication de VM.",
    );
    const encrypting = allViolations(checkDiskAdd(gm, { sizeGib: 100, provisioning: "THIN", vm: { id: "vm1", encryption: "ENCRYPTING" } }))[0];
    expect(encrypting?.message.en).toContain("vm1 is being encrypted");
    expect(encrypting?.message.fr).toContain("vm1 est en cours de chiffrement");
  });

  it("lets an encrypted VM's disk onto a Metro Mirror or unmirrored datastore", () => {
    expect(checkDiskAdd(metro, { sizeGib: 100, provisioning: "THIN", vm: { id: "vm1", encryption: "ENCRYPTED" } }).ok).toBe(true);
    expect(checkDiskAdd(makeDatastore(), { sizeGib: 100, provisioning: "THIN", vm: { id: "vm1", encryption: "ENCRYPTED" } }).ok).toBe(true);
  });

  it("refuses placing (creating or moving) an encrypted VM onto it, powered on or off", () => {
    const pool = makePool();
    for (const poweredOn of [true, false]) {
      expect(codes(checkPlacement({ pool, vm: { id: "new", memoryGb: 8, poweredOn, iopsDemand: 0, encryption: "ENCRYPTED" }, datastore: gm }))).toEqual(["REPLICATION.VM_ENCRYPTED"]);
      expect(checkPlacement({ pool, vm: { id: "new", memoryGb: 8, poweredOn, iopsDemand: 0, encryption: "NONE" }, datastore: gm }).ok).toBe(true);
    }
    // The same VM on a datastore without Global Mirror, or a host-only move (no datastore): allowed.
    expect(checkPlacement({ pool, vm: { id: "new", memoryGb: 8, poweredOn: true, iopsDemand: 0, encryption: "ENCRYPTED" }, datastore: metro }).ok).toBe(true);
    expect(checkPlacement({ pool, vm: { id: "new", memoryGb: 8, poweredOn: true, iopsDemand: 0, encryption: "ENCRYPTED" } }).ok).toBe(true);
  });

  it("does not refuse a VM already on the datastore (it did not arrive by this decision)", () => {
    const pool = makePool({ vms: [{ id: "there", memoryGb: 8, host: 0, poweredOn: false }] });
    expect(checkPlacement({ pool, vm: { id: "there", memoryGb: 8, poweredOn: true, iopsDemand: 0, encryption: "ENCRYPTED" }, datastore: gm }).ok).toBe(true);
  });

  it("refuses powering on a new encrypted VM there (power-on is a placement)", () => {
    const vm = { id: "new", memoryGb: 8, iopsDemand: 0, powerState: "POWERED_OFF" as const, backupPolicyCount: 1, encryption: "ENCRYPTED" as const };
    expect(codes(checkPowerOn({ vm, datastore: gm, pool: makePool() }))).toEqual(["REPLICATION.VM_ENCRYPTED"]);
    expect(checkPowerOn({ vm: { ...vm, encryption: "NONE" }, datastore: gm, pool: makePool() }).ok).toBe(true);
  });
});

describe("hosts in maintenance are not available", () => {
  it("for anti-affinity feasibility: 3 VMs apart need 3 hosts outside maintenance", () => {
    const vms = ["a", "b", "c"].map((id) => ({ id, poolId: "pool1", memoryGb: 8 }));
    expect(checkAffinityRule(makePool({ hosts: 3 }), { kind: "ANTI_AFFINITY", vms }).ok).toBe(true);
    const d = checkAffinityRule(makePool({ hosts: 3, maintenance: [2] }), { kind: "ANTI_AFFINITY", vms });
    expect(d.ok).toBe(false);
    expect(allViolations(d)).toEqual([expect.objectContaining({ code: "AFFINITY.UNSATISFIABLE", limit: 2, actual: 3, unit: "hosts" })]);
    expect(allViolations(d)[0]?.message.en).toContain("has 2 available (outside maintenance)");
    expect(checkAffinityRule(makePool({ hosts: 4, maintenance: [3] }), { kind: "ANTI_AFFINITY", vms }).ok).toBe(true);
  });

  it("for affinity: the VMs together fit one available host's share", () => {
    // 3 hosts, 384 GB activated: 128 GB per host; with one in maintenance, 384 / 2 = 192 GB.
    const vms = (gb: number) => [
      { id: "a", poolId: "pool1", memoryGb: gb },
      { id: "b", poolId: "pool1", memoryGb: gb },
    ];
    expect(checkAffinityRule(makePool({ hosts: 3 }), { kind: "AFFINITY", vms: vms(64) }).ok).toBe(true);
    expect(codes(checkAffinityRule(makePool({ hosts: 3 }), { kind: "AFFINITY", vms: vms(64.5) }))).toEqual(["AFFINITY.UNSATISFIABLE"]);
    expect(checkAffinityRule(makePool({ hosts: 3, maintenance: [2] }), { kind: "AFFINITY", vms: vms(96) }).ok).toBe(true);
    expect(allViolations(checkAffinityRule(makePool({ hosts: 3, maintenance: [2] }), { kind: "AFFINITY", vms: vms(96.5) }))[0]).toMatchObject({ limit: 192, actual: 193 });
  });

  it("for SLA eligibility: 2 hosts with one in maintenance are not covered", () => {
    expect(poolMemory(makePool({ hosts: 2 })).slaEligible).toBe(true);
    expect(poolMemory(makePool({ hosts: 2, maintenance: [1] })).slaEligible).toBe(false);
    expect(poolMemory(makePool({ hosts: 3, maintenance: [1] })).slaEligible).toBe(true);
    expect(poolMemory(makePool({ hosts: 3, haEnabled: false })).slaEligible).toBe(false);
    const summary = { nodeType: "STANDARD_V3" as const, hosts: 2, activatedMemoryGb: 256, haEnabled: true, usedGb: 0 };
    expect(poolMemory(summary).slaEligible).toBe(true);
    expect(poolMemory({ ...summary, hostsInMaintenance: 1 }).slaEligible).toBe(false);
  });
});

describe("checkRemoveHosts re-checks what adding does", () => {
  it("accepts a removal that keeps everything in range, keeping the activation unless told", () => {
    const pool = makePool({ hosts: 4, activatedMemoryGb: 512 });
    expect(checkRemoveHosts(pool, { hostIds: ["h3"] })).toEqual({ ok: true, value: { hostCount: 3, activatedMemoryGb: 512 }, warnings: [] });
    expect(checkRemoveHosts(pool, { hostIds: ["h3"], activatedMemoryGb: 384 })).toEqual({ ok: true, value: { hostCount: 3, activatedMemoryGb: 384 }, warnings: [] });
  });

  it("re-checks the reservation against the new host count", () => {
    const pool = makePool({ hosts: 2, activatedMemoryGb: 768 });
    const d = checkRemoveHosts(pool, { hostIds: ["h1"] });
    expect(d.ok).toBe(false);
    expect(allViolations(d)).toEqual([
      expect.objectContaining({ code: "CPOOL.MEMORY_RESERVATION_RANGE", limit: 384, actual: 768 }),
      expect.objectContaining({ code: "CPOOL.SLA_INELIGIBLE", limit: 2, actual: 1 }),
    ]);
    // Lowered to the one host's RAM: accepted, with the HA warning (one host, no automatic restart).
    const lowered = checkRemoveHosts(pool, { hostIds: ["h1"], activatedMemoryGb: 384 });
    expect(lowered.ok).toBe(true);
    expect(codes(lowered)).toEqual(["CPOOL.SLA_INELIGIBLE"]);
    expect(codes(checkRemoveHosts(makePool({ hosts: 3 }), { hostIds: ["h2"], activatedMemoryGb: 255 }))).toEqual(["CPOOL.MEMORY_RESERVATION_RANGE"]);
    expect(checkRemoveHosts(makePool({ hosts: 3 }), { hostIds: ["h2"], activatedMemoryGb: 256 }).ok).toBe(true);
  });

  it("holds the running VMs to 85 % of what the remaining hosts carry, exactly at the line included", () => {
    // 4 hosts → 3, activation lowered to 384 GB: 85 % is 326.4 GB.
    const at = (gb: number) => makePool({ hosts: 4, activatedMemoryGb: 512, vms: [{ memoryGb: gb, host: 0 }] });
    expect(checkRemoveHosts(at(326.4), { hostIds: ["h3"], activatedMemoryGb: 384 }).ok).toBe(true);
    const over = checkRemoveHosts(at(326.5), { hostIds: ["h3"], activatedMemoryGb: 384 });
    expect(over.ok).toBe(false);
    expect(allViolations(over)).toEqual([expect.objectContaining({ code: "CPOOL.MEMORY_PRESSURE", limit: 326.4, actual: 326.5 })]);
    expect(allViolations(over)[0]?.message.en).toContain("removing 1 host(s) with the running VMs would bring it to 326.5 GB");
    expect(allViolations(over)[0]?.message.fr).toContain("retirer 1 hôte(s) avec les VM en marche le porterait à 326,5 Go");
    const overridden = checkRemoveHosts(at(326.5), { hostIds: ["h3"], activatedMemoryGb: 384 }, { reason: "decommissioning, VMs leaving tonight" });
    expect(overridden.ok).toBe(true);
    expect(allViolations(overridden)[0]).toMatchObject({ code: "CPOOL.MEMORY_PRESSURE", severity: "warn", overridden: { reason: "decommissioning, VMs leaving tonight" } });
  });

  it("counts only the remaining hosts outside maintenance for memory and HA", () => {
    // 3 hosts, h2 in maintenance, remove h1: only h0 carries the pool (384 GB of RAM, 326.4 GB at 85 %).
    const pool = makePool({ hosts: 3, maintenance: [2], activatedMemoryGb: 384, vms: [{ memoryGb: 300, host: 0 }] });
    const d = checkRemoveHosts(pool, { hostIds: ["h1"] });
    expect(d.ok).toBe(true);
    expect(allViolations(d)).toEqual([expect.objectContaining({ code: "CPOOL.SLA_INELIGIBLE", limit: 2, actual: 1 })]);
    const heavy = makePool({ hosts: 3, maintenance: [2], activatedMemoryGb: 768, vms: [{ memoryGb: 330, host: 0 }] });
    expect(codes(checkRemoveHosts(heavy, { hostIds: ["h1"] }))).toEqual(["CPOOL.MEMORY_PRESSURE", "CPOOL.SLA_INELIGIBLE"]);
  });

  it("refuses when an enabled anti-affinity rule would run out of hosts", () => {
    const pool = makePool({
      hosts: 3,
      vms: [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 1 }, { id: "c", memoryGb: 8, host: 2 }],
      rules: [{ kind: "ANTI_AFFINITY", vmIds: ["a", "b", "c"] }],
    });
    const d = checkRemoveHosts(pool, { hostIds: ["h2"], activatedMemoryGb: 256 });
    expect(allViolations(d)).toEqual([expect.objectContaining({ code: "AFFINITY.VIOLATION", limit: 2, actual: 3, subject: "rule0" })]);
    expect(allViolations(d)[0]?.message.en).toContain("only 2 would remain once these hosts are removed");
    expect(allViolations(d)[0]?.message.fr).toContain("une fois ces hôtes retirés");
    const disabled = { ...pool, affinityRules: pool.affinityRules.map((r) => ({ ...r, enabled: false })) };
    expect(checkRemoveHosts(disabled, { hostIds: ["h2"], activatedMemoryGb: 256 }).ok).toBe(true);
    // A stopped VM of the rule holds no host: two running VMs fit the two hosts left.
    const stopped = { ...pool, vms: pool.vms.map((v) => (v.id === "c" ? { ...v, poweredOn: false } : v)) };
    expect(checkRemoveHosts(stopped, { hostIds: ["h2"], activatedMemoryGb: 256 }).ok).toBe(true);
  });

  it("keeps at least one host, and throws for a host not in the pool", () => {
    const d = checkRemoveHosts(makePool({ hosts: 2 }), { hostIds: ["h0", "h1"] });
    expect(d.ok).toBe(false);
    // Only the host count is said: no reservation range or HA figure for a pool of none.
    expect(allViolations(d)).toEqual([expect.objectContaining({ code: "CPOOL.MAX_HOSTS", limit: 1, actual: 0 })]);
    expect(() => checkRemoveHosts(makePool(), { hostIds: ["nope"] })).toThrow("host nope is not in pool pool1");
  });
});

describe("maintenance needs two other hosts available", () => {
  it("refuses the maintenance that would leave one host, even with no VM at all", () => {
    const d = checkHostMaintenance(makePool({ hosts: 4, maintenance: [3, 2] }), "h0");
    expect(allViolations(d)).toEqual([expect.objectContaining({ code: "HOST.MAINTENANCE_CAPACITY", limit: 2, actual: 1, subject: "h0" })]);
    expect(allViolations(d)[0]?.message.fr).toContain("il n’en resterait que 1 hors maintenance");
  });

  it("accepts VMs up to exactly 85 % of the two hosts left", () => {
    // 3 hosts, 768 GB activated: two hosts left carry min(768, 2 × 384) = 768 GB, 652.8 GB at 85 %.
    const at = (gb: number) => makePool({ hosts: 3, activatedMemoryGb: 768, vms: [{ memoryGb: gb, host: 0 }] });
    expect(checkHostMaintenance(at(652.8), "h2")).toEqual({ ok: true, value: { remainingHosts: 2, usedPctAfter: 85 }, warnings: [] });
    expect(allViolations(checkHostMaintenance(at(652.9), "h2"))).toEqual([expect.objectContaining({ code: "HOST.MAINTENANCE_CAPACITY", limit: 652.8, actual: 652.9 })]);
  });
});

describe("boundaries", () => {
  it("places a VM up to exactly 85 % of the pool", () => {
    // 384 GB activated on 3 hosts: 326.4 GB at 85 %; 300 GB run already, 100 GB per host (share 128 GB).
    const pool = makePool({ vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }] });
    const vm = (memoryGb: number) => ({ id: "n", memoryGb, poweredOn: true, iopsDemand: 0, encryption: "NONE" as const });
    expect(checkPlacement({ pool, vm: vm(26.4) }).ok).toBe(true);
    expect(allViolations(checkPlacement({ pool, vm: vm(26.5) }))).toEqual([expect.objectContaining({ code: "CPOOL.MEMORY_PRESSURE", limit: 326.4, actual: 326.5 })]);
  });

  it("places a VM up to exactly its host's share", () => {
    // 512 GB activated on 4 hosts: 128 GB per host; 85 % of the pool is 435.2 GB, far off.
    const pool = makePool({ hosts: 4, vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }, { memoryGb: 100, host: 3 }] });
    const vm = (memoryGb: number) => ({ id: "n", memoryGb, poweredOn: true, iopsDemand: 0, encryption: "NONE" as const });
    expect(checkPlacement({ pool, vm: vm(28), hostId: "h1" })).toEqual({ ok: true, value: { hostId: "h1" }, warnings: [] });
    expect(allViolations(checkPlacement({ pool, vm: vm(28.5), hostId: "h1" }))).toEqual([expect.objectContaining({ code: "CPOOL.MEMORY_PRESSURE", limit: 128, actual: 128.5, subject: "h1" })]);
  });

  it("starts a VM whose swap file takes exactly the free space above the reserve", () => {
    // 1000 GiB, 10 % reserve = 100 GiB; 836 GiB used: 164 GiB free, 64 GiB swap leaves exactly 100.
    const vm = { id: "v", memoryGb: 64, iopsDemand: 0, powerState: "POWERED_OFF" as const, backupPolicyCount: 1, encryption: "NONE" as const };
    expect(checkPowerOn({ vm, datastore: makeDatastore({ sizeGib: 1000, usedGib: 836 }) }).ok).toBe(true);
    expect(codes(checkPowerOn({ vm, datastore: makeDatastore({ sizeGib: 1000, usedGib: 837 }) }))).toEqual(["DATASTORE.SNAPSHOT_RESERVE"]);
    // Swap space alone: exactly the free space is enough for the file (the reserve then refuses).
    const swap = codes(checkPowerOn({ vm, datastore: makeDatastore({ sizeGib: 1000, usedGib: 936 }) }));
    expect(swap).toEqual(["DATASTORE.SNAPSHOT_RESERVE"]);
    expect(codes(checkPowerOn({ vm, datastore: makeDatastore({ sizeGib: 1000, usedGib: 937 }) }))).toEqual(["DATASTORE.SWAP_SPACE", "DATASTORE.SNAPSHOT_RESERVE"]);
  });

  it("adds a thick disk that leaves exactly the reserve", () => {
    const ds = makeDatastore({ sizeGib: 1000, usedGib: 500, provisionedGib: 500 });
    expect(checkDiskAdd(ds, { sizeGib: 400, provisioning: "THICK", vm: { id: "v", encryption: "NONE" } })).toEqual({ ok: true, value: { sizeGib: 400 }, warnings: [] });
    expect(codes(checkDiskAdd(ds, { sizeGib: 401, provisioning: "THICK", vm: { id: "v", encryption: "NONE" } }))).toEqual(["DATASTORE.SNAPSHOT_RESERVE", "DATASTORE.THIN_OVERCOMMIT"]);
  });

  it("reserves a replica's memory up to exactly the standby headroom", () => {
    // Standby pool: 384 GB activated, 100 GB used: 226.4 GB below 85 %, 26.4 GB reserved by other replicas → 200 GB free.
    const input = (memoryGb: number): VmReplicationInput => ({
      vm: { id: "vm1", memoryGb, storageGib: 100, writeRateMbps: 1, azCode: "PAR7S" },
      standby: {
        azCode: "TH3S",
        pool: { nodeType: "STANDARD_V3", hosts: 3, activatedMemoryGb: 384, haEnabled: true, usedGb: 100 },
        reservedForReplicasGb: 26.4,
        availableStorageGib: 100,
      },
    });
    expect(checkVmReplication(input(200)).ok).toBe(true);
    expect(allViolations(checkVmReplication(input(200.5)))).toEqual([expect.objectContaining({ code: "REPLICATION.VM_STANDBY_RESERVATION", limit: 200, actual: 200.5 })]);
    // Exactly the storage needed is enough; one GiB short is not.
    expect(codes(checkVmReplication({ ...input(10), vm: { ...input(10).vm, storageGib: 101 } }))).toEqual(["REPLICATION.VM_STANDBY_RESERVATION"]);
  });

  it("refuses to encrypt a VM already being encrypted, saying so", () => {
    const d = checkEncryption({
      tenant: { keyProviderConfigured: true, advancedProtectionSubscribed: true },
      vm: { id: "vm1", name: "db-01", powerState: "POWERED_OFF", encryption: "ENCRYPTING", snapshotCount: 0, replications: [] },
    });
    expect(d.ok).toBe(false);
    expect(allViolations(d)).toEqual([expect.objectContaining({ code: "ENCRYPTION.ALREADY_ENCRYPTED", subject: "vm1" })]);
    expect(allViolations(d)[0]?.message.en).toBe("db-01 is being encrypted. Wait for the activity to finish.");
    expect(allViolations(d)[0]?.message.fr).toBe("db-01 est en cours de chiffrement. Attendez la fin de l’activité.");
  });
});

describe("the guard reads every shape a decision is given", () => {
  it("a pool shape without VMs (adding hosts from an order form)", () => {
    const shape = { nodeType: "STANDARD_V3" as const, activatedMemoryGb: 384, haEnabled: true, hosts: [{}, {}, {}] };
    expect(checkAddHosts(shape, { count: 1, nodeType: "STANDARD_V3" })).toEqual({ ok: true, value: { hostCount: 4, activatedMemoryGb: 512 }, warnings: [] });
    expect(codes(checkAddHosts({ ...shape, activatedMemoryGb: Number.NaN }, { count: 1, nodeType: "STANDARD_V3" }))).toEqual(["INPUT.INVALID"]);
  });

  it("a full pool state as the standby pool of a VM replication", () => {
    const input: VmReplicationInput = {
      vm: { id: "vm1", memoryGb: 16, storageGib: 100, writeRateMbps: 1, azCode: "PAR7S" },
      standby: { azCode: "TH3S", pool: makePool({ vms: [{ memoryGb: 100, host: 0 }] }), reservedForReplicasGb: 0, availableStorageGib: 100 },
    };
    expect(checkVmReplication(input).ok).toBe(true);
    const broken = { ...input, standby: { ...input.standby, pool: makePool({ vms: [{ memoryGb: -1, host: 0 }] }) } };
    expect(allViolations(checkVmReplication(broken))).toEqual([expect.objectContaining({ code: "INPUT.INVALID", subject: "standby.pool.vms[0].memoryGb" })]);
  });
});
