import { describe, expect, it } from "vitest";
import { attributeDrivers, peakPoint } from "./drivers";

const vms = (weights: number[]) => ({ vms: weights.map((w, i) => ({ id: `vm${i}`, name: `vm-${String(i).padStart(2, "0")}`, weight: w })), totalWeight: weights.reduce((s, w) => s + w, 0), count: weights.length });

describe("attributeDrivers", () => {
  it("splits a 357.4 GB peak across 12 VMs by memory: heaviest first, rows + others = the chart's figure", () => {
    const input = vms([64, 32, 32, 16, 16, 16, 8, 8, 8, 8, 4, 4]);
    const d = attributeDrivers(357.4, { ...input, vms: input.vms.slice(0, 10) }, 0.1);
    expect(d.rows.map((r) => r.name)).toEqual(["vm-00", "vm-01", "vm-02", "vm-03", "vm-04", "vm-05", "vm-06", "vm-07", "vm-08", "vm-09"]);
    // 64 of 216 GB configured: 29.6 % of 357.4 GB.
    expect(d.rows[0]).toMatchObject({ figure: 105.9, share: 64 / 216 });
    expect(d.others.count).toBe(2);
    expect(Math.round((d.rows.reduce((s, r) => s + r.figure, 0) + d.others.figure) * 10) / 10).toBe(357.4);
    for (let i = 1; i < d.rows.length; i++) expect(d.rows[i - 1]!.figure).toBeGreaterThanOrEqual(d.rows[i]!.figure);
  });

  it("splits IOPS in whole numbers and lists no one when nothing runs", () => {
    const d = attributeDrivers(6000, vms([500, 300, 200]), 1);
    expect(d.rows.map((r) => r.figure)).toEqual([3000, 1800, 1200]);
    expect(d.others).toEqual({ count: 0, figure: 0, share: 0 });
    expect(attributeDrivers(0, vms([]), 1)).toEqual({ total: 0, rows: [], others: { count: 0, figure: 0, share: 0 } });
  });
});

describe("peakPoint", () => {
  it("picks the highest point, the latest of equal ones", () => {
    expect(peakPoint([{ at: 1, v: 3 }, { at: 2, v: 9 }, { at: 3, v: 9 }, { at: 4, v: 1 }], (p) => p.v)?.at).toBe(3);
    expect(peakPoint([], () => 0)).toBeNull();
  });
});
