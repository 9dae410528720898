import { describe, expect, it } from "vitest";
import { allViolations, type Decision } from "./result";
import {
  checkDatastoreOrder,
  checkDatastoreResize,
  checkDatastoreTierChange,
  checkDiskAdd,
  datastoreFigures,
  datastoreWarnings,
  sizeForIops,
  startOnDatastoreViolations,
} from "./storage";
import { makeDatastore, plainVm } from "./testing/fixtures";
import { checkPowerOn } from "./vm";

// Cases the mutation run (npm run test:mutation) found untested in storage.ts: the figures each
// violation carries, and the exact boundaries.

const codes = (d: Decision<unknown>) => allViolations(d).map((v) => v.code);
const first = (d: Decision<unknown>) => allViolations(d)[0];
const start = (memoryGb: number, iopsDemand = 0) => ({ id: "v", name: "app-01", memoryGb, iopsDemand, powerState: "POWERED_OFF" as const, backupPolicyCount: 1, encryption: "NONE" as const });

describe("figures", () => {
  it("a datastore of no size, a throttle exactly at the limit, thin disks exactly at the room", () => {
    expect(datastoreFigures(makeDatastore({ sizeGib: 0 }))).toMatchObject({ iopsLimit: 0, iopsUsagePct: null, overcommitRatio: 0 });
    expect(sizeForIops("MASS", 100)).toBeNull();
    // 1024 GiB Standard: 1500 IOPS.
    expect(datastoreFigures(makeDatastore({ vms: [{ memoryGb: 8, iopsDemand: 1500 }] }))).toMatchObject({ throttled: false, iopsUsagePct: 100 });
    expect(datastoreFigures(makeDatastore({ vms: [{ memoryGb: 8, iopsDemand: 1501 }] })).throttled).toBe(true);
    // 1000 GiB: 100 reserved, 100 of swap: thin disks may promise 800 GiB, not 801.
    const ds = (provisionedGib: number) => makeDatastore({ sizeGib: 1000, usedGib: 0, provisionedGib, vms: [{ memoryGb: 100 }] });
    expect(datastoreFigures(ds(800)).thinAtRisk).toBe(false);
    expect(datastoreFigures(ds(801)).thinAtRisk).toBe(true);
  });
});

describe("starting a VM on a datastore", () => {
  it("swap space and reserve carry their figures, naming the VM", () => {
    const swap = allViolations(checkPowerOn({ vm: start(64), datastore: makeDatastore({ sizeGib: 1000, usedGib: 937 }) }));
    expect(swap[0]).toMatchObject({ code: "DATASTORE.SWAP_SPACE", limit: 63, actual: 64, unit: "GiB", subject: "ds1" });
    expect(swap[0]?.message.en).toBe("Starting app-01 creates a 64 GiB swap file on ds1, which has 63 GiB free. Free space, grow the datastore, or reduce the VM's memory.");
    expect(swap[1]).toMatchObject({ code: "DATASTORE.SNAPSHOT_RESERVE", limit: 100, actual: -1, unit: "GiB", subject: "ds1" });
  });

  it("the IOPS budget warns with its figures, and not for a VM that demands none", () => {
    const busy = makeDatastore({ vms: [{ memoryGb: 8, iopsDemand: 1000 }] });
    expect(first(checkPowerOn({ vm: start(8, 501), datastore: busy }))).toMatchObject({ code: "DATASTORE.IOPS_BUDGET", limit: 1500, actual: 1501, unit: "IOPS", subject: "ds1" });
    const throttled = makeDatastore({ vms: [{ memoryGb: 8, iopsDemand: 2000 }] });
    expect(codes(checkPowerOn({ vm: start(8, 0), datastore: throttled }))).toEqual([]);
    const mass = makeDatastore({ tier: "MASS", vms: [{ memoryGb: 8, iopsDemand: 2000 }] });
    expect(codes(checkPowerOn({ vm: start(8, 100), datastore: mass }))).toEqual([]);
  });

  it("nothing for a VM already running there", () => {
    const ds = makeDatastore({ sizeGib: 1000, usedGib: 990, vms: [{ id: "v", memoryGb: 64 }] });
    expect(startOnDatastoreViolations(ds, { id: "v", memoryGb: 64, iopsDemand: 10_000 })).toEqual([]);
  });
});

describe("what a dashboard and a new disk say", () => {
  it("a breached reserve and thin over-commit carry their figures", () => {
    const ds = makeDatastore({ sizeGib: 1000, usedGib: 950, provisionedGib: 950 });
    expect(datastoreWarnings(ds)).toEqual([
      expect.objectContaining({ code: "DATASTORE.THIN_OVERCOMMIT", limit: 900, actual: 950, unit: "GiB", subject: "ds1" }),
      expect.objectContaining({ code: "DATASTORE.SNAPSHOT_RESERVE", limit: 100, actual: 50, unit: "GiB", subject: "ds1" }),
    ]);
    expect(first(checkDiskAdd(makeDatastore({ sizeGib: 1000, usedGib: 500, provisionedGib: 500 }), { sizeGib: 401, provisioning: "THICK", vm: plainVm }))).toMatchObject({
      code: "DATASTORE.SNAPSHOT_RESERVE",
      limit: 100,
      actual: 99,
      unit: "GiB",
      subject: "ds1",
    });
  });
});

describe("ordering a datastore", () => {
  it("min size and IOPS figures", () => {
    expect(first(checkDatastoreOrder({ tier: "STANDARD", sizeGib: 499 }))).toMatchObject({ code: "DATASTORE.MIN_SIZE", limit: 500, actual: 499, unit: "GiB" });
    expect(first(checkDatastoreOrder({ tier: "STANDARD", sizeGib: 1024, requestedIops: 1501 }))).toMatchObject({ code: "DATASTORE.IOPS_LIMIT", limit: 1500, actual: 1501, unit: "IOPS" });
    expect(first(checkDatastoreOrder({ tier: "MASS", sizeGib: 1024, requestedIops: 1 }))).toMatchObject({ code: "DATASTORE.IOPS_LIMIT", limit: 0, actual: 1, unit: "IOPS" });
  });

  it("Mass Storage without an IOPS figure, or with 0, is fine", () => {
    expect(checkDatastoreOrder({ tier: "MASS", sizeGib: 1024 })).toEqual({ ok: true, value: { sizeGib: 1024, iopsLimit: null }, warnings: [] });
    expect(checkDatastoreOrder({ tier: "MASS", sizeGib: 1024, requestedIops: 0 }).ok).toBe(true);
  });

  it("suggests the first tier giving exactly the IOPS asked", () => {
    // 1024 GiB: Standard 1500, Premium exactly 3000.
    expect(first(checkDatastoreOrder({ tier: "STANDARD", sizeGib: 1024, requestedIops: 3000 }))?.message.en).toContain(", or choose FLASH Premium.");
  });
});

describe("resizing and changing tier", () => {
  const busy = (iopsDemand: number, spec = {}) => makeDatastore({ usedGib: 100, vms: [{ memoryGb: 8, iopsDemand }], ...spec });

  it("a limit cut exactly to today's demand is allowed; below it is refused, with its figures", () => {
    // 1024 → 512 GiB Standard: 750 IOPS.
    expect(checkDatastoreResize(busy(750), 512)).toEqual({ ok: true, value: { sizeGib: 512, iopsLimit: 750 }, warnings: [] });
    expect(first(checkDatastoreResize(busy(751), 512))).toMatchObject({ code: "DATASTORE.IOPS_LIMIT", limit: 750, actual: 751, unit: "IOPS", subject: "ds1" });
  });

  it("the same tier again only warns about a budget already short", () => {
    expect(codes(checkDatastoreTierChange(busy(2000), "STANDARD"))).toEqual(["DATASTORE.IOPS_BUDGET"]);
    expect(checkDatastoreTierChange(busy(10), "PREMIUM")).toEqual({ ok: true, value: { tier: "PREMIUM", iopsLimit: 3000 }, warnings: [] });
  });

  it("from Mass Storage to a flash tier too slow for the demand is refused; to Mass Storage, only with a demand", () => {
    expect(codes(checkDatastoreTierChange(busy(600, { tier: "MASS" }), "ESSENTIEL"))).toEqual(["DATASTORE.IOPS_LIMIT"]);
    expect(first(checkDatastoreTierChange(busy(600), "MASS"))).toMatchObject({ code: "DATASTORE.IOPS_LIMIT", limit: 0, actual: 600, unit: "IOPS", subject: "ds1" });
    expect(checkDatastoreTierChange(busy(0), "MASS")).toEqual({ ok: true, value: { tier: "MASS", iopsLimit: null }, warnings: [] });
  });

  it("shrinking exactly to what is occupied: the reserve refuses, not the size", () => {
    // 600 GiB used + 8 GiB swap = 608 occupied.
    const ds = makeDatastore({ sizeGib: 1000, usedGib: 600, provisionedGib: 0, vms: [{ memoryGb: 8 }] });
    const at = allViolations(checkDatastoreResize(ds, 608));
    expect(at.map((v) => v.code)).toEqual(["DATASTORE.SNAPSHOT_RESERVE"]);
    expect(at[0]).toMatchObject({ limit: 60.8, actual: 0, unit: "GiB", subject: "ds1" });
    expect(first(checkDatastoreResize(ds, 607))).toMatchObject({ code: "DATASTORE.MIN_SIZE", limit: 608, actual: 607, unit: "GiB", subject: "ds1" });
  });

  it("growing, or keeping the size, never refuses for the reserve", () => {
    const full = makeDatastore({ sizeGib: 1000, usedGib: 950, provisionedGib: 0 });
    expect(codes(checkDatastoreResize(full, 1000))).toEqual([]);
    expect(codes(checkDatastoreResize(full, 1010))).toEqual([]);
  });

  it("Global Mirror's tier refusal names the datastore", () => {
    expect(first(checkDatastoreTierChange(makeDatastore({ replication: "GLOBAL_MIRROR" }), "ULTRA"))).toMatchObject({ code: "REPLICATION.GM_TIER", subject: "ds1" });
  });
});
