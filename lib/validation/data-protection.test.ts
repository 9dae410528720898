import { describe, it, expect } from "vitest";
import { bulkBackupPolicySchema, coverageList, enableStorageMirrorSchema, replicationList } from "./data-protection";
import { vlanList } from "./network";

describe("data-protection input", () => {
  it("takes one ticked VM (a string) or several (an array), and at most 100", () => {
    expect(bulkBackupPolicySchema.parse({ vmIds: "vm-1", policyId: "p" }).vmIds).toEqual(["vm-1"]);
    expect(bulkBackupPolicySchema.parse({ vmIds: ["vm-1", "vm-2"], policyId: "p" }).vmIds).toEqual(["vm-1", "vm-2"]);
    expect(bulkBackupPolicySchema.safeParse({ vmIds: [], policyId: "p" }).error?.issues[0]?.message).toBe("v.selectVm");
    expect(bulkBackupPolicySchema.safeParse({ vmIds: Array.from({ length: 101 }, (_, i) => `vm-${i}`), policyId: "p" }).success).toBe(false);
  });

  it("knows only the two storage mirrors", () => {
    expect(enableStorageMirrorSchema.safeParse({ datastoreId: "d", kind: "METRO_MIRROR", standbyAzId: "TH3S" }).success).toBe(true);
    expect(enableStorageMirrorSchema.safeParse({ datastoreId: "d", kind: "VM_REPLICATION", standbyAzId: "TH3S" }).success).toBe(false);
  });
});

describe("the lists' URLs", () => {
  it("sort the coverage view uncovered-first by default and ignore a bad filter", () => {
    const q = coverageList.parse({ coverage: "maybe", state: "POWERED_OFF", page: "0" });
    expect(q).toMatchObject({ sort: "coverage", dir: "asc", coverage: undefined, state: "POWERED_OFF", page: 1, pageSize: 25 });
    expect(coverageList.href("/t/p/data-protection", q, { coverage: "none" })).toBe("/t/p/data-protection?coverage=none&state=POWERED_OFF");
  });

  it("carry the replication filters and drop the defaults", () => {
    const q = replicationList.parse({ rpo: "at_risk", kind: "GLOBAL_MIRROR", sort: "lastReplicatedAt" });
    expect(replicationList.href("/r", q)).toBe("/r?kind=GLOBAL_MIRROR&rpo=at_risk&sort=lastReplicatedAt");
    expect(replicationList.parse({ rpo: "late" }).rpo).toBeUndefined();
    expect(vlanList.href("/n", vlanList.parse({ scope: "received", sort: "tag" }))).toBe("/n?scope=received");
  });
});
