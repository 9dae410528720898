// Moving a VM while it runs (or not) to another host, pool or datastore: the same rules as a
// creation decide where it lands (DOMAIN.md: "every decision that changes a VM's memory or disks
// (create, resize, add or grow a disk, migrate, restore) checks the same rules as a creation").
import { guard } from "./guard";
import { checkPlacement, indexPool, planPlacement } from "./placement";
import type { AffinityRuleState, PoolState } from "./pool";
import { allViolations, applyOverride, decide, msg, violation, type Decision, type Override, type Violation } from "./result";
import type { EncryptionState } from "./encryption";
import { checkDiskAdd, encryptedOnGlobalMirrorViolations, startOnDatastoreViolations, type DatastoreState } from "./storage";

export type MigrationVm = {
  id: string;
  name?: string;
  memoryGb: number;
  poweredOn: boolean;
  iopsDemand: number;
  encryption: EncryptionState;
  poolId: string;
  hostId: string | null;
  datastoreId: string;
  /** Its disks, each where it is today: those not yet on the target datastore are copied there. */
  disks: readonly { label: string; sizeGib: number; usedGib: number; provisioning: "THIN" | "THICK"; datastoreId: string }[];
};

export type MigrationRequest = {
  vm: MigrationVm;
  /** The pool it lands in: its own for a move between hosts or a storage move. */
  pool: PoolState;
  /** The host picked in that pool. Without it: its own host when the pool stays, the engine's pick in another pool. */
  hostId?: string;
  /** The datastore its disks and swap file go to, when it changes; absent, they stay. */
  datastore?: DatastoreState;
  /** The rules naming the VM in the pool it leaves (enabled or not), when it leaves its pool. */
  leavingRules?: readonly (AffinityRuleState & { poolName?: string })[];
  override?: Override;
};

/** What changes: the pool, the host, the datastore, each flagged. */
export type MigrationMove = { poolChanges: boolean; hostChanges: boolean; datastoreChanges: boolean };

export function migrationMove(vm: Pick<MigrationVm, "poolId" | "hostId" | "datastoreId">, target: { poolId: string; hostId?: string; datastoreId: string }): MigrationMove {
  const poolChanges = target.poolId !== vm.poolId;
  return {
    poolChanges,
    hostChanges: poolChanges || (target.hostId !== undefined && target.hostId !== vm.hostId),
    datastoreChanges: target.datastoreId !== vm.datastoreId,
  };
}

/**
 * Where a VM may go and which host it lands on:
 * - a new host or pool is a placement, exactly as a creation's: every enabled affinity rule of the
 *   target pool, a host outside maintenance, the VM within one host's physical RAM; a running VM
 *   also within the host's share (advisory) and RAM (hard), and, arriving in another pool, within
 *   that pool's activated memory (hard) and 85 % line (advisory);
 * - leaving its pool breaks every rule naming it, since rules bind VMs of one pool
 *   (DOMAIN.md 7): an enabled rule refuses with AFFINITY.VIOLATION, a disabled one with
 *   AFFINITY.UNSATISFIABLE (the code its creation would meet naming a VM of another pool); both
 *   hard: delete the rule, or move the VM inside its pool;
 * - a new datastore receives each disk as an added disk (snapshot reserve for thick disks, thin
 *   over-commit, no encrypted VM on Global Mirror) and, when the VM runs, its swap file.
 * The override is applied once, to the whole: it passes only advisory rules, and only when no
 * hard one stands beside them. The value names the host it lands on.
 */
export function checkMigration(req: MigrationRequest): Decision<{ hostId: string | null }> {
  const { vm, pool } = req;
  const g = guard().pool("pool", pool).amount("vm.memoryGb", vm.memoryGb).whole("vm.iopsDemand", vm.iopsDemand);
  if (req.datastore) g.datastore("datastore", req.datastore);
  if (!g.ok) return g.refused();
  const move = migrationMove(vm, { poolId: pool.id, hostId: req.hostId, datastoreId: req.datastore?.id ?? vm.datastoreId });
  const vmName = vm.name ?? vm.id;
  const violations: Violation[] = [];

  if (move.poolChanges) {
    const to = pool.name ?? pool.id;
    for (const rule of req.leavingRules ?? []) {
      if (!rule.vmIds.includes(vm.id)) continue;
      const name = rule.name ?? rule.id;
      const from = rule.poolName ?? vm.poolId;
      const others = rule.vmIds.filter((id) => id !== vm.id).length;
      violations.push(
        violation(
          rule.enabled ? "AFFINITY.VIOLATION" : "AFFINITY.UNSATISFIABLE",
          msg(
            (n) =>
              `${rule.enabled ? "Enabled" : "Disabled"} ${rule.kind === "ANTI_AFFINITY" ? "anti-affinity" : "affinity"} rule “${name}” binds ${vmName} to ${n(others)} other VM(s) of pool ${from}, and a rule binds VMs of one pool only: ${vmName} cannot leave for pool ${to} while the rule names it. Delete the rule first, or move ${vmName} to another host of ${from}.`,
            (n) =>
              `La règle ${rule.kind === "ANTI_AFFINITY" ? "d’anti-affinité" : "d’affinité"} ${rule.enabled ? "active" : "désactivée"} « ${name} » lie ${vmName} à ${n(others)} autre(s) VM du pool ${from}, et une règle ne lie que des VM d’un même pool : ${vmName} ne peut pas partir pour le pool ${to} tant que la règle la nomme. Supprimez d’abord la règle, ou déplacez ${vmName} vers un autre hôte de ${from}.`,
          ),
          { limit: 0, actual: 1, unit: "VMs", subject: rule.id },
        ),
      );
    }
  }

  // The disks first (a thick disk's space is taken as it is copied), then the swap file and the host.
  let datastore = move.datastoreChanges ? req.datastore : undefined;
  if (datastore) {
    for (const disk of vm.disks) {
      if (disk.datastoreId === datastore.id) continue;
      violations.push(...allViolations(checkDiskAdd(datastore, { sizeGib: disk.sizeGib, provisioning: disk.provisioning, vm })));
      datastore = {
        ...datastore,
        usedGib: datastore.usedGib + (disk.provisioning === "THICK" ? disk.sizeGib : disk.usedGib),
        provisionedGib: datastore.provisionedGib + disk.sizeGib,
      };
    }
  }

  let placed: Decision<{ hostId: string }> | null = null;
  if (move.hostChanges) {
    placed = checkPlacement({ pool, vm: { ...vm, poweredOn: vm.poweredOn }, datastore, hostId: req.hostId });
    violations.push(...allViolations(placed));
  } else if (datastore) {
    // The host stays: only the storage side of a placement is asked.
    violations.push(...encryptedOnGlobalMirrorViolations(datastore, vm));
    if (vm.poweredOn) violations.push(...startOnDatastoreViolations(datastore, vm));
  }

  const final = applyOverride(unique(violations), req.override);
  if (final.some((v) => v.severity === "refuse")) return decide(final, { hostId: null });
  let hostId = vm.hostId;
  if (placed) hostId = placed.ok ? placed.value.hostId : (req.hostId ?? planPlacement(pool, vm, undefined, indexPool(pool, vm.id)).hostId);
  return decide(final, { hostId });
}

/** One refusal said once (a disk and the swap file both meeting a Global Mirror say the same). */
function unique(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.code}|${v.subject ?? ""}|${v.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
