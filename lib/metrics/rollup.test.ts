import { describe, expect, it } from "vitest";
import { aggregate, combine, dayRollupWindow, hourRollupWindow, resolutionFor, retentionCutoffs, DAY_MS, HOUR_MS } from "./rollup";

const T = Date.UTC(2026, 10, 29, 10, 17, 42);

describe("rollups", () => {
  it("recompute whole hours: the two before the current one, and the current one", () => {
    expect(hourRollupWindow(T)).toEqual({ from: Date.UTC(2026, 10, 29, 8), to: Date.UTC(2026, 10, 29, 11) });
    expect(dayRollupWindow(T)).toEqual({ from: Date.UTC(2026, 10, 28), to: Date.UTC(2026, 10, 30) });
  });

  it("aggregate as SQL does: avg, min, max, count", () => {
    expect(aggregate([10, 20, 30, 40])).toEqual({ avg: 25, min: 10, max: 40, count: 4, overMinutes: 0 });
    expect(() => aggregate([])).toThrow(RangeError);
  });

  it("counts 5 minutes for each sample above the line in force when it was measured, and sums them into days", () => {
    // The line moved from 435.2 to 544 GB (a host added) between the second and third sample.
    const hour = aggregate([430, 440, 500, 550], [435.2, 435.2, 544, 544]);
    expect(hour).toEqual({ avg: 480, min: 430, max: 550, count: 4, overMinutes: 10 });
    expect(aggregate([1, 2])).toMatchObject({ overMinutes: 0 });
    // Two hours of 10 and 25 minutes make 35 minutes, not two whole hours because their peaks crossed.
    expect(combine([hour, { ...aggregate([1]), overMinutes: 25 }]).overMinutes).toBe(35);
  });

  it("a day from its hours is weighted by each hour's sample count", () => {
    const a = aggregate([1, 2, 3]);
    const b = aggregate([10]);
    expect(combine([a, b])).toEqual(aggregate([1, 2, 3, 10]));
  });

  it("a chart reads raw up to 24 h, hourly up to 7 days, daily beyond", () => {
    expect(resolutionFor(24 * HOUR_MS)).toBe("RAW");
    expect(resolutionFor(7 * DAY_MS)).toBe("HOUR");
    expect(resolutionFor(30 * DAY_MS)).toBe("DAY");
  });
});

describe("retention", () => {
  it("keeps 48 h of raw samples, 90 days of hours, two years of days", () => {
    const c = retentionCutoffs(T);
    expect(c.raw).toBe(Date.UTC(2026, 10, 27, 10));
    expect(c.hour).toBe(Date.UTC(2026, 7, 31));
    expect(c.day).toBe(Date.UTC(2024, 10, 29));
  });
});
