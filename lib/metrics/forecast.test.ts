import { describe, expect, it } from "vitest";
import { forecastCrossing, linearTrend } from "./forecast";

const DAY = 86_400_000;
// Whatever the date: the series are built back from a `now` of the test's choosing.
const now = Date.UTC(2031, 2, 30, 1, 30);
const daily = (values: number[]) => values.map((value, i) => ({ at: now - (values.length - 1 - i) * DAY, value }));

describe("forecasts", () => {
  it("fits the least-squares line: 100 GB growing 2 GB a day", () => {
    const t = linearTrend(daily(Array.from({ length: 30 }, (_, i) => 100 + 2 * i)))!;
    expect(t.slopePerDay).toBeCloseTo(2, 9);
    expect(t.valueAt(now)).toBeCloseTo(158, 9);
  });

  it("says in how many days the line reaches the limit: (435.2 − 158) / 2 → 139 days", () => {
    expect(forecastCrossing(daily(Array.from({ length: 30 }, (_, i) => 100 + 2 * i)), 435.2, now)).toMatchObject({ kind: "crosses", days: 139, slopePerDay: expect.closeTo(2, 9), basedOnDays: 30 });
  });

  it("0 days when the line is already past the limit; not rising when flat or falling; nothing with under a week of history", () => {
    expect(forecastCrossing(daily(Array.from({ length: 10 }, (_, i) => 500 + i)), 435.2, now)).toMatchObject({ kind: "crosses", days: 0 });
    expect(forecastCrossing(daily(Array.from({ length: 10 }, () => 300)), 435.2, now)).toMatchObject({ kind: "not_rising", slopePerDay: 0 });
    expect(forecastCrossing(daily(Array.from({ length: 10 }, (_, i) => 300 - i)), 435.2, now).kind).toBe("not_rising");
    expect(forecastCrossing(daily([1, 2, 3, 4, 5, 6]), 10, now)).toEqual({ kind: "not_enough_history", limit: 10, basedOnDays: 6 });
  });

  it("weighs noise out: a zig-zag around a rising line finds its slope", () => {
    const t = linearTrend(daily(Array.from({ length: 30 }, (_, i) => 1000 + 10 * i + (i % 2 === 0 ? 40 : -40))))!;
    expect(t.slopePerDay).toBeGreaterThan(9);
    expect(t.slopePerDay).toBeLessThan(11);
  });
});
