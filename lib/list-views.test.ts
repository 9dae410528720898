import { describe, it, expect } from "vitest";
import { columnOrder, columnsParam, moveColumn, pickColumns } from "./list-views";

describe("a list's columns from its URL", () => {
  it.each([
    ["nothing: the defaults", undefined, ["name", "powerState", "pool", "memoryGb", "cpu", "encryption", "tags", "createdAt"]],
    ["the order asked", "tags,name,createdAt", ["tags", "name", "createdAt"]],
    ["the name put back first when forgotten", "tags,createdAt", ["name", "tags", "createdAt"]],
    ["unknown and repeated names dropped", "name,bogus,tags,tags", ["name", "tags"]],
    ["nothing usable: the defaults", "bogus,,", ["name", "powerState", "pool", "memoryGb", "cpu", "encryption", "tags", "createdAt"]],
  ])("%s", (_, raw, expected) => {
    expect(pickColumns("vms", raw)).toEqual(expected);
  });

  it("writes no parameter for the defaults in their order, and the list otherwise", () => {
    expect(columnsParam("audit", ["time", "actor", "action", "outcome", "target", "details"])).toBeUndefined();
    expect(columnsParam("audit", ["time", "action", "actor", "outcome", "target", "details"])).toBe("time,action,actor,outcome,target,details");
  });

  it("orders every column, the hidden ones last, and moves one a place at a time, never past an end", () => {
    const order = columnOrder("audit", ["time", "details"]);
    expect(order).toEqual(["time", "details", "actor", "action", "outcome", "target"]);
    expect(moveColumn(order, "details", -1)).toEqual(["details", "time", "actor", "action", "outcome", "target"]);
    expect(moveColumn(order, "time", -1)).toEqual(order);
    expect(moveColumn(order, "target", 1)).toEqual(order);
  });

  it("knows the activities (the type names the row) and the backup jobs (the start names the row), all their columns shown by default", () => {
    expect(pickColumns("activities", undefined)).toEqual(["createdAt", "type", "resource", "state", "initiator", "duration"]);
    expect(pickColumns("activities", "state,initiator")).toEqual(["type", "state", "initiator"]);
    expect(pickColumns("backupJobs", "vm,bogus,size")).toEqual(["startedAt", "vm", "size"]);
    expect(columnsParam("backupJobs", ["startedAt", "vm", "policy", "zones", "state", "size", "finishedAt"])).toBeUndefined();
    expect(columnOrder("activities", ["type", "duration"])).toEqual(["type", "duration", "createdAt", "resource", "state", "initiator"]);
  });

  it("knows the replications: the protected resource names the row, the Stop button is no column", () => {
    expect(pickColumns("replications", "status,kind")).toEqual(["subject", "status", "kind"]);
    expect(pickColumns("replications", "actions")).toEqual(["subject", "kind", "sites", "rpo", "lastReplicatedAt", "status", "state"]);
  });
});
