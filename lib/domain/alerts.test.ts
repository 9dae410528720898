import { describe, expect, it, test } from "vitest";
import fc from "fast-check";
import { ALERT_KINDS, ALERT_KIND_SPECS, alertKindsOf, alertText, evaluateAlert } from "./alerts";
import { withinPressureLimit, pressureLimitGb } from "./pool";
import { iopsLimit } from "./storage";
import { monthlyAvailability } from "./sla";

describe("the default lines", () => {
  it("are the dashboards' own: 85 % of activated memory, the IOPS limit, 10 % free, the promised RPO, half the SLA budget", () => {
    expect(Object.fromEntries(ALERT_KINDS.map((k) => [k, ALERT_KIND_SPECS[k].defaultPct]))).toEqual({ POOL_MEMORY: 85, DATASTORE_IOPS: 100, DATASTORE_SPACE: 10, REPLICATION_RPO: 100, SLA_BUDGET: 50 });
    expect(alertKindsOf("POOL")).toEqual(["POOL_MEMORY", "SLA_BUDGET"]);
    expect(alertKindsOf("DATASTORE")).toEqual(["DATASTORE_IOPS", "DATASTORE_SPACE"]);
  });
});

describe("evaluateAlert", () => {
  // The dashboards' pool prd-std-par7s: 1 024 GB activated, its 85 % line at 870.4 GB.
  test.each([
    ["POOL_MEMORY", 870.4, 1024, undefined, false, 870.4],
    ["POOL_MEMORY", 870.41, 1024, undefined, true, 870.4],
    ["POOL_MEMORY", 820, 1024, 80, true, 819.2],
    // ds-prd-premium-01: 8 192 GiB Premium, 24 000 IOPS: at the limit it is throttled.
    ["DATASTORE_IOPS", 23_999, iopsLimit("PREMIUM", 8192)!, undefined, false, 24_000],
    ["DATASTORE_IOPS", 24_000, iopsLimit("PREMIUM", 8192)!, undefined, true, 24_000],
    ["DATASTORE_IOPS", 21_600, 24_000, 90, true, 21_600],
    // Free space under 10 % of 8 192 GiB (819.2 GiB).
    ["DATASTORE_SPACE", 819.2, 8192, undefined, false, 819.2],
    ["DATASTORE_SPACE", 819, 8192, undefined, true, 819.2],
    // A 60-minute RPO: 61 min behind is past it.
    ["REPLICATION_RPO", 60, 60, undefined, false, 60],
    ["REPLICATION_RPO", 61, 60, undefined, true, 60],
    // 30 days allow 4.32 min: 2.16 min is half of it.
    ["SLA_BUDGET", 2.15, monthlyAvailability(0, 30).allowedDowntimeMinutes, undefined, false, 2.16],
    ["SLA_BUDGET", 2.16, monthlyAvailability(0, 30).allowedDowntimeMinutes, undefined, true, 2.16],
  ] as const)("%s: %d against %d at %s %% → breached %s, line %d", (kind, value, reference, level, breached, limit) => {
    const e = evaluateAlert(kind, { value, reference }, level);
    expect(e.breached).toBe(breached);
    expect(e.limit).toBeCloseTo(limit, 6);
  });

  it("never alerts without a reference (Mass Storage has no IOPS limit, a Metro Mirror no RPO)", () => {
    expect(evaluateAlert("DATASTORE_IOPS", { value: 1e9, reference: 0 }).breached).toBe(false);
    expect(evaluateAlert("REPLICATION_RPO", { value: 1, reference: 0 }).breached).toBe(false);
    expect(evaluateAlert("POOL_MEMORY", { value: Number.NaN, reference: 1024 }).breached).toBe(false);
  });

  it("agrees with the 85 % rule of the pool for any consumption (the same line as the dashboards and the placement)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 0, max: 60_000 }), (capacity, used) => {
        const e = evaluateAlert("POOL_MEMORY", { value: used, reference: capacity });
        expect(e.breached).toBe(!withinPressureLimit(used, capacity));
        expect(e.limit).toBeCloseTo(pressureLimitGb(capacity), 6);
      }),
    );
  });

  it("names the resource, the figure and the line in both languages", () => {
    const t = alertText("POOL_MEMORY", { resourceName: "prd-std-par7s", value: 900, limit: 870.4 });
    expect(t.en).toBe("Pool prd-std-par7s consumes 900 GB of memory, above its line of 870.4 GB (ballooning and compression risk).");
    expect(t.fr).toContain("870,4 Go");
    for (const k of ALERT_KINDS) expect(alertText(k, { resourceName: "x", value: 1.5, limit: 2 }).fr).toContain("1,5");
  });
});
