import { describe, expect, it, test } from "vitest";
import { NODE_TYPE_CODES } from "./catalogue";
import { activatedMemoryRange, checkActivatedMemoryChange, checkAddHosts, checkHostMaintenance, checkPoolOrder, hostUsage, poolMemory } from "./pool";
import { allViolations } from "./result";
import { makePool } from "./testing/fixtures";

const codes = (d: Parameters<typeof allViolations>[0]) => allViolations(d).map((v) => v.code);

describe("activatedMemoryRange", () => {
  test.each([
    ["STANDARD_V3", 3, 384, 1152], // the reference: 3 hosts → 384 GB min, 3 × 384 = 1152 GB max
    ["ECO_V3", 1, 128, 384],
    ["PERF3_V3", 2, 256, 3072],
    ["PERF4_V3", 32, 4096, 16384],
  ] as const)("%s × %i hosts → %i–%i GB", (type, hosts, min, max) => {
    expect(activatedMemoryRange(type, hosts)).toEqual({ minGb: min, maxGb: max });
  });
});

describe("poolMemory", () => {
  it("gives the dashboard's figures for a pool", () => {
    const pool = makePool({ hosts: 3, vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 64, host: 2, poweredOn: false }] });
    const m = poolMemory(pool);
    expect(m).toMatchObject({
      hostCount: 3,
      availableHostCount: 3,
      physicalGb: 1152,
      activatedGb: 384,
      minActivatedGb: 384,
      maxActivatedGb: 1152,
      capacityGb: 384,
      hostShareGb: 128,
      usedGb: 200,
      inPressure: false,
      slaEligible: true,
      nPlusOneOk: true,
    });
    expect(m.pressureLimitGb).toBeCloseTo(326.4);
    expect(m.headroomGbBefore85).toBeCloseTo(126.4);
    expect(m.usedPctOfActivated).toBeCloseTo(52.08, 1);
    expect(m.usedRatio).toBeCloseTo(0.5208, 3);
  });

  test.each([
    [326, false],
    [327, true],
  ])("with %i GB running on 384 GB activated, in pressure: %s", (used, pressure) => {
    expect(poolMemory({ nodeType: "STANDARD_V3", hosts: 3, activatedMemoryGb: 384, haEnabled: true, usedGb: used }).inPressure).toBe(pressure);
  });

  test.each([
    [1, true, false],
    [2, false, false],
    [2, true, true],
  ])("%i host(s), HA %s → SLA eligible %s", (hosts, ha, eligible) => {
    expect(poolMemory({ nodeType: "ECO_V3", hosts, activatedMemoryGb: hosts * 128, haEnabled: ha, usedGb: 0 }).slaEligible).toBe(eligible);
  });

  test.each([
    // fully activated 3 × 384: losing a host leaves 768 GB, 652.8 at 85 %
    [1152, 652, true],
    [1152, 653, false],
    // 128 GB a host: two hosts still hold the 384 GB cap physically
    [384, 326, true],
  ])("N+1 with %i GB activated and %i GB used: %s", (activated, used, ok) => {
    expect(poolMemory({ nodeType: "STANDARD_V3", hosts: 3, activatedMemoryGb: activated, haEnabled: true, usedGb: used }).nPlusOneOk).toBe(ok);
  });

  it("has no N+1 with one host", () => {
    expect(poolMemory({ nodeType: "STANDARD_V3", hosts: 1, activatedMemoryGb: 128, haEnabled: true, usedGb: 0 }).nPlusOneOk).toBe(false);
  });

  it("shrinks capacity when hosts in maintenance cannot hold the activation physically", () => {
    const m = poolMemory(makePool({ hosts: 3, activatedMemoryGb: 1152, maintenance: [0] }));
    expect(m).toMatchObject({ availableHostCount: 2, capacityGb: 768, hostShareGb: 384 });
  });

  it("accepts the summary a list page has", () => {
    const a = poolMemory(makePool({ hosts: 2, vms: [{ memoryGb: 50, host: 0 }] }));
    const b = poolMemory({ nodeType: "STANDARD_V3", hosts: 2, activatedMemoryGb: 256, haEnabled: true, usedGb: 50 });
    expect(b).toEqual(a);
  });

  it("reports per-host load against the host's share", () => {
    const u = hostUsage(makePool({ hosts: 2, vms: [{ memoryGb: 64, host: 0 }, { memoryGb: 32, host: 0, poweredOn: false }] }));
    expect(u).toEqual([
      { hostId: "h0", maintenance: false, usedGb: 64, shareGb: 128, usedRatio: 0.5, vmCount: 2 },
      { hostId: "h1", maintenance: false, usedGb: 0, shareGb: 128, usedRatio: 0, vmCount: 0 },
    ]);
  });
});

describe("checkPoolOrder", () => {
  test.each([
    [{ nodeType: "STANDARD_V3", hostCount: 3, haEnabled: true }, [], 384],
    [{ nodeType: "STANDARD_V3", hostCount: 3, activatedMemoryGb: 383, haEnabled: true }, ["CPOOL.MEMORY_RESERVATION_RANGE"], 383],
    [{ nodeType: "STANDARD_V3", hostCount: 33, haEnabled: true }, ["CPOOL.MAX_HOSTS"], 4224],
    [{ nodeType: "STANDARD_V3", hostCount: 0, haEnabled: true }, ["CPOOL.MAX_HOSTS", "CPOOL.SLA_INELIGIBLE"], 0],
    [{ nodeType: "ECO_V3", hostCount: 1, haEnabled: true }, ["CPOOL.SLA_INELIGIBLE"], 128],
    [{ nodeType: "ECO_V3", hostCount: 4, haEnabled: false }, ["CPOOL.SLA_INELIGIBLE"], 512],
  ] as const)("%o → %o", (order, expected, activated) => {
    const d = checkPoolOrder(order);
    expect(codes(d)).toEqual(expected);
    if (d.ok) expect(d.value.activatedMemoryGb).toBe(activated);
  });

  it("accepts every node type from 1 to 32 hosts at the default reservation", () => {
    for (const nodeType of NODE_TYPE_CODES) for (const hostCount of [1, 2, 16, 32]) expect(checkPoolOrder({ nodeType, hostCount, haEnabled: true }).ok).toBe(true);
  });

  it("refuses a fractional host count, naming the field and the value, before any rule runs", () => {
    const d = checkPoolOrder({ nodeType: "ECO_V3", hostCount: 1.5, haEnabled: true });
    expect(d.ok).toBe(false);
    expect(allViolations(d)).toEqual([expect.objectContaining({ code: "INPUT.INVALID", subject: "hostCount" })]);
    expect(allViolations(d)[0]?.message.en).toBe("hostCount must be a whole number of 0 or more; 1.5 was received. Correct the figure and try again.");
    expect(allViolations(d)[0]?.message.fr).toBe("hostCount doit être un nombre entier supérieur ou égal à 0 ; valeur reçue : 1,5. Corrigez la valeur et réessayez.");
  });
});

describe("checkAddHosts", () => {
  it("refuses the 33rd host", () => {
    const d = checkAddHosts(makePool({ hosts: 32 }), { count: 1, nodeType: "STANDARD_V3" });
    expect(d.ok).toBe(false);
    expect(codes(d)).toEqual(["CPOOL.MAX_HOSTS"]);
  });

  it("brings 128 GB a new host by default and re-checks the reservation", () => {
    const d = checkAddHosts(makePool({ hosts: 3 }), { count: 2, nodeType: "STANDARD_V3" });
    expect(d).toMatchObject({ ok: true, value: { hostCount: 5, activatedMemoryGb: 640 } });
    const low = checkAddHosts(makePool({ hosts: 3 }), { count: 2, nodeType: "STANDARD_V3", activatedMemoryGb: 384 });
    expect(low.ok).toBe(false);
    expect(allViolations(low)[0]).toMatchObject({ code: "CPOOL.MEMORY_RESERVATION_RANGE", limit: 640, actual: 384 });
  });

  it("makes a one-host pool SLA-eligible", () => {
    expect(codes(checkAddHosts(makePool({ hosts: 1 }), { count: 1, nodeType: "STANDARD_V3" }))).toEqual([]);
  });
});

describe("checkActivatedMemoryChange", () => {
  const pool = makePool({ hosts: 3, activatedMemoryGb: 1152, vms: [{ memoryGb: 200, host: 0 }, { memoryGb: 200, host: 1 }] });
  test.each([
    [1152, []],
    [471, []], // 400 ≤ 0.85 × 471 = 400.35
    [470, ["CPOOL.MEMORY_PRESSURE"]],
    [400, ["CPOOL.MEMORY_PRESSURE"]], // exactly what runs: past 85 %, not past the activation
    [399, ["CPOOL.ACTIVATED_MEMORY"]], // less than what runs: hard
    [383, ["CPOOL.MEMORY_RESERVATION_RANGE", "CPOOL.ACTIVATED_MEMORY"]],
    [1153, ["CPOOL.MEMORY_RESERVATION_RANGE"]],
  ])("to %i GB → %o", (gb, expected) => {
    expect(codes(checkActivatedMemoryChange(pool, gb))).toEqual(expected);
  });
});

describe("checkHostMaintenance", () => {
  it("needs two other hosts available during the update (the seed: two hypervisors available during it)", () => {
    const one = checkHostMaintenance(makePool({ hosts: 1 }), "h0");
    expect(one.ok).toBe(false);
    expect(allViolations(one)[0]).toMatchObject({ code: "HOST.MAINTENANCE_CAPACITY", limit: 2, actual: 0, subject: "h0" });
    const two = checkHostMaintenance(makePool({ hosts: 2 }), "h0");
    expect(two.ok).toBe(false);
    expect(allViolations(two)).toEqual([expect.objectContaining({ code: "HOST.MAINTENANCE_CAPACITY", limit: 2, actual: 1 })]);
    expect(allViolations(two)[0]?.message.en).toContain("1 would remain outside maintenance");
    // Exactly two others left: accepted, and the pool keeps HA meanwhile (no SLA warning).
    expect(checkHostMaintenance(makePool({ hosts: 3 }), "h0")).toEqual({ ok: true, value: { remainingHosts: 2, usedPctAfter: 0 }, warnings: [] });
  });

  it("counts only hosts outside maintenance", () => {
    expect(codes(checkHostMaintenance(makePool({ hosts: 3, maintenance: [1, 2] }), "h0"))).toEqual(["HOST.MAINTENANCE_CAPACITY"]);
    expect(codes(checkHostMaintenance(makePool({ hosts: 3, maintenance: [2] }), "h0"))).toEqual(["HOST.MAINTENANCE_CAPACITY"]);
    expect(codes(checkHostMaintenance(makePool({ hosts: 4, maintenance: [3] }), "h0"))).toEqual([]);
  });

  it("refuses when an anti-affinity rule would run out of hosts", () => {
    const pool = makePool({
      hosts: 3,
      vms: [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 1 }, { id: "c", memoryGb: 8, host: 2 }],
      rules: [{ kind: "ANTI_AFFINITY", vmIds: ["a", "b", "c"] }],
    });
    expect(codes(checkHostMaintenance(pool, "h0"))).toEqual(["AFFINITY.VIOLATION"]);
    const disabled = { ...pool, affinityRules: pool.affinityRules.map((r) => ({ ...r, enabled: false })) };
    expect(codes(checkHostMaintenance(disabled, "h0"))).toEqual([]);
  });

  it("is a no-op for a host already in maintenance and throws for an unknown host", () => {
    expect(checkHostMaintenance(makePool({ hosts: 2, maintenance: [0] }), "h0").ok).toBe(true);
    expect(() => checkHostMaintenance(makePool(), "nope")).toThrow();
  });
});
