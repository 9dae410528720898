import { describe, expect, it } from "vitest";
import { figureWithUnit, toViolationView } from "./decision-view";
import { violation } from "./domain/result";

describe("violation views", () => {
  it("speak the reader's language, units included", () => {
    const v = violation("BACKUP.LAST_POLICY", { en: "At most 1 policy.", fr: "Au plus 1 politique." }, { limit: 1, actual: 2, unit: "policies" });
    expect(toViolationView(v, "fr")).toMatchObject({ message: "Au plus 1 politique.", limit: 1, actual: 2, unit: "politiques" });
    expect(toViolationView(v, "en")).toMatchObject({ message: "At most 1 policy.", unit: "policies" });
  });

  it("keeps a unit French and English share (IOPS) as it is", () => {
    const v = violation("DATASTORE.IOPS_LIMIT", { en: "x", fr: "x" }, { limit: 750, unit: "IOPS" });
    expect(toViolationView(v, "fr").unit).toBe("IOPS");
  });

  it("puts a unit in the number of its figure: 1 host, 2 hosts; 0 hosts in English, 0 hôte in French", () => {
    expect(figureWithUnit(1, "hosts", "en")).toBe("1 host");
    expect(figureWithUnit(2, "hosts", "en")).toBe("2 hosts");
    expect(figureWithUnit(0, "hosts", "en")).toBe("0 hosts");
    expect(figureWithUnit(1, "hôtes", "fr")).toBe("1 hôte");
    expect(figureWithUnit(0, "hôtes", "fr")).toBe("0 hôte");
    expect(figureWithUnit(326.4, "GB", "en")).toBe("326.4 GB");
    expect(figureWithUnit(3, undefined, "en")).toBe("3");
  });
});
