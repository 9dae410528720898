// Replication between AZs of one region: storage mirrors (Global / Metro), VM replication, RPO.
import {
  GIB_PER_TIB,
  GLOBAL_MIRROR_RPO_MINUTES,
  GLOBAL_MIRROR_RTO_MINUTES,
  GLOBAL_MIRROR_WRITE_IMPACT,
  METRO_MIRROR_RPO_MINUTES,
  RPO_AT_RISK_RATIO,
  VM_REPLICATION_RPO_HOURS_PER_MBPS,
  VM_REPLICATION_RPO_MAX_MINUTES,
  VM_REPLICATION_RPO_MIN_MINUTES,
  VM_REPLICATION_RTO_MINUTES,
  VM_REPLICATION_WRITE_HEAVY_MBPS,
  regionOfAz,
  STORAGE_TIERS,
  type StorageTierCode,
} from "./catalogue";
import { guard } from "./guard";
import { poolMemory, type PoolMemoryInput } from "./pool";
import { decide, msg, violation, type Decision, type Violation } from "./result";
import type { RuleCode } from "./rules";
import { globalMirrorTierViolations } from "./storage";

// ───────────────────────── Standby site ─────────────────────────

/** The standby must be another AZ of the same region. */
function standbySiteViolations(code: RuleCode, sourceAz: string, standbyAz: string, subject: string): Violation[] {
  if (standbyAz === sourceAz) {
    return [
      violation(
        code,
        msg(
          () => `The standby site must be another availability zone than ${sourceAz}. Pick a different AZ of the same region.`,
          () => `Le site de secours doit être une autre zone de disponibilité que ${sourceAz}. Choisissez une autre AZ de la même région.`,
        ),
        { subject },
      ),
    ];
  }
  const from = regionOfAz(sourceAz);
  const to = regionOfAz(standbyAz);
  if (from === null || from !== to) {
    return [
      violation(
        code,
        msg(
          () => `Replication runs between two AZs of one region: ${sourceAz} is in ${from ?? "no known region"}, ${standbyAz} in ${to ?? "no known region"}. Pick an AZ of ${from ?? "the source region"}.`,
          () => `La réplication se fait entre deux AZ d’une même région : ${sourceAz} est en ${from ?? "région inconnue"}, ${standbyAz} en ${to ?? "région inconnue"}. Choisissez une AZ de ${from ?? "la région source"}.`,
        ),
        { subject },
      ),
    ];
  }
  return [];
}

// ───────────────────────── Storage mirrors ─────────────────────────

export type StorageMirrorInput = {
  datastore: { id: string; name?: string; tier: StorageTierCode; sizeGib: number; azCode: string };
  /** VMs with disks on the datastore. */
  vms: { id: string; name?: string; encrypted: boolean }[];
  /** The standby AZ, the capacity available there for the mirror copy, and the tier the copy would be on. */
  standby: { azCode: string; availableGib: number; tier: StorageTierCode };
};

export type StorageMirrorTerms = {
  rpoMinutes: number;
  rtoMinutes: number | null;
  /** Storage the standby copy takes (and bills): the same size again. */
  standbyGib: number;
  /** Global Mirror licence units (per started TiB); 0 for Metro Mirror, which has no licence SKU. */
  licenceTib: number;
  /** Share of write performance lost. */
  writeImpact: number;
};

function mirrorGuard(input: StorageMirrorInput) {
  return guard().amount("datastore.sizeGib", input.datastore.sizeGib).amount("standby.availableGib", input.standby.availableGib);
}

/** Storage replication needs the same performance on both sides: the standby copy on the source's tier. */
function standbyTierViolations(input: StorageMirrorInput): Violation[] {
  const { datastore: ds, standby } = input;
  if (standby.tier === ds.tier) return [];
  const name = ds.name ?? ds.id;
  const mine = STORAGE_TIERS[ds.tier].label;
  const theirs = STORAGE_TIERS[standby.tier].label;
  return [
    violation(
      "REPLICATION.STANDBY_TIER",
      msg(
        () => `Storage replication needs identical performance in both AZs: ${name} is ${mine}, the standby copy in ${standby.azCode} would be ${theirs}. Put the standby copy on ${mine}.`,
        () => `La réplication de stockage exige des performances identiques dans les deux AZ : ${name} est en ${mine}, la copie de secours en ${standby.azCode} serait en ${theirs}. Placez la copie de secours en ${mine}.`,
      ),
      { subject: ds.id },
    ),
  ];
}

/** The standby site and its space for an identical copy, under the mirror's own code (Global or Metro). */
function standbyCapacityViolations(input: StorageMirrorInput, code: "REPLICATION.GM_STANDBY_CAPACITY" | "REPLICATION.MM_STANDBY_CAPACITY"): Violation[] {
  const { datastore: ds, standby } = input;
  const out = [...standbySiteViolations(code, ds.azCode, standby.azCode, ds.id), ...standbyTierViolations(input)];
  if (standby.availableGib < ds.sizeGib) {
    const name = ds.name ?? ds.id;
    out.push(
      violation(
        code,
        msg(
          (n) => `The standby copy needs exactly the same space as ${name}, ${n(ds.sizeGib)} GiB, in ${standby.azCode}; ${n(standby.availableGib)} GiB are available there. Free or order capacity in ${standby.azCode} first.`,
          (n) => `La copie de secours demande exactement la même place que ${name}, soit ${n(ds.sizeGib)} Gio, en ${standby.azCode} ; ${n(standby.availableGib)} Gio y sont disponibles. Libérez ou commandez d’abord de la capacité en ${standby.azCode}.`,
        ),
        { limit: standby.availableGib, actual: ds.sizeGib, unit: "GiB", subject: ds.id },
      ),
    );
  }
  return out;
}

/**
 * Global Mirror (asynchronous LUN replication): Essentiel/Standard/Premium only, a standby of the
 * same size and tier in another AZ of the region, and no encrypted VM on the volume.
 */
export function checkGlobalMirror(input: StorageMirrorInput): Decision<StorageMirrorTerms> {
  const g = mirrorGuard(input);
  if (!g.ok) return g.refused();
  const { datastore: ds } = input;
  const violations: Violation[] = [...globalMirrorTierViolations(ds, ds.tier), ...standbyCapacityViolations(input, "REPLICATION.GM_STANDBY_CAPACITY")];
  const encrypted = input.vms.filter((v) => v.encrypted);
  if (encrypted.length > 0) {
    const names = encrypted.map((v) => v.name ?? v.id).join(", ");
    violations.push(
      violation(
        "REPLICATION.VM_ENCRYPTED",
        msg(
          (n) => `Encrypted VMs are not compatible with Global Mirror, and ${n(encrypted.length)} VM(s) on ${ds.name ?? ds.id} are encrypted (${names}). Move them to another datastore, or use VM replication.`,
          (n) => `Les VM chiffrées sont incompatibles avec le Global Mirror, et ${n(encrypted.length)} VM de ${ds.name ?? ds.id} sont chiffrées (${names}). Déplacez-les vers un autre datastore ou utilisez la réplication de VM.`,
        ),
        { actual: encrypted.length, unit: "VMs", subject: ds.id },
      ),
    );
  }
  return decide(violations, {
    rpoMinutes: GLOBAL_MIRROR_RPO_MINUTES,
    rtoMinutes: GLOBAL_MIRROR_RTO_MINUTES,
    standbyGib: ds.sizeGib,
    licenceTib: Math.ceil(ds.sizeGib / GIB_PER_TIB),
    writeImpact: GLOBAL_MIRROR_WRITE_IMPACT,
  });
}

/**
 * Metro Mirror (synchronous): its standby is an identical copy once the initial copy ends, so it
 * needs another AZ of the region and the same space there (REPLICATION.MM_STANDBY_CAPACITY, its own
 * code: a Metro Mirror refusal never names Global Mirror), on the same tier (REPLICATION.STANDBY_TIER).
 * The list of compatible tiers and the encryption restriction are Global Mirror's only.
 */
export function checkMetroMirror(input: StorageMirrorInput): Decision<StorageMirrorTerms> {
  const g = mirrorGuard(input);
  if (!g.ok) return g.refused();
  return decide(standbyCapacityViolations(input, "REPLICATION.MM_STANDBY_CAPACITY"), {
    rpoMinutes: METRO_MIRROR_RPO_MINUTES,
    rtoMinutes: null,
    standbyGib: input.datastore.sizeGib,
    licenceTib: 0,
    writeImpact: 0,
  });
}

// ───────────────────────── VM replication ─────────────────────────

/**
 * RPO a VM's write rate allows, in minutes: one hour per started MB/s of average writes, clamped
 * to the reference's 1 h – 24 h (the project's own model: the reference says only that the
 * interval depends on the volume of writes).
 */
export function vmReplicationRpoMinutes(writeRateMbps: number): number {
  const hours = Math.ceil(Math.max(0, writeRateMbps) * VM_REPLICATION_RPO_HOURS_PER_MBPS);
  return Math.min(VM_REPLICATION_RPO_MAX_MINUTES, Math.max(VM_REPLICATION_RPO_MIN_MINUTES, hours * 60));
}

export type VmReplicationInput = {
  vm: { id: string; name?: string; memoryGb: number; /** Sum of its disks. */ storageGib: number; writeRateMbps: number; azCode: string };
  standby: {
    azCode: string;
    /** The tenant's pool in the standby AZ that would run the replica, or null if there is none. */
    pool: PoolMemoryInput | null;
    /** Memory already reserved on that pool for other replicas, GB. */
    reservedForReplicasGb: number;
    /** Block storage available in the standby AZ, GiB. */
    availableStorageGib: number;
  };
};

/**
 * VM replication: a standby in another AZ of the region with memory reserved for the replica
 * (within the standby pool's 85 % headroom, less what other replicas reserved) and identical
 * storage capacity; a write-heavy VM is accepted with a warning.
 */
export function checkVmReplication(input: VmReplicationInput): Decision<{ rpoMinutes: number; rtoMinutes: number; reservedGb: number; standbyGib: number }> {
  const { vm, standby } = input;
  const g = guard()
    .amount("vm.memoryGb", vm.memoryGb)
    .amount("vm.storageGib", vm.storageGib)
    .amount("vm.writeRateMbps", vm.writeRateMbps)
    .amount("standby.reservedForReplicasGb", standby.reservedForReplicasGb)
    .amount("standby.availableStorageGib", standby.availableStorageGib);
  if (standby.pool !== null) g.poolMemory("standby.pool", standby.pool);
  if (!g.ok) return g.refused();
  const name = vm.name ?? vm.id;
  const violations: Violation[] = [...standbySiteViolations("REPLICATION.VM_STANDBY_RESERVATION", vm.azCode, standby.azCode, vm.id)];
  if (standby.pool === null) {
    violations.push(
      violation(
        "REPLICATION.VM_STANDBY_RESERVATION",
        msg(
          () => `Recovery needs compute reserved on the standby site, and this tenant has no compute pool in ${standby.azCode}. Order a pool there first.`,
          () => `La reprise exige du calcul réservé sur le site de secours, et ce tenant n’a aucun pool de calcul en ${standby.azCode}. Commandez d’abord un pool dans cette AZ.`,
        ),
        { subject: vm.id },
      ),
    );
  } else {
    const free = Math.max(0, poolMemory(standby.pool).headroomGbBefore85 - standby.reservedForReplicasGb);
    // Tolerant of float noise: 326.4 − 100 − 26.4 leaves exactly 200 GB for a 200 GB replica.
    if (vm.memoryGb > free + 1e-9) {
      violations.push(
        violation(
          "REPLICATION.VM_STANDBY_RESERVATION",
          msg(
            (n) => `The replica of ${name} needs ${n(vm.memoryGb)} GB reserved on the standby pool in ${standby.azCode}, which has ${n(free)} GB left below 85 %. Activate more memory there first.`,
            (n) => `La réplique de ${name} exige ${n(vm.memoryGb)} Go réservés sur le pool de secours en ${standby.azCode}, à qui il reste ${n(free)} Go sous 85 %. Activez d’abord plus de mémoire là-bas.`,
          ),
          { limit: free, actual: vm.memoryGb, unit: "GB", subject: vm.id },
        ),
      );
    }
  }
  if (standby.availableStorageGib < vm.storageGib) {
    violations.push(
      violation(
        "REPLICATION.VM_STANDBY_RESERVATION",
        msg(
          (n) => `The replica of ${name} needs the same storage as the VM, ${n(vm.storageGib)} GiB, in ${standby.azCode}; ${n(standby.availableStorageGib)} GiB are available there. Grow or order a datastore there first.`,
          (n) => `La réplique de ${name} exige le même stockage que la VM, soit ${n(vm.storageGib)} Gio, en ${standby.azCode} ; ${n(standby.availableStorageGib)} Gio y sont disponibles. Agrandissez ou commandez d’abord un datastore là-bas.`,
        ),
        { limit: standby.availableStorageGib, actual: vm.storageGib, unit: "GiB", subject: vm.id },
      ),
    );
  }
  const rpoMinutes = vmReplicationRpoMinutes(vm.writeRateMbps);
  if (vm.writeRateMbps > VM_REPLICATION_WRITE_HEAVY_MBPS) {
    violations.push(
      violation(
        "REPLICATION.VM_WRITE_RATE",
        msg(
          (n) => `${name} writes ${n(vm.writeRateMbps)} MB/s on average, above the ${n(VM_REPLICATION_WRITE_HEAVY_MBPS)} MB/s VM replication copes with: its instant clone may not close without pausing the VM, or may corrupt it. Prefer application-level replication or Global Mirror.`,
          (n) => `${name} écrit ${n(vm.writeRateMbps)} Mo/s en moyenne, au-delà des ${n(VM_REPLICATION_WRITE_HEAVY_MBPS)} Mo/s que supporte la réplication de VM : son clone instantané risque de ne pas se refermer sans figer la VM, voire de la corrompre. Préférez une réplication applicative ou le Global Mirror.`,
        ),
        { limit: VM_REPLICATION_WRITE_HEAVY_MBPS, actual: vm.writeRateMbps, unit: "MB/s", subject: vm.id },
      ),
    );
  }
  return decide(violations, { rpoMinutes, rtoMinutes: VM_REPLICATION_RTO_MINUTES, reservedGb: vm.memoryGb, standbyGib: vm.storageGib });
}

// ───────────────────────── RPO compliance ─────────────────────────

export type RpoStatus = {
  /** Minutes since the last replicated point; null when there is none yet. */
  lagMinutes: number | null;
  compliant: boolean;
  /**
   * initial_copy: no point replicated yet, the first copy is running (a new replication is not
   * in breach of a promise it has not started keeping); ok: within 80 % of the RPO; at_risk:
   * within the RPO but past 80 %; breach: past it.
   */
  status: "initial_copy" | "ok" | "at_risk" | "breach";
};

export function rpoStatus(promisedRpoMinutes: number, lastReplicatedAt: Date | null, now: Date): RpoStatus {
  if (lastReplicatedAt === null) return { lagMinutes: null, compliant: false, status: "initial_copy" };
  const lagMinutes = Math.max(0, (now.getTime() - lastReplicatedAt.getTime()) / 60_000);
  if (lagMinutes > promisedRpoMinutes) return { lagMinutes, compliant: false, status: "breach" };
  return { lagMinutes, compliant: true, status: lagMinutes > promisedRpoMinutes * RPO_AT_RISK_RATIO ? "at_risk" : "ok" };
}

/** The RPO status, with a REPLICATION.RPO_BREACH warning when the promise is broken. */
export function checkRpoCompliance(replication: { id: string; promisedRpoMinutes: number; lastReplicatedAt: Date | null }, now: Date): Decision<RpoStatus> {
  const g = guard().amount("promisedRpoMinutes", replication.promisedRpoMinutes).date("now", now);
  if (replication.lastReplicatedAt !== null) g.date("lastReplicatedAt", replication.lastReplicatedAt);
  if (!g.ok) return g.refused();
  const s = rpoStatus(replication.promisedRpoMinutes, replication.lastReplicatedAt, now);
  if (s.status !== "breach") return decide([], s);
  const rpo = replication.promisedRpoMinutes;
  const lag = s.lagMinutes ?? 0;
  const v = violation(
    "REPLICATION.RPO_BREACH",
    msg(
      (n) => `The last replicated point is ${n(lag)} min old, beyond the promised RPO of ${n(rpo)} min. Check the replication and open an incident ticket.`,
      (n) => `Le dernier point répliqué date de ${n(lag)} min, au-delà du RPO promis de ${n(rpo)} min. Vérifiez la réplication et ouvrez un ticket d’incident.`,
    ),
    { limit: rpo, actual: lag, unit: "min", subject: replication.id },
  );
  return decide([v], s);
}
