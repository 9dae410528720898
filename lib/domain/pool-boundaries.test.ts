import { describe, expect, it } from "vitest";
import { checkActivatedMemoryChange, checkHostMaintenance, checkPoolOrder, checkRemoveHosts, hostUsage, poolMemory, slaViolations } from "./pool";
import { allViolations, type Decision } from "./result";
import { checkDatastoreOrder } from "./storage";
import { makePool } from "./testing/fixtures";

// Cases the mutation run (npm run test:mutation) found untested in pool.ts and guard.ts.

const codes = (d: Decision<unknown>) => allViolations(d).map((v) => v.code);

describe("pool figures with no host available", () => {
  it("a pool with every host in maintenance has no capacity, no share, and an infinite load once a VM runs", () => {
    const idle = poolMemory(makePool({ hosts: 2, maintenance: [0, 1] }));
    expect(idle).toMatchObject({ availableHostCount: 0, capacityGb: 0, hostShareGb: 0, usedRatio: 0, slaEligible: false, nPlusOneOk: false });
    const loaded = poolMemory(makePool({ hosts: 2, maintenance: [0, 1], vms: [{ memoryGb: 8, host: 0 }] }));
    expect(loaded.usedRatio).toBe(Number.POSITIVE_INFINITY);
    expect(poolMemory(makePool({ vms: [{ memoryGb: 96, host: 0 }] }))).toMatchObject({ usedRatio: 0.25, usedPctOfActivated: 25, hostShareGb: 128 });
  });

  it("N+1 holds on exactly two available hosts when one can carry the load", () => {
    expect(poolMemory(makePool({ hosts: 2, activatedMemoryGb: 768, vms: [{ memoryGb: 100, host: 0 }] })).nPlusOneOk).toBe(true);
    expect(poolMemory(makePool({ hosts: 1, vms: [{ memoryGb: 1, host: 0 }] })).nPlusOneOk).toBe(false);
  });

  it("per-host load: a host in maintenance has no share; its VMs load it infinitely", () => {
    const pool = makePool({ hosts: 3, maintenance: [2], vms: [{ memoryGb: 96, host: 0 }, { memoryGb: 8, host: 2 }, { memoryGb: 8, host: null }] });
    expect(hostUsage(pool)).toEqual([
      { hostId: "h0", maintenance: false, usedGb: 96, shareGb: 192, usedRatio: 0.5, vmCount: 1 },
      { hostId: "h1", maintenance: false, usedGb: 0, shareGb: 192, usedRatio: 0, vmCount: 0 },
      { hostId: "h2", maintenance: true, usedGb: 8, shareGb: 0, usedRatio: Number.POSITIVE_INFINITY, vmCount: 1 },
    ]);
    expect(hostUsage(makePool({ hosts: 1, maintenance: [0] }))[0]).toMatchObject({ shareGb: 0, usedRatio: 0 });
  });
});

describe("violations carry their figures and units", () => {
  it("host counts and memory ranges", () => {
    expect(allViolations(checkPoolOrder({ nodeType: "STANDARD_V3", hostCount: 0, haEnabled: true }))[0]).toMatchObject({ code: "CPOOL.MAX_HOSTS", limit: 1, actual: 0, unit: "hosts" });
    expect(allViolations(checkPoolOrder({ nodeType: "STANDARD_V3", hostCount: 2, activatedMemoryGb: 255, haEnabled: true }))[0]).toMatchObject({ limit: 256, actual: 255, unit: "GB" });
    expect(allViolations(checkPoolOrder({ nodeType: "STANDARD_V3", hostCount: 2, activatedMemoryGb: 769, haEnabled: true }))[0]).toMatchObject({ limit: 768, actual: 769, unit: "GB" });
    const pressure = allViolations(checkActivatedMemoryChange(makePool({ hosts: 2, vms: [{ memoryGb: 256, host: 0 }] }), 300))[0];
    expect(pressure).toMatchObject({ code: "CPOOL.MEMORY_PRESSURE", limit: 255, actual: 256, unit: "GB" });
  });

  it("the SLA: too few hosts available names them; HA off, even on exactly two hosts, names no figure", () => {
    expect(slaViolations(1, true)[0]).toMatchObject({ code: "CPOOL.SLA_INELIGIBLE", limit: 2, actual: 1, unit: "hosts" });
    expect(slaViolations(1, true)[0]?.message.en).toContain("With 1 host available there is no automatic restart");
    for (const hosts of [2, 3]) {
      const [v] = slaViolations(hosts, false);
      expect(v?.limit).toBeUndefined();
      expect(v?.unit).toBeUndefined();
      expect(v?.message.en).toBe("HA is disabled: VMs are not restarted automatically after a host failure and the pool is outside the 99.99 % SLA. Enable HA to be covered.");
    }
    expect(slaViolations(2, true)).toEqual([]);
  });

  it("maintenance figures", () => {
    expect(allViolations(checkHostMaintenance(makePool({ hosts: 2 }), "h0"))[0]).toMatchObject({ unit: "hosts" });
    const heavy = makePool({ hosts: 3, activatedMemoryGb: 768, vms: [{ memoryGb: 700, host: 0 }] });
    expect(allViolations(checkHostMaintenance(heavy, "h1"))[0]).toMatchObject({ code: "HOST.MAINTENANCE_CAPACITY", limit: 652.8, actual: 700, unit: "GB", subject: "h1" });
  });
});

describe("checkActivatedMemoryChange", () => {
  it("returns the figure it accepted", () => {
    expect(checkActivatedMemoryChange(makePool(), 512)).toEqual({ ok: true, value: { activatedMemoryGb: 512 }, warnings: [] });
  });
});

describe("checkHostMaintenance, beyond the host count", () => {
  it("a host already in maintenance: nothing to refuse, and the load the others carry", () => {
    const pool = makePool({ hosts: 3, maintenance: [0], activatedMemoryGb: 400, vms: [{ memoryGb: 100, host: 1 }] });
    expect(checkHostMaintenance(pool, "h0")).toEqual({ ok: true, value: { remainingHosts: 2, usedPctAfter: 25 }, warnings: [] });
    expect(checkHostMaintenance(makePool({ hosts: 1, maintenance: [0] }), "h0")).toEqual({ ok: true, value: { remainingHosts: 0, usedPctAfter: 0 }, warnings: [] });
  });

  it("with no activated memory to carry, the load is 0 %, not NaN", () => {
    expect(checkHostMaintenance(makePool({ hosts: 3, activatedMemoryGb: 0 }), "h0")).toEqual({ ok: true, value: { remainingHosts: 2, usedPctAfter: 0 }, warnings: [] });
  });

  it("the last host: only the host count is said, not a memory figure for zero hosts", () => {
    expect(codes(checkHostMaintenance(makePool({ hosts: 1, vms: [{ memoryGb: 8, host: 0 }] }), "h0"))).toEqual(["HOST.MAINTENANCE_CAPACITY"]);
  });

  it("throws for a host not in the pool, naming it", () => {
    expect(() => checkHostMaintenance(makePool(), "nope")).toThrow("host nope is not in pool pool1");
  });
});

describe("anti-affinity during maintenance and removal", () => {
  const apart = (spec: Parameters<typeof makePool>[0]) => makePool({ hosts: 3, ...spec });

  it("as many running VMs as hosts left is enough", () => {
    const pool = apart({ vms: [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 1 }], rules: [{ kind: "ANTI_AFFINITY", vmIds: ["a", "b"] }] });
    expect(checkHostMaintenance(pool, "h0").ok).toBe(true);
    expect(checkRemoveHosts(pool, { hostIds: ["h0"], activatedMemoryGb: 256 }).ok).toBe(true);
  });

  it("names the rule, by name or by id, and says whether it is a maintenance", () => {
    const vms = [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 1 }, { id: "c", memoryGb: 8, host: 2 }];
    const pool = apart({ vms, rules: [{ id: "r1", kind: "ANTI_AFFINITY", vmIds: ["a", "b", "c"] }] });
    const [byId] = allViolations(checkHostMaintenance(pool, "h0"));
    expect(byId?.message.en).toBe("Anti-affinity rule “r1” keeps 3 running VMs on different hosts; only 2 would remain during this maintenance. Add a host or disable the rule first.");
    expect(byId).toMatchObject({ limit: 2, actual: 3, unit: "hosts", subject: "r1" });
    const named = { ...pool, affinityRules: pool.affinityRules.map((r) => ({ ...r, name: "web-spread" })) };
    expect(allViolations(checkHostMaintenance(named, "h0"))[0]?.message.en).toContain("rule “web-spread”");
  });

  it("ignores affinity rules, rules whose VMs are not on the leaving host, unknown VMs, stopped and unplaced ones", () => {
    const together = makePool({ hosts: 3, vms: ["a", "b", "c"].map((id) => ({ id, memoryGb: 8, host: 0 })), rules: [{ kind: "AFFINITY", vmIds: ["a", "b", "c"] }] });
    expect(codes(checkHostMaintenance(together, "h0"))).toEqual([]);
    // A rule already broken (its VMs share h1) is not this maintenance's business.
    const untouched = makePool({ hosts: 4, vms: ["a", "b", "c", "d"].map((id) => ({ id, memoryGb: 8, host: 1 })), rules: [{ kind: "ANTI_AFFINITY", vmIds: ["a", "b", "c", "d"] }] });
    expect(codes(checkHostMaintenance(untouched, "h0"))).toEqual([]);
    const loose = apart({
      vms: [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 1 }, { id: "c", memoryGb: 8, host: null }],
      rules: [{ kind: "ANTI_AFFINITY", vmIds: ["a", "b", "c", "gone"] }],
    });
    expect(codes(checkHostMaintenance(loose, "h0"))).toEqual([]);
  });
});

describe("the guard's message for what is not a number", () => {
  it("says null and a string as received", () => {
    expect(allViolations(checkDatastoreOrder({ tier: "STANDARD", sizeGib: null as unknown as number }))[0]?.message.en).toContain("; null was received.");
    expect(allViolations(checkDatastoreOrder({ tier: "STANDARD", sizeGib: 1024, requestedIops: 2.5 }))[0]?.message.en).toBe(
      "requestedIops must be a whole number of 0 or more; 2.5 was received. Correct the figure and try again.",
    );
  });
});
