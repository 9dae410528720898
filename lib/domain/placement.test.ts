import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import { checkPlacement, type PlacementVm } from "./placement";
import { poolMemory, withinPressureLimit, type PoolState } from "./pool";
import { allViolations } from "./result";
import { makeDatastore, makePool } from "./testing/fixtures";
import { runs } from "./testing/runs";

const codes = (d: Parameters<typeof allViolations>[0]) => allViolations(d).map((v) => v.code);
const newVm = (memoryGb: number, extra: Partial<PlacementVm> = {}): PlacementVm => ({ id: "new", memoryGb, poweredOn: true, iopsDemand: 0, encryption: "NONE", ...extra });

describe("checkPlacement", () => {
  it("picks the least loaded host", () => {
    const pool = makePool({ hosts: 3, vms: [{ memoryGb: 60, host: 0 }, { memoryGb: 20, host: 1 }, { memoryGb: 40, host: 2 }] });
    expect(checkPlacement({ pool, vm: newVm(16) })).toEqual({ ok: true, value: { hostId: "h1" }, warnings: [] });
  });

  it("never picks a host in maintenance", () => {
    const pool = makePool({ hosts: 3, maintenance: [0, 1], vms: [{ memoryGb: 60, host: 2 }] });
    const d = checkPlacement({ pool, vm: newVm(16) });
    expect(d).toMatchObject({ ok: true, value: { hostId: "h2" } });
  });

  it("refuses a host picked in maintenance", () => {
    const d = checkPlacement({ pool: makePool({ maintenance: [0] }), vm: newVm(16), hostId: "h0" });
    expect(codes(d)).toEqual(["HOST.MAINTENANCE_CAPACITY"]);
  });

  it("refuses when no host's share can take the VM, even below the pool's 85 %", () => {
    // 3 × 128 GB: each host carries 128 GB. 240 + 60 = 300 GB is under the 326.4 GB line, but 80 + 60 > 128.
    const pool = makePool({ hosts: 3, vms: [{ memoryGb: 80, host: 0 }, { memoryGb: 80, host: 1 }, { memoryGb: 80, host: 2 }] });
    const d = checkPlacement({ pool, vm: newVm(60) });
    expect(codes(d)).toEqual(["CPOOL.MEMORY_PRESSURE"]);
    expect(allViolations(d)[0]).toMatchObject({ limit: 128, actual: 140, unit: "GB", subject: "h0" });
  });

  test.each([
    // 3 hosts × 128 GB activated, pressure line 326.4 GB
    [[100, 100, 100], 26, []],
    [[100, 100, 100], 27, ["CPOOL.MEMORY_PRESSURE"]],
    [[110, 110, 80], 16, []],
    [[110, 110, 80], 49, ["CPOOL.MEMORY_PRESSURE", "CPOOL.MEMORY_PRESSURE"]],
  ])("hosts at %o GB + a %i GB VM → %o", (loads, mem, expected) => {
    const pool = makePool({ hosts: 3, vms: loads.map((m, i) => ({ memoryGb: m, host: i })) });
    expect(codes(checkPlacement({ pool, vm: newVm(mem) }))).toEqual(expected);
  });

  it("places a powered-off VM without counting its memory", () => {
    const pool = makePool({ hosts: 1, vms: [{ memoryGb: 108, host: 0 }] });
    expect(checkPlacement({ pool, vm: newVm(64, { poweredOn: false }) }).ok).toBe(true);
    expect(checkPlacement({ pool, vm: newVm(64) }).ok).toBe(false);
  });

  it("lets a running VM move between hosts of a pool above 85 %", () => {
    const pool = makePool({ hosts: 3, activatedMemoryGb: 384, vms: [{ id: "big", memoryGb: 120, host: 0 }, { memoryGb: 110, host: 0 }, { memoryGb: 110, host: 1 }] });
    expect(poolMemory(pool).inPressure).toBe(true);
    const d = checkPlacement({ pool, vm: { id: "big", memoryGb: 120, poweredOn: true, iopsDemand: 0, encryption: "NONE" } });
    expect(d).toMatchObject({ ok: true, value: { hostId: "h2" } });
  });

  describe("affinity", () => {
    const pool = makePool({
      hosts: 4,
      vms: [
        { id: "db1", memoryGb: 8, host: 2 },
        { id: "ad1", memoryGb: 8, host: 0 },
        { id: "ad2", memoryGb: 8, host: 1 },
      ],
      rules: [
        { id: "together", kind: "AFFINITY", vmIds: ["db1", "db2"] },
        { id: "apart", kind: "ANTI_AFFINITY", vmIds: ["ad1", "ad2", "ad3"] },
        { id: "off", kind: "ANTI_AFFINITY", vmIds: ["ad1", "db2"], enabled: false },
      ],
    });

    it("co-locates with the rule's VMs already placed", () => {
      expect(checkPlacement({ pool, vm: { ...newVm(8), id: "db2" } })).toMatchObject({ ok: true, value: { hostId: "h2" } });
      expect(codes(checkPlacement({ pool, vm: { ...newVm(8), id: "db2" }, hostId: "h3" }))).toEqual(["AFFINITY.VIOLATION"]);
    });

    it("keeps anti-affinity VMs apart", () => {
      const d = checkPlacement({ pool, vm: { ...newVm(8), id: "ad3" } });
      expect(d.ok).toBe(true);
      if (d.ok) expect(["h2", "h3"]).toContain(d.value.hostId);
      expect(codes(checkPlacement({ pool, vm: { ...newVm(8), id: "ad3" }, hostId: "h1" }))).toEqual(["AFFINITY.VIOLATION"]);
    });

    it("ignores disabled rules", () => {
      expect(checkPlacement({ pool, vm: { ...newVm(8), id: "db2" }, hostId: "h2" }).ok).toBe(true);
    });

    it("refuses when the rules together leave no host, naming the rules", () => {
      const tight = makePool({
        hosts: 2,
        vms: [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 0 }],
        rules: [
          { id: "with-a", kind: "AFFINITY", vmIds: ["a", "x"] },
          { id: "not-with-b", kind: "ANTI_AFFINITY", vmIds: ["b", "x"] },
        ],
      });
      const d = checkPlacement({ pool: tight, vm: { ...newVm(8), id: "x" } });
      expect(codes(d)).toEqual(["AFFINITY.VIOLATION"]);
      expect(allViolations(d)[0]?.message.en).toContain("not-with-b");
    });
  });

  describe("datastore", () => {
    it("needs room for the swap file and the snapshot reserve, and warns on the IOPS budget", () => {
      const pool = makePool({ hosts: 3 });
      const full = makeDatastore({ sizeGib: 1024, usedGib: 1000, vms: [{ memoryGb: 8, iopsDemand: 1500 }] });
      const d = checkPlacement({ pool, vm: newVm(32, { iopsDemand: 10 }), datastore: full });
      expect(codes(d).sort()).toEqual(["DATASTORE.IOPS_BUDGET", "DATASTORE.SNAPSHOT_RESERVE", "DATASTORE.SWAP_SPACE"]);
      const roomy = makeDatastore({ sizeGib: 1024, usedGib: 100 });
      expect(checkPlacement({ pool, vm: newVm(32, { iopsDemand: 10 }), datastore: roomy })).toMatchObject({ ok: true, warnings: [] });
    });

    it("needs no new swap file for a VM already running on the datastore", () => {
      const pool = makePool({ hosts: 2, vms: [{ id: "run", memoryGb: 64, host: 0 }] });
      const ds = makeDatastore({ sizeGib: 600, usedGib: 480, vms: [{ id: "run", memoryGb: 64 }] });
      expect(checkPlacement({ pool, vm: { id: "run", memoryGb: 64, poweredOn: true, iopsDemand: 0, encryption: "NONE" }, datastore: ds, hostId: "h1" }).ok).toBe(true);
    });
  });

  it("returns every reason at once", () => {
    const pool = makePool({
      hosts: 2,
      vms: [{ id: "a", memoryGb: 100, host: 0 }, { id: "b", memoryGb: 100, host: 1 }],
      rules: [{ kind: "ANTI_AFFINITY", vmIds: ["a", "b", "new"] }],
    });
    const d = checkPlacement({ pool, vm: newVm(64), datastore: makeDatastore({ sizeGib: 512, usedGib: 500 }) });
    // 200 + 64 GB on 256 GB activated: past the activated memory itself, not only the 85 % line.
    expect(codes(d).sort()).toEqual(["AFFINITY.VIOLATION", "CPOOL.ACTIVATED_MEMORY", "DATASTORE.SNAPSHOT_RESERVE", "DATASTORE.SWAP_SPACE"]);
  });
});

// ───────────────────────── Properties ─────────────────────────

const arbPool: fc.Arbitrary<PoolState> = fc
  .record({
    hosts: fc.integer({ min: 1, max: 6 }),
    perHost: fc.integer({ min: 128, max: 384 }),
    vms: fc.array(fc.record({ memoryGb: fc.integer({ min: 1, max: 96 }), host: fc.nat(), poweredOn: fc.boolean() }), { maxLength: 14 }),
    rules: fc.array(fc.record({ kind: fc.constantFrom("AFFINITY" as const, "ANTI_AFFINITY" as const), members: fc.uniqueArray(fc.nat({ max: 15 }), { minLength: 2, maxLength: 4 }), enabled: fc.boolean() }), { maxLength: 3 }),
    maintenance: fc.array(fc.nat({ max: 5 }), { maxLength: 2 }),
  })
  .map((s) =>
    makePool({
      hosts: s.hosts,
      activatedMemoryGb: s.hosts * s.perHost,
      maintenance: s.maintenance,
      vms: s.vms.map((v, i) => ({ id: `vm${i}`, memoryGb: v.memoryGb, host: v.host % s.hosts, poweredOn: v.poweredOn })),
      // member 15 stands for the VM being placed
      rules: s.rules.map((r) => ({ kind: r.kind, enabled: r.enabled, vmIds: r.members.map((m) => (m === 15 ? "new" : `vm${m}`)) })),
    }),
  );

const arbVm = fc.record({ memoryGb: fc.integer({ min: 1, max: 200 }), poweredOn: fc.boolean() }).map((v) => ({ id: "new", iopsDemand: 0, encryption: "NONE" as const, ...v }));

function place(pool: PoolState, vm: PlacementVm, hostId: string): PoolState {
  return { ...pool, vms: [...pool.vms.filter((v) => v.id !== vm.id), { id: vm.id, memoryGb: vm.memoryGb, hostId, poweredOn: vm.poweredOn, datastoreId: "ds1", iopsDemand: 0 }] };
}

describe("placement properties", () => {
  it("an accepted placement never pushes a pool above 85 % nor any host beyond its share", () => {
    fc.assert(
      fc.property(arbPool, arbVm, (pool, vm) => {
        const d = checkPlacement({ pool, vm });
        if (!d.ok) return true;
        const before = poolMemory(pool);
        const after = poolMemory(place(pool, vm, d.value.hostId));
        const poolOk = withinPressureLimit(after.usedGb, after.capacityGb) || after.usedGb <= before.usedGb;
        const hostUsed = after.usedGb === before.usedGb ? 0 : place(pool, vm, d.value.hostId).vms.filter((v) => v.poweredOn && v.hostId === d.value.hostId).reduce((n, v) => n + v.memoryGb, 0);
        return poolOk && hostUsed <= after.hostShareGb + 1e-9 && !pool.hosts.find((h) => h.id === d.value.hostId)?.maintenance;
      }),
      { numRuns: runs(500) },
    );
  });

  it("an accepted placement never breaks an enabled anti-affinity (or affinity) rule", () => {
    fc.assert(
      fc.property(arbPool, arbVm, (pool, vm) => {
        const d = checkPlacement({ pool, vm });
        if (!d.ok) return true;
        const hostOf = new Map(pool.vms.map((v) => [v.id, v.hostId]));
        for (const r of pool.affinityRules) {
          if (!r.enabled || !r.vmIds.includes("new")) continue;
          const others = r.vmIds.filter((id) => id !== "new").map((id) => hostOf.get(id)).filter((h): h is string => typeof h === "string");
          if (r.kind === "ANTI_AFFINITY" && others.includes(d.value.hostId)) return false;
          if (r.kind === "AFFINITY" && others.some((h) => h !== d.value.hostId)) return false;
        }
        return true;
      }),
      { numRuns: runs(500) },
    );
  });

  it("an override only ever lifts memory pressure", () => {
    fc.assert(
      fc.property(arbPool, arbVm, (pool, vm) => {
        const plain = checkPlacement({ pool, vm });
        const over = checkPlacement({ pool, vm, override: { reason: "test" } });
        const refusals = plain.ok ? [] : plain.violations.filter((v) => v.severity === "refuse");
        const onlyPressure = refusals.every((v) => v.code === "CPOOL.MEMORY_PRESSURE");
        return over.ok === (plain.ok || onlyPressure);
      }),
      { numRuns: runs(300) },
    );
  });
});
