import { describe, expect, it, test } from "vitest";
import {
  DEMO_PRICES,
  GLOBAL_MIRROR_TIER_CODES,
  LICENCE_CODES,
  NODE_TYPES,
  NODE_TYPE_CODES,
  REGIONS,
  STORAGE_TIERS,
  STORAGE_TIER_CODES,
  licenceSku,
  regionOfAz,
  tierSku,
} from "./catalogue";

describe("node types, exactly as DOMAIN.md's table", () => {
  test.each([
    ["ECO_V3", "ECO v3", 384, 2.2, 3.0, 20, 40, "2x10 Gb/s", null, "csp:fr1:iaas:vmware:eco:v3"],
    ["STANDARD_V3", "STANDARD v3", 384, 2.4, 3.4, 32, 64, "2x25 Gb/s", null, "csp:fr1:iaas:vmware:standard:v3"],
    ["ADVANCE_V3", "ADVANCE v3", 768, 2.8, 3.5, 48, 96, "2x25 Gb/s", null, "csp:fr1:iaas:vmware:advance:v3"],
    ["PERF1_V3", "PERFORMANCE 1 v3", 384, 3.2, 3.6, 16, 32, "2x25 Gb/s", null, "csp:fr1:iaas:vmware:perf1:v3"],
    ["PERF2_V3", "PERFORMANCE 2 v3", 768, 3.0, 3.6, 36, 72, "2x25 Gb/s", null, "csp:fr1:iaas:vmware:perf2:v3"],
    ["PERF3_V3", "PERFORMANCE 3 v3", 1536, 2.6, 3.5, 56, 112, "2x25 Gb/s", null, "csp:fr1:iaas:vmware:perf3:v3"],
    ["PERF4_V3", "PERFORMANCE 4 v3", 512, 2.5, 4.1, 32, 64, "2x25 Gb/s", "2x NVIDIA L40S 48 GB", "csp:fr1:iaas:vmware:perf4:v3"],
  ] as const)("%s", (code, label, ramGb, baseGhz, turboGhz, cores, threads, network, gpu, sku) => {
    expect(NODE_TYPES[code]).toEqual({ code, label, ramGb, baseGhz, turboGhz, cores, threads, network, gpu, sku });
  });

  it("lists the seven codes", () => {
    expect(Object.keys(NODE_TYPES)).toEqual([...NODE_TYPE_CODES]);
  });
});

describe("storage tiers", () => {
  test.each([
    ["ESSENTIEL", 500, 1, "csp:fr1:iaas:storage:bloc:live:v1", true],
    ["STANDARD", 1500, 1, "csp:fr1:iaas:storage:bloc:medium:v1", true],
    ["PREMIUM", 3000, 1, "csp:fr1:iaas:storage:bloc:premium:v1", true],
    ["ENTERPRISE", 7500, 1, "csp:fr1:iaas:storage:bloc:enterprise:v1", false],
    ["ULTRA", 15000, 1, "csp:fr1:iaas:storage:bloc:ultra:v1", false],
    ["MASS", null, 1024, "csp:fr1:iaas:storage:bloc:mass:v1", false],
  ] as const)("%s: %s IOPS/TB, unit %i GiB, %s, Global Mirror %s", (code, iops, unit, sku, gm) => {
    expect(STORAGE_TIERS[code]).toMatchObject({ code, iopsPerTb: iops, unitGib: unit, globalMirrorCompatible: gm });
    expect(tierSku(code, "FR1")).toBe(sku);
  });

  it("runs Global Mirror on the 500, 1500 and 3000 IOPS/TB tiers only", () => {
    expect(GLOBAL_MIRROR_TIER_CODES).toEqual(["ESSENTIEL", "STANDARD", "PREMIUM"]);
  });
});

test.each([
  ["BACKUP_STORAGE", "csp:fr1:iaas:storage:block:backup:v1"],
  ["GLOBAL_MIRROR", "csp:fr1:iaas:storage:licence:globalmirror:v1"],
  ["VM_REPLICATION", "csp:fr1:iaas:vmware:licence:replication:v1"],
  ["BACKUP_VM", "csp:fr1:iaas:backup:vm:v1"],
  ["HSM_ENCRYPTION", "csp:fr1:iaas:vmware:encryption:hsm:v1"],
] as const)("licence %s has SKU %s", (code, sku) => {
  expect(licenceSku(code, "FR1")).toBe(sku);
});

describe("demo prices", () => {
  it("price every node type, tier and licence, all positive", () => {
    for (const c of NODE_TYPE_CODES) expect(DEMO_PRICES.nodeTypes[c]).toBeGreaterThan(0);
    for (const c of STORAGE_TIER_CODES) expect(DEMO_PRICES.tiers[c]).toBeGreaterThan(0);
    for (const c of LICENCE_CODES) expect(DEMO_PRICES.licences[c]).toBeGreaterThan(0);
  });
});

describe("regions", () => {
  it("has FR1 with PAR7S, TH3S and AZ07", () => {
    expect(REGIONS.map((r) => r.code)).toEqual(["FR1"]);
    expect(REGIONS[0]?.zones.map((z) => z.code)).toEqual(["PAR7S", "TH3S", "AZ07"]);
    expect(regionOfAz("TH3S")).toBe("FR1");
    expect(regionOfAz("NOPE")).toBeNull();
  });
});
