import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STORAGE_TIER_CODES } from "./catalogue";
import { poolMemory } from "./pool";
import { formatNumber } from "./result";
import { datastoreFigures } from "./storage";
import { makeDatastore, makePool } from "./testing/fixtures";
import { applyChange, figuresOf, whatIf, type WhatIfChange, type WhatIfState } from "./what-if";
import { runs } from "./testing/runs";

const codes = (r: { violations: { code: string }[] }) => r.violations.map((v) => v.code);

describe("whatIf", () => {
  const state: WhatIfState = {
    pool: makePool({ hosts: 3, vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }] }),
    datastore: makeDatastore({ sizeGib: 1024, usedGib: 300, vms: [{ id: "vm0", memoryGb: 100 }, { id: "vm1", memoryGb: 100 }] }),
  };

  it("shows adding VMs: memory and swap after, and the VM that would cross 85 %", () => {
    const r = whatIf(state, {
      kind: "add_vms",
      vms: [
        { id: "a", memoryGb: 64, poweredOn: true, iopsDemand: 100, encryption: "NONE" },
        { id: "b", memoryGb: 64, poweredOn: true, iopsDemand: 100, encryption: "NONE" },
      ],
    });
    expect(r.before.pool?.usedGb).toBe(200);
    expect(r.after.pool?.usedGb).toBe(328);
    expect(r.after.pool?.inPressure).toBe(true);
    expect(r.after.datastore?.swapGib).toBe(328);
    expect(r.after.datastore?.iopsDemand).toBe(200);
    // a fits (264 ≤ 326.4); b does not (328 > 326.4)
    expect(codes(r)).toEqual(["CPOOL.MEMORY_PRESSURE"]);
    expect(r.violations[0]?.message.en).toContain("b (64 GB)");
  });

  it("shows adding hosts", () => {
    const r = whatIf(state, { kind: "add_hosts", count: 2 });
    expect(r.after.pool).toMatchObject({ hostCount: 5, activatedGb: 640, minActivatedGb: 640, maxActivatedGb: 1920 });
    expect(r.violations).toEqual([]);
    expect(codes(whatIf(state, { kind: "add_hosts", count: 30 }))).toEqual(["CPOOL.MAX_HOSTS"]);
  });

  it("shows a resize and a tier change", () => {
    const grow = whatIf(state, { kind: "resize_datastore", sizeGib: 2048 });
    expect(grow.before.datastore?.iopsLimit).toBe(1500);
    expect(grow.after.datastore?.iopsLimit).toBe(3000);
    const shrink = whatIf(state, { kind: "resize_datastore", sizeGib: 450 });
    expect(codes(shrink)).toContain("DATASTORE.MIN_SIZE");
    const tier = whatIf(state, { kind: "change_tier", tier: "ULTRA" });
    expect(tier.after.datastore?.iopsLimit).toBe(15000);
  });

  it("throws when the state lacks what the change needs", () => {
    expect(() => whatIf({ pool: state.pool }, { kind: "resize_datastore", sizeGib: 1000 })).toThrow();
    expect(() => whatIf({ datastore: state.datastore }, { kind: "add_hosts", count: 1 })).toThrow();
  });
});

// ───────────────────────── Property: after = apply the change, then recompute ─────────────────────────

const arbState: fc.Arbitrary<WhatIfState> = fc
  .record({
    hosts: fc.integer({ min: 1, max: 8 }),
    perHost: fc.integer({ min: 128, max: 384 }),
    vms: fc.array(fc.record({ memoryGb: fc.integer({ min: 1, max: 64 }), host: fc.nat(), poweredOn: fc.boolean(), iopsDemand: fc.integer({ min: 0, max: 2000 }) }), { maxLength: 10 }),
    sizeGib: fc.integer({ min: 500, max: 20_000 }),
    usedPct: fc.double({ min: 0, max: 0.9, noNaN: true }),
    tier: fc.constantFrom(...STORAGE_TIER_CODES),
  })
  .map((s) => {
    const vms = s.vms.map((v, i) => ({ id: `vm${i}`, memoryGb: v.memoryGb, host: v.host % s.hosts, poweredOn: v.poweredOn, iopsDemand: v.iopsDemand }));
    const usedGib = Math.floor(s.sizeGib * s.usedPct);
    return {
      pool: makePool({ hosts: s.hosts, activatedMemoryGb: s.hosts * s.perHost, vms }),
      datastore: makeDatastore({ tier: s.tier, sizeGib: s.sizeGib, usedGib, vms }),
    };
  });

const arbChange: fc.Arbitrary<WhatIfChange> = fc.oneof(
  fc
    .array(fc.record({ memoryGb: fc.integer({ min: 1, max: 128 }), poweredOn: fc.boolean(), iopsDemand: fc.integer({ min: 0, max: 3000 }) }), { minLength: 1, maxLength: 5 })
    .map((vms) => ({ kind: "add_vms" as const, vms: vms.map((v, i) => ({ id: `new${i}`, encryption: "NONE" as const, ...v })) })),
  fc.record({ kind: fc.constant("add_hosts" as const), count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("resize_datastore" as const), sizeGib: fc.integer({ min: 100, max: 40_000 }) }),
  fc.record({ kind: fc.constant("change_tier" as const), tier: fc.constantFrom(...STORAGE_TIER_CODES) }),
);

/** The change applied by hand, independently of what-if.ts (figures do not depend on which host a VM lands on). */
function applyByHand(s: WhatIfState, c: WhatIfChange): WhatIfState {
  const pool = s.pool!;
  const ds = s.datastore!;
  switch (c.kind) {
    case "add_vms":
      return {
        pool: { ...pool, vms: [...pool.vms, ...c.vms.map((v) => ({ ...v, hostId: null, datastoreId: ds.id }))] },
        datastore: { ...ds, vms: [...ds.vms, ...c.vms] },
      };
    case "add_hosts":
      return {
        pool: { ...pool, activatedMemoryGb: pool.activatedMemoryGb + 128 * c.count, hosts: [...pool.hosts, ...Array.from({ length: c.count }, (_, i) => ({ id: `x${i}`, maintenance: false }))] },
        datastore: ds,
      };
    case "resize_datastore":
      return { pool, datastore: { ...ds, sizeGib: c.sizeGib } };
    case "change_tier":
      return { pool, datastore: { ...ds, tier: c.tier } };
  }
}

describe("whatIf properties", () => {
  it("after equals applying the change then recomputing the same figures", () => {
    fc.assert(
      fc.property(arbState, arbChange, (s, c) => {
        const r = whatIf(s, c);
        const byHand = applyByHand(s, c);
        expect(r.before).toEqual(figuresOf(s));
        expect(r.after).toEqual({ pool: poolMemory(byHand.pool!), datastore: datastoreFigures(byHand.datastore!) });
        expect(r.after).toEqual(figuresOf(applyChange(s, c)));
      }),
      { numRuns: runs(300) },
    );
  });

  it("every violation met names its limit and actual figures in both languages", () => {
    fc.assert(
      fc.property(arbState, arbChange, (s, c) => {
        for (const v of whatIf(s, c).violations) {
          for (const x of [v.limit, v.actual]) {
            if (x === undefined) continue;
            expect(v.message.en).toContain(formatNumber(x, "en"));
            expect(v.message.fr).toContain(formatNumber(x, "fr"));
          }
        }
      }),
      { numRuns: runs(300) },
    );
  });

  it("does not mutate the state it is given", () => {
    fc.assert(
      fc.property(arbState, arbChange, (s, c) => {
        const copy = structuredClone(s);
        whatIf(s, c);
        expect(s).toEqual(copy);
      }),
      { numRuns: runs(100) },
    );
  });
});
