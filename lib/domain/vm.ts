// Self-service VM actions whose preconditions are rules: power-on and backup policies.
import { checkPlacement, type Placement } from "./placement";
import type { EncryptionState } from "./encryption";
import { guard } from "./guard";
import type { PoolState } from "./pool";
import { decide, msg, violation, type Decision, type Override, type Violation } from "./result";
import { startOnDatastoreViolations, type DatastoreState } from "./storage";

export type PowerState = "POWERED_ON" | "POWERED_OFF" | "SUSPENDED";

export type PowerOnVm = {
  id: string;
  name?: string;
  memoryGb: number;
  iopsDemand: number;
  powerState: PowerState;
  /** Backup policies assigned to the VM. */
  backupPolicyCount: number;
  encryption: EncryptionState;
};

function policyRequired(vm: { id: string; name?: string }): Violation {
  const name = vm.name ?? vm.id;
  return violation(
    "BACKUP.POLICY_REQUIRED",
    msg(
      () => `Under SecNumCloud a VM may not power on without a backup policy, and ${name} has none. Assign a backup policy first.`,
      () => `Sous SecNumCloud, une VM ne peut pas démarrer sans politique de sauvegarde, et ${name} n’en a aucune. Assignez d’abord une politique de sauvegarde.`,
    ),
    { subject: vm.id },
  );
}

/**
 * Powering on: a backup policy, room for the swap file (and the snapshot reserve after it) on the
 * datastore, IOPS budget (warning). With the pool, the start is also a placement: memory ≤ 85 %
 * (overridable), a host within its share and every affinity rule; the value then names the host.
 */
export function checkPowerOn(input: { vm: PowerOnVm; datastore: DatastoreState; pool?: PoolState; override?: Override }): Decision<{ hostId: string | null }> {
  const { vm, datastore, pool } = input;
  const g = guard().amount("vm.memoryGb", vm.memoryGb).whole("vm.iopsDemand", vm.iopsDemand).whole("vm.backupPolicyCount", vm.backupPolicyCount).datastore("datastore", datastore);
  if (pool) g.pool("pool", pool);
  if (!g.ok) return g.refused();
  if (vm.powerState === "POWERED_ON") {
    const current = pool?.vms.find((v) => v.id === vm.id)?.hostId ?? null;
    return decide([], { hostId: current });
  }
  const violations: Violation[] = vm.backupPolicyCount > 0 ? [] : [policyRequired(vm)];
  if (!pool) {
    violations.push(...startOnDatastoreViolations(datastore, vm));
    return decide(violations, { hostId: null });
  }
  const placed: Decision<Placement> = checkPlacement({ pool, vm: { ...vm, poweredOn: true }, datastore, override: input.override });
  violations.push(...(placed.ok ? placed.warnings : placed.violations));
  return decide(violations, { hostId: placed.ok ? placed.value.hostId : null });
}

/** The last backup policy cannot be removed from a running VM. */
export function checkRemoveBackupPolicy(vm: { id: string; name?: string; powerState: PowerState; backupPolicyCount: number }): Decision {
  const g = guard().whole("vm.backupPolicyCount", vm.backupPolicyCount);
  if (!g.ok) return g.refused();
  if (vm.powerState !== "POWERED_ON" || vm.backupPolicyCount > 1) return decide([], undefined);
  const name = vm.name ?? vm.id;
  const left = Math.max(0, vm.backupPolicyCount - 1);
  return decide(
    [
      violation(
        "BACKUP.LAST_POLICY",
        msg(
          (n) => `${name} is running: removing its last backup policy would leave it with ${n(left)}, and under SecNumCloud a running VM keeps at least ${n(1)}. Assign another policy first, or power the VM off.`,
          (n) => `${name} est en marche : retirer sa dernière politique de sauvegarde lui en laisserait ${n(left)}, et sous SecNumCloud une VM en marche en garde au moins ${n(1)}. Assignez d’abord une autre politique ou arrêtez la VM.`,
        ),
        { limit: 1, actual: left, unit: "policies", subject: vm.id },
      ),
    ],
    undefined,
  );
}
