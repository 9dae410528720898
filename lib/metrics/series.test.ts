import { describe, expect, it } from "vitest";
import { downtimeMinutes, monthOf, overPeriods } from "./series";

const d = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 12, h, m));

describe("dashboard series", () => {
  it("marks contiguous periods with minutes above the line, each with its minutes and its share (throttled periods)", () => {
    const H = 3_600_000;
    const pts = [0, 0, 30, 60, 0, 15].map((overMinutes, i) => ({ at: i * H, overMinutes }));
    expect(overPeriods(pts, H)).toEqual([
      { from: 2 * H, to: 4 * H, minutes: 90, share: 0.75 },
      { from: 5 * H, to: 6 * H, minutes: 15, share: 0.25 },
    ]);
  });

  it("counts downtime once where outages overlap, clipped to the month so far", () => {
    const events = [
      { startedAt: d(3, 10), endedAt: d(3, 13) },
      { startedAt: d(3, 12), endedAt: d(3, 15) },
      { startedAt: d(9), endedAt: null },
    ];
    expect(downtimeMinutes(events, d(0), d(9, 2))).toBe(5 + 2);
    expect(downtimeMinutes(events, d(3, 14), d(4))).toBe(1);
  });

  it("knows the month: November has 30 days, so 99.99 % allows 4.32 min", () => {
    expect(monthOf(new Date(Date.UTC(2026, 10, 29, 10)))).toEqual({ start: new Date(Date.UTC(2026, 10, 1)), days: 30, day: 29 });
    expect(monthOf(new Date(Date.UTC(2028, 1, 3))).days).toBe(29);
  });
});
