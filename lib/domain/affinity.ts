// Creating an affinity or anti-affinity rule: VM-to-VM only, inside one pool, and satisfiable.
import { guard } from "./guard";
import { availableHosts, memoryCapacityGb, type AffinityKind, type PoolState } from "./pool";
import { decide, msg, violation, type Decision, type Violation } from "./result";

export type AffinityRuleDraft = {
  name?: string;
  kind: AffinityKind;
  /** The VMs named by the rule, with the pool each belongs to. */
  vms: { id: string; name?: string; poolId: string; memoryGb: number }[];
};

/**
 * AFFINITY.UNSATISFIABLE when the VMs are not all in this pool, when fewer than two are named,
 * when affinity VMs together exceed one host's share of activated memory, or when anti-affinity
 * names more VMs than the pool has hosts. Checked whatever the rule's status: a disabled rule
 * that could never be enabled is no use either.
 */
export function checkAffinityRule(
  pool: Pick<PoolState, "id" | "name" | "nodeType" | "activatedMemoryGb" | "hosts">,
  draft: AffinityRuleDraft,
): Decision<{ kind: AffinityKind; vmIds: string[] }> {
  const g = guard().amount("pool.activatedMemoryGb", pool.activatedMemoryGb);
  draft.vms.forEach((v, i) => g.amount(`vms[${i}].memoryGb`, v.memoryGb));
  if (!g.ok) return g.refused();
  const violations: Violation[] = [];
  const vmIds = [...new Set(draft.vms.map((v) => v.id))];
  const poolName = pool.name ?? pool.id;
  const outsiders = draft.vms.filter((v) => v.poolId !== pool.id);
  if (outsiders.length > 0) {
    const names = outsiders.map((v) => v.name ?? v.id).join(", ");
    violations.push(
      violation(
        "AFFINITY.UNSATISFIABLE",
        msg(
          (n) => `Rules bind VMs of one pool only; ${n(outsiders.length)} VM(s) (${names}) are not in pool ${poolName}. Remove them from the rule.`,
          (n) => `Une règle ne lie que des VM d’un même pool ; ${n(outsiders.length)} VM (${names}) ne sont pas dans le pool ${poolName}. Retirez-les de la règle.`,
        ),
        { limit: 0, actual: outsiders.length, unit: "VMs" },
      ),
    );
  }
  if (vmIds.length < 2) {
    violations.push(
      violation(
        "AFFINITY.UNSATISFIABLE",
        msg(
          (n) => `A rule relates at least ${n(2)} VMs; this one names ${n(vmIds.length)}. Add VMs to it.`,
          (n) => `Une règle relie au moins ${n(2)} VM ; celle-ci en nomme ${n(vmIds.length)}. Ajoutez-y des VM.`,
        ),
        { limit: 2, actual: vmIds.length, unit: "VMs" },
      ),
    );
  }
  // Hosts in maintenance take no VMs: only the available ones can keep VMs together or apart.
  const hosts = availableHosts(pool).length;
  if (draft.kind === "AFFINITY") {
    const share = hosts > 0 ? memoryCapacityGb(pool.nodeType, pool.activatedMemoryGb, hosts) / hosts : 0;
    const seen = new Set<string>();
    let total = 0;
    for (const v of draft.vms) {
      if (seen.has(v.id)) continue;
      seen.add(v.id);
      total += v.memoryGb;
    }
    if (total > share + 1e-9) {
      violations.push(
        violation(
          "AFFINITY.UNSATISFIABLE",
          msg(
            (n) => `Affinity keeps these VMs on one host, which may carry ${n(share)} GB (its share of the pool's activated memory); together they need ${n(total)} GB. Activate more memory or relate fewer VMs.`,
            (n) => `L’affinité garde ces VM sur un même hôte, qui peut porter ${n(share)} Go (sa part de la mémoire activée du pool) ; ensemble elles demandent ${n(total)} Go. Activez plus de mémoire ou reliez moins de VM.`,
          ),
          { limit: share, actual: total, unit: "GB" },
        ),
      );
    }
  } else if (vmIds.length > hosts) {
    violations.push(
      violation(
        "AFFINITY.UNSATISFIABLE",
        msg(
          (n) => `Anti-affinity puts each VM on its own host: ${n(vmIds.length)} VMs need ${n(vmIds.length)} hosts and pool ${poolName} has ${n(hosts)} available (outside maintenance). Add hosts, wait for the maintenance to end, or relate fewer VMs.`,
          (n) => `L’anti-affinité place chaque VM sur son propre hôte : ${n(vmIds.length)} VM exigent ${n(vmIds.length)} hôtes et le pool ${poolName} en a ${n(hosts)} disponibles (hors maintenance). Ajoutez des hôtes, attendez la fin de la maintenance ou reliez moins de VM.`,
        ),
        { limit: hosts, actual: vmIds.length, unit: "hosts" },
      ),
    );
  }
  return decide(violations, { kind: draft.kind, vmIds });
}
