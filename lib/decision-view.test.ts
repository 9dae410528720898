import { describe, expect, it } from "vitest";
import { toViolationView } from "./decision-view";
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
});
