// Compute pools (Cpool = ESXi cluster): memory figures and the decisions that change a pool's shape.
//
// Memory model. Activated memory is a software cap applied at the cluster level (the reference:
// "a software RAM usage limit is applied at the cluster level"). The memory the pool can carry
// with k hosts outside maintenance is min(activated, k × node RAM): a host in maintenance takes
// its physical RAM away but not the tenant's activation. Each available host's share is that
// capacity divided by k, and no host may be loaded beyond its share. "Used" memory is the
// memory of powered-on VMs (a powered-off or suspended VM holds no host RAM). GB here, as in
// the reference's pool examples; the reference mixes GB and GiB and so do we not: pool memory
// is GB, storage is GiB (simplification: 1 GB of VM memory = 1 GiB of .vswp file).
import {
  HOST_ACTIVATED_MEMORY_MIN_GB,
  MAINTENANCE_MIN_AVAILABLE_HOSTS,
  MEMORY_PRESSURE_LIMIT,
  NODE_TYPES,
  POOL_MAX_HOSTS,
  POOL_MIN_HOSTS,
  SLA_MIN_HOSTS,
  type NodeTypeCode,
} from "./catalogue";
import { guard } from "./guard";
import { applyOverride, decide, formatNumber, msg, violation, type Decision, type Override, type Violation } from "./result";

// ───────────────────────── Shapes ─────────────────────────

export type HostState = { id: string; name?: string; maintenance: boolean };

export type PoolVm = {
  id: string;
  name?: string;
  memoryGb: number;
  /** null: not placed on a host (yet). */
  hostId: string | null;
  poweredOn: boolean;
  datastoreId: string;
  /** Average IOPS the VM demands of its datastore. */
  iopsDemand: number;
};

export type AffinityKind = "AFFINITY" | "ANTI_AFFINITY";

/** VM-to-VM only, inside one pool. */
export type AffinityRuleState = { id: string; name?: string; kind: AffinityKind; enabled: boolean; vmIds: string[] };

export type PoolState = {
  id: string;
  name?: string;
  nodeType: NodeTypeCode;
  activatedMemoryGb: number;
  haEnabled: boolean;
  hosts: HostState[];
  vms: PoolVm[];
  affinityRules: AffinityRuleState[];
};

/** What a list page has without loading every VM: counts and the summed memory of running VMs. */
export type PoolMemorySummary = {
  nodeType: NodeTypeCode;
  hosts: number;
  hostsInMaintenance?: number;
  activatedMemoryGb: number;
  haEnabled: boolean;
  usedGb: number;
};

export type PoolMemoryInput = PoolState | PoolMemorySummary;

export type PoolMemory = {
  hostCount: number;
  /** Hosts outside maintenance. */
  availableHostCount: number;
  /** hosts × node RAM: what is physically there. */
  physicalGb: number;
  activatedGb: number;
  minActivatedGb: number;
  maxActivatedGb: number;
  /** min(activated, available hosts × node RAM): equals activated unless hosts are in maintenance. */
  capacityGb: number;
  /** capacity / available hosts: what one host may carry. */
  hostShareGb: number;
  usedGb: number;
  /** used / capacity, 0–1+ (for bars). */
  usedRatio: number;
  /** used / capacity × 100: percent of the activated memory the available hosts can carry. */
  usedPctOfActivated: number;
  /** 85 % of capacity. */
  pressureLimitGb: number;
  /** What can still be started before the 85 % line; 0 once above it. */
  headroomGbBefore85: number;
  inPressure: boolean;
  /** 99.99 % compute SLA: ≥ 2 hosts available (outside maintenance) and HA enabled. */
  slaEligible: boolean;
  /** Losing one more host (all hosts of a pool are the same size) still leaves the pool ≤ 85 %. */
  nPlusOneOk: boolean;
};

// ───────────────────────── Figures ─────────────────────────

const PRESSURE_PCT = Math.round(MEMORY_PRESSURE_LIMIT * 100);

/** Activated memory bounds: hosts × 128 GB up to hosts × the node's physical RAM (3 hosts → 384–1152 GB on 384 GB nodes). */
export function activatedMemoryRange(nodeType: NodeTypeCode, hosts: number): { minGb: number; maxGb: number } {
  return { minGb: hosts * HOST_ACTIVATED_MEMORY_MIN_GB, maxGb: hosts * NODE_TYPES[nodeType].ramGb };
}

/** Memory the pool can carry with `availableHosts` hosts outside maintenance. */
export function memoryCapacityGb(nodeType: NodeTypeCode, activatedGb: number, availableHosts: number): number {
  return Math.max(0, Math.min(activatedGb, availableHosts * NODE_TYPES[nodeType].ramGb));
}

/** 85 % of a capacity, computed so that integer GB compare exactly (384 → 326.4). */
export function pressureLimitGb(capacityGb: number): number {
  return (capacityGb * PRESSURE_PCT) / 100;
}

/** used ≤ 85 % of capacity, exact for integer inputs. */
export function withinPressureLimit(usedGb: number, capacityGb: number): boolean {
  return usedGb * 100 <= capacityGb * PRESSURE_PCT + 1e-9;
}

function isSummary(p: PoolMemoryInput): p is PoolMemorySummary {
  return typeof p.hosts === "number";
}

/** Memory of the powered-on VMs of a pool. */
export function poolUsedGb(pool: Pick<PoolState, "vms">): number {
  let used = 0;
  for (const v of pool.vms) if (v.poweredOn) used += v.memoryGb;
  return used;
}

export function availableHosts(pool: Pick<PoolState, "hosts">): HostState[] {
  return pool.hosts.filter((h) => !h.maintenance);
}

export function poolMemory(pool: PoolMemoryInput): PoolMemory {
  const hostCount = isSummary(pool) ? pool.hosts : pool.hosts.length;
  const availableHostCount = isSummary(pool) ? hostCount - (pool.hostsInMaintenance ?? 0) : availableHosts(pool).length;
  const usedGb = isSummary(pool) ? pool.usedGb : poolUsedGb(pool);
  const { minGb, maxGb } = activatedMemoryRange(pool.nodeType, hostCount);
  const capacityGb = memoryCapacityGb(pool.nodeType, pool.activatedMemoryGb, availableHostCount);
  const usedRatio = capacityGb > 0 ? usedGb / capacityGb : usedGb > 0 ? Infinity : 0;
  const limitGb = pressureLimitGb(capacityGb);
  const capacityMinusOne = memoryCapacityGb(pool.nodeType, pool.activatedMemoryGb, availableHostCount - 1);
  return {
    hostCount,
    availableHostCount,
    physicalGb: hostCount * NODE_TYPES[pool.nodeType].ramGb,
    activatedGb: pool.activatedMemoryGb,
    minActivatedGb: minGb,
    maxActivatedGb: maxGb,
    capacityGb,
    hostShareGb: availableHostCount > 0 ? capacityGb / availableHostCount : 0,
    usedGb,
    usedRatio,
    usedPctOfActivated: usedRatio * 100,
    pressureLimitGb: limitGb,
    headroomGbBefore85: Math.max(0, limitGb - usedGb),
    inPressure: !withinPressureLimit(usedGb, capacityGb),
    slaEligible: availableHostCount >= SLA_MIN_HOSTS && pool.haEnabled,
    nPlusOneOk: availableHostCount >= 2 && withinPressureLimit(usedGb, capacityMinusOne),
  };
}

export type HostUsage = { hostId: string; maintenance: boolean; usedGb: number; shareGb: number; usedRatio: number; vmCount: number };

/** Per-host load: the memory of its running VMs against its share of the pool's capacity. */
export function hostUsage(pool: PoolState): HostUsage[] {
  const share = poolMemory(pool).hostShareGb;
  const used = new Map<string, number>();
  const count = new Map<string, number>();
  for (const v of pool.vms) {
    if (v.hostId === null) continue;
    count.set(v.hostId, (count.get(v.hostId) ?? 0) + 1);
    if (v.poweredOn) used.set(v.hostId, (used.get(v.hostId) ?? 0) + v.memoryGb);
  }
  return pool.hosts.map((h) => {
    const u = used.get(h.id) ?? 0;
    const s = h.maintenance ? 0 : share;
    return { hostId: h.id, maintenance: h.maintenance, usedGb: u, shareGb: s, usedRatio: s > 0 ? u / s : u > 0 ? Infinity : 0, vmCount: count.get(h.id) ?? 0 };
  });
}

// ───────────────────────── Shared violations ─────────────────────────

export function maxHostsViolation(total: number): Violation {
  if (total < POOL_MIN_HOSTS) {
    return violation(
      "CPOOL.MAX_HOSTS",
      msg(
        (n) => `A compute pool holds from ${n(POOL_MIN_HOSTS)} to ${n(POOL_MAX_HOSTS)} hypervisors; this one would have ${n(total)}. Order at least one host.`,
        (n) => `Un pool de calcul compte de ${n(POOL_MIN_HOSTS)} à ${n(POOL_MAX_HOSTS)} hyperviseurs ; celui-ci en aurait ${n(total)}. Commandez au moins un hôte.`,
      ),
      { limit: POOL_MIN_HOSTS, actual: total, unit: "hosts" },
    );
  }
  return violation(
    "CPOOL.MAX_HOSTS",
    msg(
      (n) => `A compute pool holds at most ${n(POOL_MAX_HOSTS)} hypervisors; this one would have ${n(total)}. Create a second pool.`,
      (n) => `Un pool de calcul compte au plus ${n(POOL_MAX_HOSTS)} hyperviseurs ; celui-ci en aurait ${n(total)}. Créez un second pool.`,
    ),
    { limit: POOL_MAX_HOSTS, actual: total, unit: "hosts" },
  );
}

/** CPOOL.MEMORY_RESERVATION_RANGE for `activatedGb` on `hosts` hosts, or nothing when in range. */
export function reservationViolations(nodeType: NodeTypeCode, hosts: number, activatedGb: number): Violation[] {
  const { minGb, maxGb } = activatedMemoryRange(nodeType, hosts);
  const label = NODE_TYPES[nodeType].label;
  if (activatedGb < minGb) {
    return [
      violation(
        "CPOOL.MEMORY_RESERVATION_RANGE",
        msg(
          (n) => `Activated memory must be at least ${n(hosts)} hosts × ${n(HOST_ACTIVATED_MEMORY_MIN_GB)} GB = ${n(minGb)} GB; ${n(activatedGb)} GB was asked. Activate at least ${n(minGb)} GB.`,
          (n) => `La mémoire activée doit valoir au moins ${n(hosts)} hôtes × ${n(HOST_ACTIVATED_MEMORY_MIN_GB)} Go = ${n(minGb)} Go ; ${n(activatedGb)} Go ont été demandés. Activez au moins ${n(minGb)} Go.`,
        ),
        { limit: minGb, actual: activatedGb, unit: "GB" },
      ),
    ];
  }
  if (activatedGb > maxGb) {
    return [
      violation(
        "CPOOL.MEMORY_RESERVATION_RANGE",
        msg(
          (n) => `Activated memory cannot exceed ${n(hosts)} hosts × ${n(NODE_TYPES[nodeType].ramGb)} GB of physical RAM (${label}) = ${n(maxGb)} GB; ${n(activatedGb)} GB was asked. Activate at most ${n(maxGb)} GB or add hosts.`,
          (n) => `La mémoire activée ne peut dépasser ${n(hosts)} hôtes × ${n(NODE_TYPES[nodeType].ramGb)} Go de RAM physique (${label}) = ${n(maxGb)} Go ; ${n(activatedGb)} Go ont été demandés. Activez au plus ${n(maxGb)} Go ou ajoutez des hôtes.`,
        ),
        { limit: maxGb, actual: activatedGb, unit: "GB" },
      ),
    ];
  }
  return [];
}

export function slaViolations(hosts: number, haEnabled: boolean): Violation[] {
  if (hosts >= SLA_MIN_HOSTS && haEnabled) return [];
  const why =
    hosts < SLA_MIN_HOSTS
      ? msg(
          (n) => `With ${n(hosts)} host available there is no automatic restart of VMs: the 99.99 % SLA needs at least ${n(SLA_MIN_HOSTS)} hosts outside maintenance with HA enabled. Add a host to be covered.`,
          (n) => `Avec ${n(hosts)} hôte disponible, les VM ne redémarrent pas automatiquement : le SLA de 99,99 % exige au moins ${n(SLA_MIN_HOSTS)} hôtes hors maintenance avec la HA activée. Ajoutez un hôte pour être couvert.`,
        )
      : msg(
          () => "HA is disabled: VMs are not restarted automatically after a host failure and the pool is outside the 99.99 % SLA. Enable HA to be covered.",
          () => "La HA est désactivée : les VM ne redémarrent pas automatiquement après la panne d’un hôte et le pool sort du SLA de 99,99 %. Activez la HA pour être couvert.",
        );
  return [violation("CPOOL.SLA_INELIGIBLE", why, hosts < SLA_MIN_HOSTS ? { limit: SLA_MIN_HOSTS, actual: hosts, unit: "hosts" } : {})];
}

/**
 * CPOOL.MEMORY_PRESSURE (advisory) when running `usedGb` on `capacityGb` would exceed 85 %;
 * CPOOL.ACTIVATED_MEMORY (hard) instead when it would exceed the capacity itself: the activated
 * memory, or the RAM of the hosts outside maintenance when that is less. No override passes that.
 */
export function poolPressureViolations(usedGb: number, capacityGb: number, action: { en: string; fr: string }): Violation[] {
  if (withinPressureLimit(usedGb, capacityGb)) return [];
  if (usedGb > capacityGb + 1e-9) {
    return [
      violation(
        "CPOOL.ACTIVATED_MEMORY",
        msg(
          (n) => `A pool never runs more than its activated memory (within the RAM of its hosts outside maintenance), here ${n(capacityGb)} GB; ${action.en} would bring it to ${n(usedGb)} GB. This is a hard limit that no override passes: activate more memory, add a host, or stop VMs first.`,
          (n) => `Un pool ne fait jamais tourner plus que sa mémoire activée (dans la limite de la RAM de ses hôtes hors maintenance), soit ${n(capacityGb)} Go ; ${action.fr} le porterait à ${n(usedGb)} Go. C’est une limite stricte qu’aucune dérogation ne franchit : activez plus de mémoire, ajoutez un hôte ou arrêtez d’abord des VM.`,
        ),
        { limit: capacityGb, actual: usedGb, unit: "GB" },
      ),
    ];
  }
  const limit = pressureLimitGb(capacityGb);
  return [
    violation(
      "CPOOL.MEMORY_PRESSURE",
      msg(
        (n) => `A pool's allocated memory (the configured memory of its running VMs) must stay at or below ${PRESSURE_PCT} % of its activated memory, here ${n(limit)} GB of ${n(capacityGb)} GB; ${action.en} would bring it to ${n(usedGb)} GB. Activate more memory, add a host, or stop VMs first.`,
        (n) => `Un pool doit garder sa mémoire allouée (celle configurée pour ses VM en marche) à ${PRESSURE_PCT} % au plus de sa mémoire activée, soit ${n(limit)} Go sur ${n(capacityGb)} Go ; ${action.fr} le porterait à ${n(usedGb)} Go. Activez plus de mémoire, ajoutez un hôte ou arrêtez d’abord des VM.`,
      ),
      { limit, actual: usedGb, unit: "GB" },
    ),
  ];
}

// ───────────────────────── Decisions ─────────────────────────

export type PoolOrder = { nodeType: NodeTypeCode; hostCount: number; activatedMemoryGb?: number; haEnabled: boolean };

/** A new pool: 1 to 32 hosts of one node type, activated memory in range (default: hosts × 128 GB). */
export function checkPoolOrder(order: PoolOrder): Decision<{ hostCount: number; activatedMemoryGb: number }> {
  const g = guard().whole("hostCount", order.hostCount).optionalAmount("activatedMemoryGb", order.activatedMemoryGb);
  if (!g.ok) return g.refused();
  const activatedMemoryGb = order.activatedMemoryGb ?? order.hostCount * HOST_ACTIVATED_MEMORY_MIN_GB;
  const violations: Violation[] = [];
  if (order.hostCount < POOL_MIN_HOSTS || order.hostCount > POOL_MAX_HOSTS) violations.push(maxHostsViolation(order.hostCount));
  violations.push(...reservationViolations(order.nodeType, order.hostCount, activatedMemoryGb));
  violations.push(...slaViolations(order.hostCount, order.haEnabled));
  return decide(violations, { hostCount: order.hostCount, activatedMemoryGb });
}

export type PoolShape = Pick<PoolState, "nodeType" | "activatedMemoryGb" | "haEnabled"> & { hosts: readonly unknown[] };

/**
 * Adding hosts: same node type only, 32 at most, and the activated memory re-checked against the
 * new range. Without an explicit figure, each new host brings its default 128 GB.
 */
export function checkAddHosts(
  pool: PoolShape,
  add: { count: number; nodeType: NodeTypeCode; activatedMemoryGb?: number },
): Decision<{ hostCount: number; activatedMemoryGb: number }> {
  const g = guard().pool("pool", pool).whole("count", add.count, 1).optionalAmount("activatedMemoryGb", add.activatedMemoryGb);
  if (!g.ok) return g.refused();
  const hostCount = pool.hosts.length + add.count;
  const activatedMemoryGb = add.activatedMemoryGb ?? pool.activatedMemoryGb + add.count * HOST_ACTIVATED_MEMORY_MIN_GB;
  const violations: Violation[] = [];
  if (add.nodeType !== pool.nodeType) {
    const mine = NODE_TYPES[pool.nodeType].label;
    const theirs = NODE_TYPES[add.nodeType].label;
    violations.push(
      violation(
        "CPOOL.MIXED_NODE_TYPES",
        msg(
          () => `A compute pool holds one node type: this pool is ${mine}, the hosts ordered are ${theirs}. Order ${mine} hosts, or create ${theirs.match(/^[AEIOU]/i) ? "an" : "a"} ${theirs} pool.`,
          () => `Un pool de calcul ne contient qu’un type de nœud : ce pool est en ${mine}, les hôtes commandés sont des ${theirs}. Commandez des hôtes ${mine} ou créez un pool ${theirs}.`,
        ),
      ),
    );
  }
  if (hostCount > POOL_MAX_HOSTS) violations.push(maxHostsViolation(hostCount));
  violations.push(...reservationViolations(pool.nodeType, hostCount, activatedMemoryGb));
  violations.push(...slaViolations(hostCount, pool.haEnabled));
  return decide(violations, { hostCount, activatedMemoryGb });
}

/** Changing the activated memory: in range, not below what the running VMs use (hard), and keeping them ≤ 85 % (advisory). */
export function checkActivatedMemoryChange(pool: PoolState, activatedMemoryGb: number, override?: Override): Decision<{ activatedMemoryGb: number }> {
  const g = guard().pool("pool", pool).amount("activatedMemoryGb", activatedMemoryGb);
  if (!g.ok) return g.refused();
  const violations: Violation[] = [...reservationViolations(pool.nodeType, pool.hosts.length, activatedMemoryGb)];
  const capacity = memoryCapacityGb(pool.nodeType, activatedMemoryGb, availableHosts(pool).length);
  violations.push(
    ...poolPressureViolations(poolUsedGb(pool), capacity, {
      en: `activating ${formatNumber(activatedMemoryGb, "en")} GB with the running VMs`,
      fr: `activer ${formatNumber(activatedMemoryGb, "fr")} Go avec les VM en marche`,
    }),
  );
  return decide(applyOverride(violations, override), { activatedMemoryGb });
}

/**
 * A host enters maintenance only if at least 2 *other* hypervisors stay available (outside
 * maintenance) during the rolling update, the seed's "a minimum of two hypervisors per cluster must
 * be available during the update", and they can carry every running VM at ≤ 85 %. An enabled
 * anti-affinity rule that would run out of hosts is refused too.
 */
export function checkHostMaintenance(pool: PoolState, hostId: string): Decision<{ remainingHosts: number; usedPctAfter: number }> {
  const g = guard().pool("pool", pool);
  if (!g.ok) return g.refused();
  const host = pool.hosts.find((h) => h.id === hostId);
  if (!host) throw new Error(`host ${hostId} is not in pool ${pool.id}`);
  const available = availableHosts(pool).length;
  const used = poolUsedGb(pool);
  if (host.maintenance) {
    const cap = memoryCapacityGb(pool.nodeType, pool.activatedMemoryGb, available);
    return decide([], { remainingHosts: available, usedPctAfter: cap > 0 ? (used / cap) * 100 : 0 });
  }
  const remaining = available - 1;
  const violations: Violation[] = [];
  if (remaining < MAINTENANCE_MIN_AVAILABLE_HOSTS) {
    violations.push(
      violation(
        "HOST.MAINTENANCE_CAPACITY",
        msg(
          (n) => `Rolling hypervisor updates need at least ${n(MAINTENANCE_MIN_AVAILABLE_HOSTS)} hosts available while this one is in maintenance; ${n(remaining)} would remain outside maintenance. Add a host, or bring one back from maintenance, first.`,
          (n) => `Les mises à jour successives des hyperviseurs exigent au moins ${n(MAINTENANCE_MIN_AVAILABLE_HOSTS)} hôtes disponibles pendant la maintenance de celui-ci ; il n’en resterait que ${n(remaining)} hors maintenance. Ajoutez d’abord un hôte ou sortez-en un de maintenance.`,
        ),
        { limit: MAINTENANCE_MIN_AVAILABLE_HOSTS, actual: remaining, unit: "hosts", subject: hostId },
      ),
    );
  }
  const capAfter = memoryCapacityGb(pool.nodeType, pool.activatedMemoryGb, remaining);
  if (remaining > 0 && !withinPressureLimit(used, capAfter)) {
    const limit = pressureLimitGb(capAfter);
    violations.push(
      violation(
        "HOST.MAINTENANCE_CAPACITY",
        msg(
          (n) => `The other ${n(remaining)} hosts can carry ${n(limit)} GB at ${PRESSURE_PCT} %; the pool runs ${n(used)} GB of VMs. Stop VMs, activate more memory or add a host before this maintenance.`,
          (n) => `Les ${n(remaining)} autres hôtes peuvent porter ${n(limit)} Go à ${PRESSURE_PCT} % ; le pool fait tourner ${n(used)} Go de VM. Arrêtez des VM, activez plus de mémoire ou ajoutez un hôte avant cette maintenance.`,
        ),
        { limit, actual: used, unit: "GB", subject: hostId },
      ),
    );
  }
  violations.push(...antiAffinityShortfall(pool, new Set([hostId]), remaining, "maintenance"));
  return decide(violations, { remainingHosts: remaining, usedPctAfter: capAfter > 0 ? (used / capAfter) * 100 : 0 });
}

/**
 * Whether a host of the pool can leave for maintenance now — the pool summary's answer, made by
 * the very check a maintenance runs (checkHostMaintenance), so the two cannot disagree. A rolling
 * update takes every available host out in turn: the pool is ready when each of them may leave;
 * otherwise the first refusal is returned, with its HOST.MAINTENANCE_CAPACITY figures (a 2-host
 * pool, or a 3-host pool with one already in maintenance, leaves fewer than 2 hosts available).
 */
export function checkMaintenanceReadiness(pool: PoolState): Decision<{ remainingHosts: number; usedPctAfter: number }> {
  const g = guard().pool("pool", pool);
  if (!g.ok) return g.refused();
  const available = availableHosts(pool);
  if (available.length === 0) {
    return decide(
      [
        violation(
          "HOST.MAINTENANCE_CAPACITY",
          msg(
            (n) => `No host of this pool is available to take its turn (${n(pool.hosts.length)} hosts, none outside maintenance). Bring a host back from maintenance or add one.`,
            (n) => `Aucun hôte de ce pool n’est disponible pour passer en maintenance (${n(pool.hosts.length)} hôtes, aucun hors maintenance). Sortez un hôte de maintenance ou ajoutez-en un.`,
          ),
          { limit: MAINTENANCE_MIN_AVAILABLE_HOSTS, actual: 0, unit: "hosts" },
        ),
      ],
      { remainingHosts: 0, usedPctAfter: 0 },
    );
  }
  let first: Decision<{ remainingHosts: number; usedPctAfter: number }> | null = null;
  for (const h of available) {
    const d = checkHostMaintenance(pool, h.id);
    if (!d.ok) return d;
    first ??= d;
  }
  return first!;
}

/**
 * Enabled anti-affinity rules with a running VM on one of the `leaving` hosts and more running VMs
 * than the `remaining` available hosts: they could no longer keep their VMs apart.
 */
function antiAffinityShortfall(pool: PoolState, leaving: ReadonlySet<string>, remaining: number, context: "maintenance" | "removal"): Violation[] {
  const out: Violation[] = [];
  const byId = new Map(pool.vms.map((v) => [v.id, v]));
  for (const rule of pool.affinityRules) {
    if (!rule.enabled || rule.kind !== "ANTI_AFFINITY") continue;
    const running = rule.vmIds.map((id) => byId.get(id)).filter((v): v is PoolVm => v !== undefined && v.poweredOn && v.hostId !== null);
    if (!running.some((v) => leaving.has(v.hostId as string))) continue;
    if (running.length <= remaining) continue;
    const name = rule.name ?? rule.id;
    const during = context === "maintenance" ? { en: "during this maintenance", fr: "pendant cette maintenance" } : { en: "once these hosts are removed", fr: "une fois ces hôtes retirés" };
    out.push(
      violation(
        "AFFINITY.VIOLATION",
        msg(
          (n) => `Anti-affinity rule “${name}” keeps ${n(running.length)} running VMs on different hosts; only ${n(remaining)} would remain ${during.en}. Add a host or disable the rule first.`,
          (n) => `La règle d’anti-affinité « ${name} » maintient ${n(running.length)} VM en marche sur des hôtes distincts ; il n’en resterait que ${n(remaining)} ${during.fr}. Ajoutez un hôte ou désactivez d’abord la règle.`,
        ),
        { limit: remaining, actual: running.length, unit: "hosts", subject: rule.id },
      ),
    );
  }
  return out;
}

export type RemoveHosts = {
  hostIds: readonly string[];
  /** The activated memory after the removal; unless told, the activation stays what it is (it is the tenant's, not a host's). */
  activatedMemoryGb?: number;
};

/**
 * Removing hosts re-checks what adding does: at least one host left, the activated memory in the
 * new range, the running VMs within what the remaining available hosts carry (hard) and ≤ 85 % of it (advisory),
 * every enabled anti-affinity rule still satisfiable, and HA (a warning under 2 available hosts).
 */
export function checkRemoveHosts(pool: PoolState, remove: RemoveHosts, override?: Override): Decision<{ hostCount: number; activatedMemoryGb: number }> {
  const g = guard().pool("pool", pool).optionalAmount("activatedMemoryGb", remove.activatedMemoryGb);
  if (!g.ok) return g.refused();
  const leaving = new Set(remove.hostIds);
  for (const id of leaving) if (!pool.hosts.some((h) => h.id === id)) throw new Error(`host ${id} is not in pool ${pool.id}`);
  const hostCount = pool.hosts.length - leaving.size;
  const activatedMemoryGb = remove.activatedMemoryGb ?? pool.activatedMemoryGb;
  const remainingAvailable = availableHosts(pool).filter((h) => !leaving.has(h.id)).length;
  const violations: Violation[] = [];
  if (hostCount < POOL_MIN_HOSTS) violations.push(maxHostsViolation(hostCount));
  else violations.push(...reservationViolations(pool.nodeType, hostCount, activatedMemoryGb));
  const capacity = memoryCapacityGb(pool.nodeType, activatedMemoryGb, remainingAvailable);
  violations.push(
    ...poolPressureViolations(poolUsedGb(pool), capacity, {
      en: `removing ${formatNumber(leaving.size, "en")} host(s) with the running VMs`,
      fr: `retirer ${formatNumber(leaving.size, "fr")} hôte(s) avec les VM en marche`,
    }),
  );
  violations.push(...antiAffinityShortfall(pool, leaving, remainingAvailable, "removal"));
  if (hostCount >= POOL_MIN_HOSTS) violations.push(...slaViolations(remainingAvailable, pool.haEnabled));
  return decide(applyOverride(violations, override), { hostCount, activatedMemoryGb });
}
