import { describe, expect, it } from "vitest";
import { downtimeMinutes, monthOf, periodsAbove } from "./series";

const d = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 12, h, m));

describe("dashboard series", () => {
  it("marks contiguous periods above a limit (throttled periods)", () => {
    const H = 3_600_000;
    const pts = [100, 900, 1200, 1300, 800, 1100].map((max, i) => ({ at: i * H, avg: max, min: max, max }));
    expect(periodsAbove(pts, 1000, H)).toEqual([
      { from: 2 * H, to: 4 * H },
      { from: 5 * H, to: 6 * H },
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
