import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import { STORAGE_TIER_CODES } from "./catalogue";
import { allViolations } from "./result";
import { checkDatastoreOrder, checkDatastoreResize, checkDatastoreTierChange, checkDiskAdd, datastoreFigures, datastoreWarnings, iopsLimit, sizeForIops } from "./storage";
import { makeDatastore, plainVm } from "./testing/fixtures";

const codes = (d: Parameters<typeof allViolations>[0]) => allViolations(d).map((v) => v.code);

describe("iopsLimit", () => {
  test.each([
    ["STANDARD", 512, 750], // the reference: 0.5 TB Standard → 750 IOPS
    ["ULTRA", 10240, 150000], // the reference: 10 TB Ultra → 150 000 IOPS
    ["ESSENTIEL", 1024, 500],
    ["PREMIUM", 1024, 3000],
    ["ENTERPRISE", 1024, 7500],
    ["STANDARD", 500, 732], // floor(1500 × 500 / 1024) = floor(732.42)
    ["MASS", 10240, null], // no performance guarantee
  ] as const)("%s at %i GiB → %s IOPS", (tier, size, expected) => {
    expect(iopsLimit(tier, size)).toBe(expected);
  });

  it("never decreases as a volume grows (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...STORAGE_TIER_CODES), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (tier, a, b) => {
        const [small, big] = a <= b ? [a, b] : [b, a];
        const l1 = iopsLimit(tier, small);
        const l2 = iopsLimit(tier, big);
        if (l1 === null || l2 === null) return l1 === l2;
        return l2 >= l1;
      }),
    );
  });

  it("sizeForIops gives the smallest size reaching the figure (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom("ESSENTIEL", "STANDARD", "PREMIUM", "ENTERPRISE", "ULTRA" as const), fc.integer({ min: 1, max: 500_000 }), (tier, iops) => {
        const size = sizeForIops(tier, iops);
        if (size === null) return false;
        const at = iopsLimit(tier, size) ?? -1;
        const below = size > 500 ? (iopsLimit(tier, size - 1) ?? -1) : -1;
        return at >= iops && below < iops;
      }),
    );
  });
});

describe("datastoreFigures", () => {
  it("needs 640 GiB of swap for 10 VMs of 64 GB (the reference's example, 1 TiB datastore)", () => {
    const ds = makeDatastore({ sizeGib: 1024, vms: Array.from({ length: 10 }, () => ({ memoryGb: 64, poweredOn: false })) });
    const f = datastoreFigures(ds);
    expect(f.swapNeededGib).toBe(640);
    expect(f.swapGib).toBe(0);
    expect(f.freeGib).toBe(1024);
  });

  it("counts swap and IOPS of running VMs only, and the 10 % snapshot reserve", () => {
    const ds = makeDatastore({
      sizeGib: 512,
      usedGib: 200,
      provisionedGib: 600,
      vms: [
        { memoryGb: 32, iopsDemand: 500 },
        { memoryGb: 16, iopsDemand: 400 },
        { memoryGb: 64, poweredOn: false, iopsDemand: 9999 },
      ],
    });
    const f = datastoreFigures(ds);
    expect(f).toMatchObject({ iopsLimit: 750, iopsDemand: 900, throttled: true, swapGib: 48, swapNeededGib: 112, usedGib: 200, freeGib: 264, provisionedGib: 600 });
    expect(f.snapshotReserveGib).toBeCloseTo(51.2);
    expect(f.availableGib).toBeCloseTo(212.8);
    expect(f.iopsUsagePct).toBeCloseTo(120);
    expect(f.overcommitRatio).toBeCloseTo(600 / 512);
    expect(f.thinAtRisk).toBe(true);
  });

  it("has no IOPS figure on Mass Storage and never throttles it", () => {
    const f = datastoreFigures(makeDatastore({ tier: "MASS", sizeGib: 2048, vms: [{ memoryGb: 8, iopsDemand: 100 }] }));
    expect(f).toMatchObject({ iopsLimit: null, iopsUsagePct: null, throttled: false });
  });

  it("lists the warnings a dashboard shows", () => {
    const ds = makeDatastore({ sizeGib: 1000, usedGib: 950, provisionedGib: 2000, vms: [{ memoryGb: 8, iopsDemand: 2000 }] });
    expect(datastoreWarnings(ds).map((v) => v.code).sort()).toEqual(["DATASTORE.IOPS_BUDGET", "DATASTORE.SNAPSHOT_RESERVE", "DATASTORE.THIN_OVERCOMMIT"]);
    expect(datastoreWarnings(makeDatastore())).toEqual([]);
  });
});

describe("checkDatastoreOrder", () => {
  test.each([
    [{ tier: "STANDARD", sizeGib: 500 }, []],
    [{ tier: "STANDARD", sizeGib: 499 }, ["DATASTORE.MIN_SIZE"]],
    [{ tier: "ULTRA", sizeGib: 10240, requestedIops: 150000 }, []],
    [{ tier: "ULTRA", sizeGib: 10240, requestedIops: 150001 }, ["DATASTORE.IOPS_LIMIT"]],
    [{ tier: "MASS", sizeGib: 1024, requestedIops: 10 }, ["DATASTORE.IOPS_LIMIT"]],
    [{ tier: "MASS", sizeGib: 400, requestedIops: 10 }, ["DATASTORE.MIN_SIZE", "DATASTORE.IOPS_LIMIT"]],
  ] as const)("%o → %o", (order, expected) => {
    expect(codes(checkDatastoreOrder(order))).toEqual(expected);
  });

  it("says which size or tier would give the IOPS asked", () => {
    const d = checkDatastoreOrder({ tier: "STANDARD", sizeGib: 512, requestedIops: 1000 });
    expect(d.ok).toBe(false);
    const v = allViolations(d)[0];
    expect(v).toMatchObject({ code: "DATASTORE.IOPS_LIMIT", limit: 750, actual: 1000 });
    expect(v?.message.en).toContain("at least 683 GiB"); // ceil(1000 × 1024 / 1500)
    expect(v?.message.en).toContain("FLASH Premium");
  });

  it("returns the IOPS limit of what is ordered", () => {
    const d = checkDatastoreOrder({ tier: "STANDARD", sizeGib: 512 });
    expect(d).toEqual({ ok: true, value: { sizeGib: 512, iopsLimit: 750 }, warnings: [] });
  });
});

describe("checkDatastoreResize", () => {
  const busy = makeDatastore({ sizeGib: 2048, usedGib: 800, provisionedGib: 800, vms: [{ memoryGb: 100, iopsDemand: 2000 }] });
  // 2048 GiB Standard: 3000 IOPS; demand 2000 needs ≥ 1366 GiB.

  test.each([
    [4096, []],
    [1400, []],
    [1300, ["DATASTORE.IOPS_LIMIT"]],
    [950, ["DATASTORE.SNAPSHOT_RESERVE", "DATASTORE.IOPS_LIMIT", "DATASTORE.THIN_OVERCOMMIT"]],
    [899, ["DATASTORE.MIN_SIZE", "DATASTORE.IOPS_LIMIT", "DATASTORE.THIN_OVERCOMMIT"]],
    [400, ["DATASTORE.MIN_SIZE", "DATASTORE.MIN_SIZE", "DATASTORE.IOPS_LIMIT", "DATASTORE.THIN_OVERCOMMIT"]],
  ] as const)("to %i GiB → %o", (size, expected) => {
    expect(codes(checkDatastoreResize(busy, size))).toEqual(expected);
  });

  it("never refuses a growth for IOPS, only warns while still short", () => {
    const throttled = makeDatastore({ sizeGib: 512, vms: [{ memoryGb: 8, iopsDemand: 2000 }] });
    const d = checkDatastoreResize(throttled, 1024);
    expect(d.ok).toBe(true);
    expect(codes(d)).toEqual(["DATASTORE.IOPS_BUDGET"]);
  });
});

describe("checkDatastoreTierChange", () => {
  const ds = makeDatastore({ tier: "ULTRA", sizeGib: 1024, replication: null, vms: [{ memoryGb: 8, iopsDemand: 5000 }] });
  test.each([
    ["ENTERPRISE", []],
    ["PREMIUM", ["DATASTORE.IOPS_LIMIT"]],
    ["MASS", ["DATASTORE.IOPS_LIMIT"]],
  ] as const)("ULTRA → %s: %o", (tier, expected) => {
    expect(codes(checkDatastoreTierChange(ds, tier))).toEqual(expected);
  });

  it("keeps a Global Mirror volume on a compatible tier", () => {
    const gm = makeDatastore({ tier: "STANDARD", replication: "GLOBAL_MIRROR" });
    expect(codes(checkDatastoreTierChange(gm, "ENTERPRISE"))).toEqual(["REPLICATION.GM_TIER"]);
    expect(codes(checkDatastoreTierChange(gm, "PREMIUM"))).toEqual([]);
  });
});

describe("checkDiskAdd", () => {
  const ds = makeDatastore({ sizeGib: 1000, usedGib: 500, provisionedGib: 500 });
  test.each([
    [{ sizeGib: 400, provisioning: "THICK", vm: plainVm }, []],
    [{ sizeGib: 401, provisioning: "THICK", vm: plainVm }, ["DATASTORE.SNAPSHOT_RESERVE", "DATASTORE.THIN_OVERCOMMIT"]],
    [{ sizeGib: 401, provisioning: "THIN", vm: plainVm }, ["DATASTORE.THIN_OVERCOMMIT"]],
  ] as const)("%o → %o", (disk, expected) => {
    expect(codes(checkDiskAdd(ds, disk))).toEqual(expected);
  });
});
