// Pools and hosts: what a maintenance would do, and whether an affinity rule holds today.
// Pure and built only on the domain's decisions (checkHostMaintenance, checkPlacement,
// planPlacement), so the pool page shows exactly what the service will decide.
import { checkPlacement, indexPool, planPlacement } from "./placement";
import { checkHostMaintenance, type PoolState } from "./pool";
import { decide, type Decision, type Violation } from "./result";

export type VmMove = { vmId: string; vmName: string; memoryGb: number; poweredOn: boolean; fromHostId: string; toHostId: string; toHostName: string };

export type Evacuation = { moves: VmMove[]; remainingHosts: number; usedPctAfter: number };

/**
 * A host's maintenance: the domain's verdict (the other hosts carry every running VM at ≤ 85 %,
 * anti-affinity keeps enough hosts), then each VM registered on the host placed elsewhere by the
 * placement engine, the biggest running ones first, each seeing the moves before it. A VM that no
 * host can take (an enabled rule, a host's share) refuses the whole maintenance, naming why.
 */
export function planEvacuation(pool: PoolState, hostId: string): Decision<Evacuation> {
  const verdict = checkHostMaintenance(pool, hostId);
  if (!verdict.ok) return verdict;
  let state: PoolState = { ...pool, hosts: pool.hosts.map((h) => (h.id === hostId ? { ...h, maintenance: true } : h)) };
  const leaving = pool.vms.filter((v) => v.hostId === hostId).sort((a, b) => Number(b.poweredOn) - Number(a.poweredOn) || b.memoryGb - a.memoryGb || a.id.localeCompare(b.id));
  const violations: Violation[] = [...verdict.warnings];
  const moves: VmMove[] = [];
  for (const v of leaving) {
    // A host-only move: the VM keeps its datastore, so no storage rule is asked (the datastore is
    // not passed) and its encryption state cannot matter.
    const vm = { id: v.id, name: v.name, memoryGb: v.memoryGb, poweredOn: v.poweredOn, iopsDemand: v.iopsDemand, encryption: "NONE" as const };
    const placed = checkPlacement({ pool: state, vm });
    if (!placed.ok) {
      violations.push(...placed.violations);
      continue;
    }
    violations.push(...placed.warnings);
    const to = placed.value.hostId;
    moves.push({ vmId: v.id, vmName: v.name ?? v.id, memoryGb: v.memoryGb, poweredOn: v.poweredOn, fromHostId: hostId, toHostId: to, toHostName: pool.hosts.find((h) => h.id === to)?.name ?? to });
    state = { ...state, vms: state.vms.map((x) => (x.id === v.id ? { ...x, hostId: to } : x)) };
  }
  return decide(violations, { ...verdict.value, moves });
}

/**
 * Whether the VMs of a rule stand where the rule wants them today: for each of its placed VMs, the
 * placement engine is asked whether its current host satisfies the rule (as if enabled). A rule
 * created or enabled over VMs already placed against it binds their next placement; this says so.
 */
export function ruleBrokenBy(pool: PoolState, ruleId: string): string[] {
  const rule = pool.affinityRules.find((r) => r.id === ruleId);
  if (!rule) return [];
  const only: PoolState = { ...pool, hosts: pool.hosts.map((h) => ({ ...h, maintenance: false })), affinityRules: [{ ...rule, enabled: true }] };
  const broken: string[] = [];
  for (const v of pool.vms) {
    if (!rule.vmIds.includes(v.id) || v.hostId === null) continue;
    const vm = { id: v.id, name: v.name, memoryGb: v.memoryGb, poweredOn: v.poweredOn, iopsDemand: v.iopsDemand, encryption: "NONE" as const };
    const plan = planPlacement(only, vm, v.hostId, indexPool(only, v.id));
    if (plan.violations.some((x) => x.code === "AFFINITY.VIOLATION" && x.subject === rule.id)) broken.push(v.name ?? v.id);
  }
  return broken;
}
