import { describe, it, expect } from "vitest";
import { applyOverride, decide, formatNumber, violation } from "./result";

describe("violations", () => {
  it("carry only the figures they were given (no empty limit, actual, unit or subject)", () => {
    const v = violation("ORDER.ALREADY_OPEN", { en: "x", fr: "x" });
    expect(Object.keys(v).sort()).toEqual(["code", "message", "severity"]);
    const w = violation("ORDER.ALREADY_OPEN", { en: "x", fr: "x" }, { limit: 1.005, actual: 2.333, unit: "orders", subject: "o1" });
    expect(w).toStrictEqual({ code: "ORDER.ALREADY_OPEN", severity: "refuse", message: { en: "x", fr: "x" }, limit: 1, actual: 2.33, unit: "orders", subject: "o1" });
  });

  it("an override turns only refusals of an advisory rule into warnings", () => {
    const pressure = violation("CPOOL.MEMORY_PRESSURE", { en: "Over 85 %.", fr: "Au-delà de 85 %." }, { limit: 108.8, actual: 120 });
    const alreadyWarning = { ...pressure, severity: "warn" as const };
    const budget = violation("DATASTORE.IOPS_BUDGET", { en: "Throttled.", fr: "Bridé." });
    const [overridden, warning, untouched] = applyOverride([pressure, alreadyWarning, budget], { reason: " migration weekend " });
    expect(overridden).toMatchObject({ severity: "warn", overridden: { reason: "migration weekend" }, message: { en: "Over 85 %. Overridden by an administrator: migration weekend" } });
    expect(warning).toBe(alreadyWarning);
    expect(untouched).toBe(budget);
    expect(applyOverride([pressure], { reason: "  " })).toEqual([pressure]);
  });

  it("an override reaches nothing while a hard refusal stands: the decision stays refused, every refusal as it was", () => {
    const pressure = violation("CPOOL.MEMORY_PRESSURE", { en: "Over 85 %.", fr: "Au-delà de 85 %." }, { limit: 979.2, actual: 1260 });
    const activated = violation("CPOOL.ACTIVATED_MEMORY", { en: "Over 1152 GB.", fr: "Au-delà de 1152 Go." }, { limit: 1152, actual: 1260 });
    const out = applyOverride([pressure, activated], { reason: "quarter-end batch" });
    expect(out).toEqual([pressure, activated]);
    expect(decide(out, undefined).ok).toBe(false);
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
