import { describe, expect, it } from "vitest";
import { planCapacitySchema } from "./planner";

describe("planCapacitySchema", () => {
  it("takes the form's strings, with defaults for what is left blank", () => {
    expect(planCapacitySchema.parse({ target: "pool", poolId: "p1", datastoreId: "", vmCount: "3", vmMemoryGb: "16", sizeGib: "", tier: "" })).toEqual({
      target: "pool",
      poolId: "p1",
      vmCount: 3,
      vmCpu: 2,
      vmMemoryGb: 16,
      vmDiskGib: 50,
      vmIops: 0,
      hostCount: 0,
    });
  });

  it.each([
    [{ target: "pool" }, "target"],
    [{ target: "datastore", poolId: "p1" }, "target"],
    // 33 hosts is the rule's to refuse (CPOOL.MAX_HOSTS, with its code and figures); the form only bounds nonsense.
    [{ target: "pool", poolId: "p1", hostCount: "1001" }, "hostCount"],
    [{ target: "pool", poolId: "p1", hostCount: "-1" }, "hostCount"],
    [{ target: "pool", poolId: "p1", vmMemoryGb: "0" }, "vmMemoryGb"],
    [{ target: "datastore", datastoreId: "d1", tier: "GOLD" }, "tier"],
    [{ target: "pool", poolId: "p1", vmCount: "1.5" }, "vmCount"],
  ])("refuses %j on %s", (input, field) => {
    const r = planCapacitySchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});
