// Self-service VM actions whose preconditions are rules: power-on and backup policies.
import { checkPlacement, indexPool, planPlacement, vmLargerThanHostViolations, type Placement } from "./placement";
import type { EncryptionState } from "./encryption";
import { guard } from "./guard";
import type { PoolState } from "./pool";
import { allViolations, applyOverride, decide, msg, violation, type Decision, type Override, type Violation } from "./result";
import { checkDiskAdd, startOnDatastoreViolations, type DatastoreState } from "./storage";

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
  // The override is applied once, to the whole: a missing backup policy (hard) keeps the 85 % line refused too.
  const placed: Decision<Placement> = checkPlacement({ pool, vm: { ...vm, poweredOn: true }, datastore });
  violations.push(...allViolations(placed));
  const final = applyOverride(violations, input.override);
  if (final.some((v) => v.severity === "refuse")) return decide(final, { hostId: null });
  // Refused only for advisory rules and overridden: the engine's pick, as the placement would have named it.
  const hostId = placed.ok ? placed.value.hostId : planPlacement(pool, { ...vm, poweredOn: true }, undefined, indexPool(pool, vm.id)).hostId;
  return decide(final, { hostId });
}

export type VmFootprintChange = {
  pool: PoolState;
  /** The datastore holding the VM's disks and swap file. */
  datastore: DatastoreState;
  /** The VM as the decision leaves it: its memory after the change. A VM not yet in the pool is a creation. */
  vm: { id: string; name?: string; memoryGb: number; iopsDemand: number; encryption: EncryptionState; backupPolicyCount?: number };
  /** Disks the decision puts on the datastore: a creation's first disk, an added disk. */
  newDisks?: readonly { sizeGib: number; provisioning: "THIN" | "THICK"; /** An existing disk's growth, by its label. */ grows?: string }[];
  /** The decision also powers the VM on (a creation with "power on"): a start's own rules apply. */
  start?: boolean;
  override?: Override;
};

/**
 * The rules every decision that changes a VM's memory or disks meets, the same for a creation, a
 * resize or a new disk (DOMAIN.md: "checks the same rules as a creation"):
 * - each new disk on the datastore as the previous ones left it: the snapshot reserve (thick),
 *   thin over-commit (advisory), an encrypted VM kept off Global Mirror;
 * - a creation: its placement (affinity, a host for it), and when it starts, the start's rules;
 * - a running VM whose memory grows: the pool's activated memory (hard) and 85 % line (advisory),
 *   its host's physical RAM (hard) and share (advisory), and its larger swap file's room and the
 *   snapshot reserve after it on the datastore (hard);
 * - a stopped VM whose memory grows: it still fits one host's physical RAM (hard).
 * The override is applied once, to the whole: a hard refusal anywhere leaves every refusal standing.
 * The value names the VM's host (null while it is not placed).
 */
export function checkVmFootprint(change: VmFootprintChange): Decision<{ hostId: string | null }> {
  const { pool, vm } = change;
  const g = guard()
    .pool("pool", pool)
    .datastore("datastore", change.datastore)
    .amount("vm.memoryGb", vm.memoryGb)
    .whole("vm.iopsDemand", vm.iopsDemand)
    .optionalWhole("vm.backupPolicyCount", vm.backupPolicyCount);
  (change.newDisks ?? []).forEach((d, i) => g.whole(`newDisks[${i}].sizeGib`, d.sizeGib, 1));
  if (!g.ok) return g.refused();
  const violations: Violation[] = [];
  let datastore = change.datastore;
  for (const disk of change.newDisks ?? []) {
    violations.push(...allViolations(checkDiskAdd(datastore, { ...disk, vm })));
    datastore = {
      ...datastore,
      usedGib: datastore.usedGib + (disk.provisioning === "THICK" ? disk.sizeGib : 0),
      provisionedGib: datastore.provisionedGib + disk.sizeGib,
    };
  }
  const current = pool.vms.find((v) => v.id === vm.id);
  let hostId = current?.hostId ?? null;
  let placed: Decision<{ hostId: string | null }> | null = null;
  if (!current || change.start) {
    placed = change.start
      ? checkPowerOn({ vm: { ...vm, powerState: "POWERED_OFF", backupPolicyCount: vm.backupPolicyCount ?? 0 }, datastore, pool })
      : checkPlacement({ pool, vm: { ...vm, poweredOn: false }, datastore });
  } else if (vm.memoryGb > current.memoryGb) {
    placed = current.poweredOn
      ? checkPlacement({ pool, vm: { ...vm, poweredOn: true }, datastore, hostId: current.hostId ?? undefined })
      : decide(vmLargerThanHostViolations(pool, vm), { hostId });
  }
  if (placed) {
    violations.push(...allViolations(placed));
    if (placed.ok) hostId = placed.value.hostId;
  }
  const final = applyOverride(violations, change.override);
  // Refused only for advisory rules and then overridden, a new VM still needs the engine's host.
  if (placed && !placed.ok && !current && !final.some((v) => v.severity === "refuse")) {
    hostId = planPlacement(pool, { ...vm, poweredOn: change.start ?? false }, undefined, indexPool(pool, vm.id)).hostId;
  }
  return decide(final, { hostId });
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
