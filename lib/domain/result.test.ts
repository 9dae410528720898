import { describe, it, expect } from "vitest";
import { applyOverride, formatNumber, violation } from "./result";

describe("violations", () => {
  it("carry only the figures they were given (no empty limit, actual, unit or subject)", () => {
    const v = violation("ORDER.ALREADY_OPEN", { en: "x", fr: "x" });
    expect(Object.keys(v).sort()).toEqual(["code", "message", "severity"]);
    const w = violation("ORDER.ALREADY_OPEN", { en: "x", fr: "x" }, { limit: 1.005, actual: 2.333, unit: "orders", subject: "o1" });
    expect(w).toStrictEqual({ code: "ORDER.ALREADY_OPEN", severity: "refuse", message: { en: "x", fr: "x" }, limit: 1, actual: 2.33, unit: "orders", subject: "o1" });
  });

  it("an override turns only refusals of an overridable rule into warnings", () => {
    const pressure = violation("CPOOL.MEMORY_PRESSURE", { en: "Over 85 %.", fr: "Au-delà de 85 %." }, { limit: 108.8, actual: 120 });
    const alreadyWarning = { ...pressure, severity: "warn" as const };
    const open = violation("ORDER.ALREADY_OPEN", { en: "Open.", fr: "Ouverte." });
    const [overridden, warning, refused] = applyOverride([pressure, alreadyWarning, open], { reason: " migration weekend " });
    expect(overridden).toMatchObject({ severity: "warn", overridden: { reason: "migration weekend" }, message: { en: "Over 85 %. Overridden by an administrator: migration weekend" } });
    expect(warning).toBe(alreadyWarning);
    expect(refused).toBe(open);
    expect(applyOverride([pressure], { reason: "  " })).toEqual([pressure]);
  });
});

describe("numbers in messages", () => {
  it("print two decimals at most, a decimal comma in French, and say what is not finite", () => {
    expect(formatNumber(326.4, "en")).toBe("326.4");
    expect(formatNumber(326.4, "fr")).toBe("326,4");
    expect(formatNumber(2 / 3, "en")).toBe("0.67");
    expect(formatNumber(Infinity, "en")).toBe("∞");
    expect(formatNumber(-Infinity, "fr")).toBe("-∞");
    expect(formatNumber(NaN, "en")).toBe("NaN");
  });
});
