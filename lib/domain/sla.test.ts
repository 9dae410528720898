import { describe, expect, it, test } from "vitest";
import { monthlyAvailability } from "./sla";

describe("monthlyAvailability", () => {
  test.each([
    [0, 30, 1, true, 4.32],
    [4.32, 30, 0.9999, true, 4.32],
    [4.33, 30, 1 - 4.33 / 43200, false, 4.32],
    [4.464, 31, 0.9999, true, 4.464],
    [0, 28, 1, true, 4.032],
    [4.176, 29, 0.9999, true, 4.176],
    [4.18, 29, 1 - 4.18 / 41760, false, 4.176],
    [43.2, 30, 0.999, false, 4.32],
  ])("%s min down in %i days → %s", (down, days, availability, met, allowed) => {
    const a = monthlyAvailability(down, days);
    expect(a.availability).toBeCloseTo(availability, 10);
    expect(a.targetMet).toBe(met);
    expect(a.allowedDowntimeMinutes).toBe(allowed);
  });

  it("counts the month's own minutes and rejects a month of no days", () => {
    expect([28, 29, 30, 31].map((days) => monthlyAvailability(0, days).minutesInMonth)).toEqual([40320, 41760, 43200, 44640]);
    expect(() => monthlyAvailability(0, 0)).toThrow(RangeError);
  });
});
