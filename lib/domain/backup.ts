// Backups and restores: when a VM may be backed up now, where its backups may be kept, and what a
// restore's name must be. Capacity for a restored VM is checkVmFootprint's (lib/domain/vm.ts), the
// creation's rules, not a copy of them.
import { guard } from "./guard";
import { decide, msg, violation, type Decision, type Violation } from "./result";

export type RestoreMode = "test" | "clone" | "production";

/** The name a restore test takes: the original's, marked, so both live side by side. */
export const RESTORE_TEST_SUFFIX = "-restore-test";
export const restoreTestName = (vmName: string) => `${vmName}${RESTORE_TEST_SUFFIX}`;

/** BACKUP.SAME_AZ: a VM's backups are kept in another zone than the VM ("a physically separate datacenter"). */
export function sameZoneViolation(vm: { id: string; name: string; azId: string }, policy: { name: string; targetAzId: string }): Violation | null {
  if (vm.azId !== policy.targetAzId) return null;
  return violation(
    "BACKUP.SAME_AZ",
    msg(
      () => `${vm.name} runs in ${vm.azId}, and the backup policy ${policy.name} keeps its backups in ${policy.targetAzId} too: a VM's backups are kept in another zone than the VM. Choose a policy that keeps its backups in another zone.`,
      () => `${vm.name} tourne en ${vm.azId}, et la politique de sauvegarde ${policy.name} garde ses sauvegardes en ${policy.targetAzId} aussi : les sauvegardes d’une VM sont gardées dans une autre zone que la VM. Choisissez une politique qui garde ses sauvegardes dans une autre zone.`,
    ),
    { subject: vm.id },
  );
}

/** Giving a VM a backup policy: its backups must land in another zone. */
export function checkBackupPolicyZone(vm: { id: string; name: string; azId: string }, policy: { name: string; targetAzId: string }): Decision {
  const v = sameZoneViolation(vm, policy);
  return decide(v ? [v] : [], undefined);
}

export type BackupNowInput = {
  vm: { id: string; name: string; azId: string; snapshotCount: number };
  /** The VM's policies (the first one runs the backup). */
  policies: readonly { name: string; targetAzId: string }[];
  /** Backups of this VM that finished: none means this would be its first. */
  completedBackups: number;
};

/**
 * "Backup now": the VM needs a policy (BACKUP.POLICY_REQUIRED), its backup lands in another zone
 * (BACKUP.SAME_AZ), and its first backup fails while a snapshot exists, so it is refused before it
 * runs (BACKUP.SNAPSHOT_PRESENT). Every refusal at once.
 */
export function checkBackupNow(input: BackupNowInput): Decision {
  const { vm, policies } = input;
  const g = guard().whole("vm.snapshotCount", vm.snapshotCount).whole("completedBackups", input.completedBackups);
  if (!g.ok) return g.refused();
  const violations: Violation[] = [];
  const policy = policies[0];
  if (!policy) {
    violations.push(
      violation(
        "BACKUP.POLICY_REQUIRED",
        msg(
          (n) => `${vm.name} has ${n(0)} backup policies, and a backup runs under a policy (its retention, its zone). Assign a backup policy first.`,
          (n) => `${vm.name} a ${n(0)} politique de sauvegarde, et une sauvegarde s’exécute sous une politique (sa rétention, sa zone). Assignez d’abord une politique de sauvegarde.`,
        ),
        { limit: 1, actual: 0, unit: "policies", subject: vm.id },
      ),
    );
  } else {
    const same = sameZoneViolation(vm, policy);
    if (same) violations.push(same);
  }
  if (input.completedBackups === 0 && vm.snapshotCount > 0) {
    violations.push(
      violation(
        "BACKUP.SNAPSHOT_PRESENT",
        msg(
          (n) => `${vm.name} has ${n(vm.snapshotCount)} snapshot${vm.snapshotCount === 1 ? "" : "s"}, and a VM's first backup fails while a snapshot exists (it allows ${n(0)}). Delete or consolidate the snapshots, then back it up.`,
          (n) => `${vm.name} a ${n(vm.snapshotCount)} snapshot${vm.snapshotCount === 1 ? "" : "s"}, et la première sauvegarde d’une VM échoue tant qu’un snapshot existe (elle en admet ${n(0)}). Supprimez ou consolidez les snapshots, puis sauvegardez-la.`,
        ),
        { limit: 0, actual: vm.snapshotCount, unit: "snapshots", subject: vm.id },
      ),
    );
  }
  return decide(violations, undefined);
}

/** What a backup holds: the VM's persistent disks not excluded from backup (independent ones are in no backup). */
export function backedUpDisks<D extends { mode: string; excludedFromBackup: boolean }>(disks: readonly D[]): D[] {
  return disks.filter((d) => d.mode === "PERSISTENT" && !d.excludedFromBackup);
}
