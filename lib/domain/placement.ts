// Choosing a host for a VM in a pool, or saying every reason why none will do.
import {
  availableHosts,
  memoryCapacityGb,
  poolPressureViolations,
  type AffinityRuleState,
  type HostState,
  type PoolState,
} from "./pool";
import { NODE_TYPES } from "./catalogue";
import type { EncryptionState } from "./encryption";
import { guard } from "./guard";
import { applyOverride, decide, formatNumber, msg, violation, type Decision, type Override, type Violation } from "./result";
import { encryptedOnGlobalMirrorViolations, startOnDatastoreViolations, type DatastoreState } from "./storage";

export type PlacementVm = {
  id: string;
  name?: string;
  memoryGb: number;
  /** Whether the VM runs once placed. Only a running VM uses host memory and needs a swap file. */
  poweredOn: boolean;
  iopsDemand: number;
  /** An encrypted VM (or one being encrypted) may not reach a Global Mirror datastore. */
  encryption: EncryptionState;
};

export type PlacementRequest = {
  pool: PoolState;
  /** A new VM, or one of the pool's VMs being moved (same id). */
  vm: PlacementVm;
  /** The datastore holding the VM's disks; omit to skip the storage checks (a host-only move). */
  datastore?: DatastoreState;
  /** A host the user picked; without it the engine picks the least loaded host that satisfies every rule. */
  hostId?: string;
  /** An admin's reasoned override: turns CPOOL.MEMORY_PRESSURE into an accepted warning (audited by the caller), unless a hard limit refuses too. */
  override?: Override;
};

export type Placement = { hostId: string };

/** Memory of running VMs per host and the host of every placed VM, with `exceptVmId` taken out. */
export type PoolIndex = { hostUsedGb: Map<string, number>; hostOfVm: Map<string, string>; poolUsedGb: number };

export function indexPool(pool: PoolState, exceptVmId?: string): PoolIndex {
  const hostUsedGb = new Map<string, number>();
  const hostOfVm = new Map<string, string>();
  let poolUsedGb = 0;
  for (const v of pool.vms) {
    if (v.id === exceptVmId) continue;
    if (v.poweredOn) poolUsedGb += v.memoryGb;
    if (v.hostId === null) continue;
    hostOfVm.set(v.id, v.hostId);
    if (v.poweredOn) hostUsedGb.set(v.hostId, (hostUsedGb.get(v.hostId) ?? 0) + v.memoryGb);
  }
  return { hostUsedGb, hostOfVm, poolUsedGb };
}

type RuleOutcome = { rule: AffinityRuleState; allowed: Set<string>; otherHosts: Set<string> };

/**
 * The hosts each enabled rule naming the VM allows. Affinity: the host of the rule's VMs already
 * placed (any power state: a stopped VM comes back where it is registered). Anti-affinity: any
 * host holding none of them.
 */
function ruleOutcomes(pool: PoolState, vmId: string, base: readonly HostState[], index: PoolIndex): RuleOutcome[] {
  const out: RuleOutcome[] = [];
  for (const rule of pool.affinityRules) {
    if (!rule.enabled || !rule.vmIds.includes(vmId)) continue;
    const otherHosts = new Set<string>();
    for (const id of rule.vmIds) {
      if (id === vmId) continue;
      const h = index.hostOfVm.get(id);
      if (h !== undefined) otherHosts.add(h);
    }
    const allowed = new Set<string>();
    for (const h of base) {
      const ok = rule.kind === "ANTI_AFFINITY" ? !otherHosts.has(h.id) : otherHosts.size === 0 || (otherHosts.size === 1 && otherHosts.has(h.id));
      if (ok) allowed.add(h.id);
    }
    out.push({ rule, allowed, otherHosts });
  }
  return out;
}

export type PlacementPlan = {
  /** Hosts every rule allows, least loaded first. */
  candidates: string[];
  /** The engine's pick (least loaded candidate), or null when no host satisfies the rules. */
  hostId: string | null;
  violations: Violation[];
};

/** The candidate hosts and the affinity violations, before memory and storage are looked at. */
export function planPlacement(pool: PoolState, vm: PlacementVm, forcedHostId: string | undefined, index: PoolIndex): PlacementPlan {
  const violations: Violation[] = [];
  const available = availableHosts(pool);
  let base: HostState[] = available;
  if (forcedHostId !== undefined) {
    const forced = pool.hosts.find((h) => h.id === forcedHostId);
    if (!forced) throw new Error(`host ${forcedHostId} is not in pool ${pool.id}`);
    base = [forced];
    if (forced.maintenance) {
      const name = forced.name ?? forced.id;
      violations.push(
        violation(
          "HOST.MAINTENANCE_CAPACITY",
          msg(
            () => `Host ${name} is in maintenance and takes no VMs until it leaves it. Pick another host or let the console choose.`,
            () => `L’hôte ${name} est en maintenance et n’accueille aucune VM avant d’en sortir. Choisissez un autre hôte ou laissez la console choisir.`,
          ),
          { subject: forced.id },
        ),
      );
      base = [];
    }
  } else if (available.length === 0) {
    violations.push(
      violation(
        "HOST.MAINTENANCE_CAPACITY",
        msg(
          (n) => `No host of this pool is available (${n(pool.hosts.length)} hosts, all in maintenance or none delivered). Wait for the maintenance to end or order a host.`,
          (n) => `Aucun hôte de ce pool n’est disponible (${n(pool.hosts.length)} hôtes, tous en maintenance ou aucun livré). Attendez la fin de la maintenance ou commandez un hôte.`,
        ),
        { limit: 1, actual: 0, unit: "hosts" },
      ),
    );
  }

  const outcomes = ruleOutcomes(pool, vm.id, base, index);
  let candidates = base.map((h) => h.id);
  for (const o of outcomes) candidates = candidates.filter((h) => o.allowed.has(h));

  if (base.length > 0) {
    const vmName = vm.name ?? vm.id;
    for (const o of outcomes) {
      if (o.allowed.size > 0) continue;
      const name = o.rule.name ?? o.rule.id;
      const where = forcedHostId !== undefined ? "the host picked" : "any available host";
      const whereFr = forcedHostId !== undefined ? "l’hôte choisi" : "tous les hôtes disponibles";
      violations.push(
        violation(
          "AFFINITY.VIOLATION",
          o.rule.kind === "ANTI_AFFINITY"
            ? msg(
                (n) => `Anti-affinity rule “${name}” keeps ${vmName} away from hosts already running its other VMs (${n(o.otherHosts.size)} hosts); that rules out ${where}. Add a host, pick another, or disable the rule.`,
                (n) => `La règle d’anti-affinité « ${name} » tient ${vmName} à l’écart des hôtes qui portent déjà ses autres VM (${n(o.otherHosts.size)} hôtes) ; cela exclut ${whereFr}. Ajoutez un hôte, choisissez-en un autre ou désactivez la règle.`,
              )
            : msg(
                (n) =>
                  o.otherHosts.size > 1
                    ? `Affinity rule “${name}” keeps its VMs on one host, but they already run on ${n(o.otherHosts.size)} hosts. Bring them together first, or disable the rule.`
                    : `Affinity rule “${name}” places ${vmName} with its other VMs, on a host that is not available here. Pick that host, end its maintenance, or disable the rule.`,
                (n) =>
                  o.otherHosts.size > 1
                    ? `La règle d’affinité « ${name} » garde ses VM sur un même hôte, mais elles tournent déjà sur ${n(o.otherHosts.size)} hôtes. Regroupez-les d’abord ou désactivez la règle.`
                    : `La règle d’affinité « ${name} » place ${vmName} avec ses autres VM, sur un hôte qui n’est pas disponible ici. Choisissez cet hôte, terminez sa maintenance ou désactivez la règle.`,
              ),
          { subject: o.rule.id },
        ),
      );
    }
    if (candidates.length === 0 && outcomes.every((o) => o.allowed.size > 0)) {
      const names = outcomes.map((o) => `“${o.rule.name ?? o.rule.id}”`).join(", ");
      const namesFr = outcomes.map((o) => `« ${o.rule.name ?? o.rule.id} »`).join(", ");
      violations.push(
        violation(
          "AFFINITY.VIOLATION",
          msg(
            () => `Rules ${names} each allow some hosts for ${vmName}, but no host satisfies them all. Disable one of them or add a host.`,
            () => `Les règles ${namesFr} autorisent chacune des hôtes pour ${vmName}, mais aucun ne les satisfait toutes. Désactivez l’une d’elles ou ajoutez un hôte.`,
          ),
          { subject: outcomes[0]?.rule.id },
        ),
      );
    }
  }

  candidates.sort((a, b) => (index.hostUsedGb.get(a) ?? 0) - (index.hostUsedGb.get(b) ?? 0));
  return { candidates, hostId: candidates[0] ?? null, violations };
}

/** HOST.PHYSICAL_MEMORY (hard) when a VM has more memory than one host of the pool physically has: it could never run there. */
export function vmLargerThanHostViolations(pool: Pick<PoolState, "nodeType">, vm: { id: string; name?: string; memoryGb: number }): Violation[] {
  const physicalGb = NODE_TYPES[pool.nodeType].ramGb;
  if (vm.memoryGb <= physicalGb + 1e-9) return [];
  const label = NODE_TYPES[pool.nodeType].label;
  return [
    violation(
      "HOST.PHYSICAL_MEMORY",
      msg(
        (n) => `${vm.name ?? vm.id} would have ${n(vm.memoryGb)} GB of memory, more than the ${n(physicalGb)} GB of RAM a ${label} host physically has: it could never run on this pool. This is a hard limit that no override passes: give it at most ${n(physicalGb)} GB, or use a pool of larger nodes.`,
        (n) => `${vm.name ?? vm.id} aurait ${n(vm.memoryGb)} Go de mémoire, plus que les ${n(physicalGb)} Go de RAM que possède physiquement un hôte ${label} : elle ne pourrait jamais tourner sur ce pool. C’est une limite stricte qu’aucune dérogation ne franchit : donnez-lui au plus ${n(physicalGb)} Go ou utilisez un pool de nœuds plus grands.`,
      ),
      { limit: physicalGb, actual: vm.memoryGb, unit: "GB", subject: vm.id },
    ),
  ];
}

/**
 * Places a VM: the pool stays ≤ 85 % of its activated memory and the chosen host within its share;
 * every enabled affinity and anti-affinity rule holds; a running VM gets its swap file and leaves
 * the snapshot reserve on its datastore; the IOPS budget warns. Returns the host, or every reason.
 */
export function checkPlacement(req: PlacementRequest, index: PoolIndex = indexPool(req.pool, req.vm.id)): Decision<Placement> {
  const { pool, vm } = req;
  const g = guard().pool("pool", pool).amount("vm.memoryGb", vm.memoryGb).whole("vm.iopsDemand", vm.iopsDemand);
  if (req.datastore) g.datastore("datastore", req.datastore);
  if (!g.ok) return g.refused();
  const plan = planPlacement(pool, vm, req.hostId, index);
  const violations = [...plan.violations];
  // A VM arriving on the datastore (created there, or moved onto it) is held to its mirror.
  if (req.datastore && !req.datastore.vms.some((v) => v.id === vm.id)) violations.push(...encryptedOnGlobalMirrorViolations(req.datastore, vm));

  // Physics, whatever the power state: a VM larger than a host of the pool could never start.
  const physicalGb = NODE_TYPES[pool.nodeType].ramGb;
  const tooLarge = vmLargerThanHostViolations(pool, vm);
  const largerThanAHost = tooLarge.length > 0;
  violations.push(...tooLarge);

  if (vm.poweredOn) {
    const existing = pool.vms.find((v) => v.id === vm.id);
    const available = availableHosts(pool).length;
    const capacity = memoryCapacityGb(pool.nodeType, pool.activatedMemoryGb, available);
    const before = index.poolUsedGb + (existing?.poweredOn ? existing.memoryGb : 0);
    const after = index.poolUsedGb + vm.memoryGb;
    // A move of a running VM does not add to the pool: only growth is held to the 85 % line.
    if (after > before) {
      violations.push(
        ...poolPressureViolations(after, capacity, {
          en: `running ${vm.name ?? vm.id} (${formatNumber(vm.memoryGb, "en")} GB)`,
          fr: `faire tourner ${vm.name ?? vm.id} (${formatNumber(vm.memoryGb, "fr")} Go)`,
        }),
      );
    }
    const hostId = plan.hostId;
    // A host picked implies one available (a host in maintenance is never a candidate).
    if (hostId !== null && !largerThanAHost) {
      const share = capacity / available;
      const hostAfter = (index.hostUsedGb.get(hostId) ?? 0) + vm.memoryGb;
      const host = pool.hosts.find((h) => h.id === hostId);
      const name = host?.name ?? hostId;
      if (hostAfter > physicalGb + 1e-9) {
        // Beyond the share is a risk an admin may accept; beyond the host's RAM is not.
        violations.push(
          violation(
            "HOST.PHYSICAL_MEMORY",
            msg(
              (n) => `Host ${name} has ${n(physicalGb)} GB of physical RAM; with this VM it would run ${n(hostAfter)} GB. This is a hard limit that no override passes: give the VM less memory, move VMs off the host, or add a host.`,
              (n) => `L’hôte ${name} a ${n(physicalGb)} Go de RAM physique ; avec cette VM il ferait tourner ${n(hostAfter)} Go. C’est une limite stricte qu’aucune dérogation ne franchit : donnez moins de mémoire à la VM, déplacez des VM hors de l’hôte ou ajoutez un hôte.`,
            ),
            { limit: physicalGb, actual: hostAfter, unit: "GB", subject: hostId },
          ),
        );
      } else if (hostAfter > share + 1e-9) {
        const picked = req.hostId !== undefined;
        violations.push(
          violation(
            "CPOOL.MEMORY_PRESSURE",
            msg(
              (n) =>
                `${picked ? `Host ${name}` : `The least loaded eligible host, ${name},`} may carry ${n(share)} GB (its share of the pool's activated memory); with this VM it would carry ${n(hostAfter)} GB. ${picked ? "Pick another host, " : ""}Activate more memory or add a host.`,
              (n) =>
                `${picked ? `L’hôte ${name}` : `L’hôte éligible le moins chargé, ${name},`} peut porter ${n(share)} Go (sa part de la mémoire activée du pool) ; avec cette VM il en porterait ${n(hostAfter)}. ${picked ? "Choisissez un autre hôte, " : ""}Activez plus de mémoire ou ajoutez un hôte.`,
            ),
            { limit: share, actual: hostAfter, unit: "GB", subject: hostId },
          ),
        );
      }
    }
    if (req.datastore) violations.push(...startOnDatastoreViolations(req.datastore, vm));
  }

  const final = applyOverride(violations, req.override);
  const decision = decide(final, { hostId: plan.hostId ?? "" });
  if (decision.ok && plan.hostId === null) throw new Error("placement accepted without a host");
  return decision;
}
