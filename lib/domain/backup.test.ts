import { describe, expect, it } from "vitest";
import { allViolations } from "./result";
import { backedUpDisks, checkBackupNow, checkBackupPolicyZone, restoreTestName } from "./backup";

const vm = { id: "vm1", name: "web-01", azId: "PAR7S", snapshotCount: 0 };
const daily = { name: "daily-7d", targetAzId: "AZ07" };
const codes = (d: Parameters<typeof allViolations>[0]) => allViolations(d).map((v) => v.code);

describe("backup now", () => {
  it("passes a VM with a policy keeping its backups elsewhere and no snapshot", () => {
    expect(checkBackupNow({ vm, policies: [daily], completedBackups: 0 }).ok).toBe(true);
  });

  it("refuses a first backup while snapshots exist, naming how many and what to do", () => {
    const d = checkBackupNow({ vm: { ...vm, snapshotCount: 3 }, policies: [daily], completedBackups: 0 });
    expect(allViolations(d)).toMatchObject([{ code: "BACKUP.SNAPSHOT_PRESENT", severity: "refuse", limit: 0, actual: 3, unit: "snapshots", subject: "vm1" }]);
    expect(allViolations(d)[0]!.message.en).toBe("web-01 has 3 snapshots, and a VM's first backup fails while a snapshot exists (it allows 0). Delete or consolidate the snapshots, then back it up.");
    expect(allViolations(d)[0]!.message.fr).toContain("Supprimez ou consolidez les snapshots");
  });

  it("lets a later backup run with snapshots: only the first one fails on them", () => {
    expect(checkBackupNow({ vm: { ...vm, snapshotCount: 3 }, policies: [daily], completedBackups: 1 }).ok).toBe(true);
  });

  it("says every refusal at once: no policy and snapshots", () => {
    expect(codes(checkBackupNow({ vm: { ...vm, snapshotCount: 1 }, policies: [], completedBackups: 0 }))).toEqual(["BACKUP.POLICY_REQUIRED", "BACKUP.SNAPSHOT_PRESENT"]);
  });

  it("refuses a policy keeping its backups in the VM's zone, naming both", () => {
    const d = checkBackupNow({ vm, policies: [{ name: "local", targetAzId: "PAR7S" }], completedBackups: 4 });
    expect(codes(d)).toEqual(["BACKUP.SAME_AZ"]);
    expect(allViolations(d)[0]!.message.en).toMatch(/web-01 runs in PAR7S.*local keeps its backups in PAR7S/);
  });

  it("refuses an impossible count as INPUT.INVALID", () => {
    expect(codes(checkBackupNow({ vm: { ...vm, snapshotCount: -1 }, policies: [daily], completedBackups: 0 }))).toEqual(["INPUT.INVALID"]);
  });
});

describe("the policy's zone", () => {
  it("accepts another zone and refuses the VM's own", () => {
    expect(checkBackupPolicyZone(vm, daily).ok).toBe(true);
    expect(codes(checkBackupPolicyZone(vm, { name: "local", targetAzId: "PAR7S" }))).toEqual(["BACKUP.SAME_AZ"]);
  });
});

describe("what a backup holds and how a restore test is named", () => {
  it("leaves out independent disks and disks excluded from backup", () => {
    const disks = [
      { label: "Hard disk 1", mode: "PERSISTENT", excludedFromBackup: false },
      { label: "Hard disk 2", mode: "INDEPENDENT", excludedFromBackup: false },
      { label: "Hard disk 3", mode: "PERSISTENT", excludedFromBackup: true },
    ];
    expect(backedUpDisks(disks).map((d) => d.label)).toEqual(["Hard disk 1"]);
  });

  it("names a restore test after its original", () => {
    expect(restoreTestName("web-01")).toBe("web-01-restore-test");
  });
});
