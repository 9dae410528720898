// Block storage (datastores): IOPS limits, free-space rules, and the decisions that change a volume.
//
// Space model, GiB throughout. A datastore of `sizeGib` holds: what its disks physically allocated
// (`usedGib`: thick disks in full, thin ones as far as they grew), the .vswp file of each running
// VM (its memory size), and must keep 10 % of its capacity free for backup snapshots. Thin disks
// may promise more (`provisionedGib`) than that: the over-commit. No compression or dedup, so
// nothing else shrinks. Simplification: a VM's memory in GB makes a swap file of as many GiB.
import { DATASTORE_MIN_GIB, GIB_PER_TB, SNAPSHOT_RESERVE_RATIO, STORAGE_TIERS, STORAGE_TIER_CODES, type StorageTierCode } from "./catalogue";
import type { EncryptionState } from "./encryption";
import { guard } from "./guard";
import { decide, msg, violation, type Decision, type Fmt, type Violation } from "./result";

// ───────────────────────── Shapes ─────────────────────────

export type StorageReplicationKind = "GLOBAL_MIRROR" | "METRO_MIRROR";

export type DatastoreVm = { id?: string; memoryGb: number; poweredOn: boolean; iopsDemand: number };

/** What the figures need; a list page may pass VMs aggregated per power state. */
export type DatastoreFiguresInput = {
  tier: StorageTierCode;
  sizeGib: number;
  /** Physically allocated by disks: thick ones in full, thin ones as far as they grew. */
  usedGib: number;
  /** Sum of the sizes of the disks on it (thin ones included): what was promised. */
  provisionedGib: number;
  vms: readonly DatastoreVm[];
};

export type DatastoreState = DatastoreFiguresInput & {
  id: string;
  name?: string;
  /** Storage replication protecting the volume, if any. */
  replication?: StorageReplicationKind | null;
  vms: readonly (DatastoreVm & { id: string })[];
};

export type DatastoreFigures = {
  sizeGib: number;
  /** null for Mass Storage: no performance guarantee. */
  iopsLimit: number | null;
  /** IOPS demanded by the running VMs. */
  iopsDemand: number;
  /** Demand over limit × 100; null without a limit. */
  iopsUsagePct: number | null;
  /** Over its limit the volume is throttled. */
  throttled: boolean;
  /** .vswp files present now: the memory of the running VMs. */
  swapGib: number;
  /** .vswp space to start every VM on it (10 VMs of 64 GB → 640 GiB). */
  swapNeededGib: number;
  /** 10 % of capacity, kept free for backup snapshots. */
  snapshotReserveGib: number;
  usedGib: number;
  /** size − used − swap. */
  freeGib: number;
  /** Free beyond the snapshot reserve: what new swap files and disks may take. 0 at worst. */
  availableGib: number;
  provisionedGib: number;
  /** provisioned / size; above 1 thin disks promise more than the volume holds. */
  overcommitRatio: number;
  /** If every thin disk grew to its size, swap files and the snapshot reserve would no longer fit. */
  thinAtRisk: boolean;
};

// ───────────────────────── Figures ─────────────────────────

/**
 * IOPS limit of a volume. Decision (DOMAIN.md): a TB in "IOPS/TB" is 1024 GiB, so
 * 0.5 TB (512 GiB) Standard → 750 IOPS and 10 TB (10 240 GiB) Ultra → 150 000 IOPS.
 * Mass Storage has no figure (null).
 */
export function iopsLimit(tier: StorageTierCode, sizeGib: number): number | null {
  const perTb = STORAGE_TIERS[tier].iopsPerTb;
  return perTb === null ? null : Math.floor((perTb * sizeGib) / GIB_PER_TB);
}

/** The smallest size (GiB) at which `tier` gives `iops`; null for Mass Storage. */
export function sizeForIops(tier: StorageTierCode, iops: number): number | null {
  const perTb = STORAGE_TIERS[tier].iopsPerTb;
  return perTb === null ? null : Math.max(DATASTORE_MIN_GIB, Math.ceil((iops * GIB_PER_TB) / perTb));
}

export function snapshotReserveGib(sizeGib: number): number {
  return sizeGib * SNAPSHOT_RESERVE_RATIO;
}

/** free ≥ 10 % of size, tolerant of float noise (51.2 GiB of 512). */
function keepsReserve(freeGib: number, sizeGib: number): boolean {
  return freeGib + 1e-9 >= snapshotReserveGib(sizeGib);
}

export function datastoreFigures(ds: DatastoreFiguresInput): DatastoreFigures {
  const limit = iopsLimit(ds.tier, ds.sizeGib);
  let iopsDemand = 0;
  let swapGib = 0;
  let swapNeededGib = 0;
  for (const v of ds.vms) {
    swapNeededGib += v.memoryGb;
    if (v.poweredOn) {
      swapGib += v.memoryGb;
      iopsDemand += v.iopsDemand;
    }
  }
  const reserve = snapshotReserveGib(ds.sizeGib);
  const freeGib = ds.sizeGib - ds.usedGib - swapGib;
  return {
    sizeGib: ds.sizeGib,
    iopsLimit: limit,
    iopsDemand,
    iopsUsagePct: limit === null || limit === 0 ? null : (iopsDemand / limit) * 100,
    throttled: limit !== null && iopsDemand > limit,
    swapGib,
    swapNeededGib,
    snapshotReserveGib: reserve,
    usedGib: ds.usedGib,
    freeGib,
    availableGib: Math.max(0, freeGib - reserve),
    provisionedGib: ds.provisionedGib,
    overcommitRatio: ds.sizeGib > 0 ? ds.provisionedGib / ds.sizeGib : 0,
    thinAtRisk: ds.provisionedGib + swapGib > ds.sizeGib - reserve + 1e-9,
  };
}

// ───────────────────────── Violations ─────────────────────────

const dsName = (ds: { name?: string; id?: string }) => ds.name ?? ds.id ?? "this datastore";

function thinViolation(ds: { name?: string; id?: string }, provisionedGib: number, swapGib: number, sizeGib: number): Violation[] {
  const room = sizeGib - snapshotReserveGib(sizeGib) - swapGib;
  if (provisionedGib <= room + 1e-9) return [];
  const name = dsName(ds);
  return [
    violation(
      "DATASTORE.THIN_OVERCOMMIT",
      msg(
        (n) => `Disks on ${name} promise ${n(provisionedGib)} GiB but only ${n(room)} GiB remain once swap files and the 10 % snapshot reserve are kept: if thin disks fill up, VMs may freeze. Grow the datastore or watch its free space.`,
        (n) => `Les disques de ${name} promettent ${n(provisionedGib)} Gio mais seuls ${n(room)} Gio restent une fois les fichiers d’échange et la réserve de 10 % pour les snapshots gardés : si les disques dynamiques se remplissent, des VM peuvent se figer. Agrandissez le datastore ou surveillez son espace libre.`,
      ),
      { limit: room, actual: provisionedGib, unit: "GiB", subject: ds.id },
    ),
  ];
}

function budgetViolation(ds: { name?: string; id?: string }, limit: number | null, demand: number): Violation[] {
  if (limit === null || demand <= limit) return [];
  const name = dsName(ds);
  return [
    violation(
      "DATASTORE.IOPS_BUDGET",
      msg(
        (n) => `VMs on ${name} would demand ${n(demand)} IOPS against a limit of ${n(limit)}: the volume will be throttled. Grow it or move to a faster tier.`,
        (n) => `Les VM de ${name} demanderaient ${n(demand)} IOPS pour une limite de ${n(limit)} : le volume sera bridé. Agrandissez-le ou passez à un niveau plus rapide.`,
      ),
      { limit, actual: demand, unit: "IOPS", subject: ds.id },
    ),
  ];
}

/**
 * What starting `vm` on `ds` requires: room for its swap file, the snapshot reserve kept after
 * it, and (warning) the IOPS budget. A VM already running there needs nothing more unless its
 * memory grows: its swap file then grows with it, and is held to the same two rules, counted on
 * the datastore without its current swap file.
 */
export function startOnDatastoreViolations(ds: DatastoreState, vm: { id: string; name?: string; memoryGb: number; iopsDemand: number }): Violation[] {
  const running = ds.vms.find((v) => v.id === vm.id && v.poweredOn);
  if (running && running.memoryGb >= vm.memoryGb) return [];
  const f = datastoreFigures(running ? { ...ds, vms: ds.vms.filter((v) => v.id !== vm.id) } : ds);
  const name = dsName(ds);
  const vmName = vm.name ?? vm.id;
  const doing = running
    ? { en: (n: Fmt) => `Growing ${vmName} to ${n(vm.memoryGb)} GB`, fr: (n: Fmt) => `Passer ${vmName} à ${n(vm.memoryGb)} Go`, enLower: (n: Fmt) => `growing ${vmName} to ${n(vm.memoryGb)} GB`, frLower: (n: Fmt) => `passer ${vmName} à ${n(vm.memoryGb)} Go` }
    : { en: () => `Starting ${vmName}`, fr: () => `Démarrer ${vmName}`, enLower: () => `starting ${vmName}`, frLower: () => `démarrer ${vmName}` };
  const out: Violation[] = [];
  if (f.freeGib < vm.memoryGb) {
    out.push(
      violation(
        "DATASTORE.SWAP_SPACE",
        msg(
          (n) =>
            running
              ? `${doing.en(n)} grows its swap file to ${n(vm.memoryGb)} GiB on ${name}, which has ${n(f.freeGib)} GiB free for it. Free space, grow the datastore, or give the VM less memory.`
              : `${doing.en(n)} creates a ${n(vm.memoryGb)} GiB swap file on ${name}, which has ${n(f.freeGib)} GiB free. Free space, grow the datastore, or reduce the VM's memory.`,
          (n) =>
            running
              ? `${doing.fr(n)} porte son fichier d’échange à ${n(vm.memoryGb)} Gio sur ${name}, qui n’a que ${n(f.freeGib)} Gio libres pour lui. Libérez de l’espace, agrandissez le datastore ou donnez moins de mémoire à la VM.`
              : `${doing.fr(n)} crée un fichier d’échange de ${n(vm.memoryGb)} Gio sur ${name}, qui n’a que ${n(f.freeGib)} Gio libres. Libérez de l’espace, agrandissez le datastore ou réduisez la mémoire de la VM.`,
        ),
        { limit: f.freeGib, actual: vm.memoryGb, unit: "GiB", subject: ds.id },
      ),
    );
  }
  const freeAfter = f.freeGib - vm.memoryGb;
  if (!keepsReserve(freeAfter, ds.sizeGib)) {
    out.push(
      violation(
        "DATASTORE.SNAPSHOT_RESERVE",
        msg(
          (n) => `${name} must keep 10 % of its capacity, ${n(f.snapshotReserveGib)} GiB, free for backup snapshots; ${doing.enLower(n)} would leave ${n(freeAfter)} GiB. Grow the datastore or free space.`,
          (n) => `${name} doit garder 10 % de sa capacité, soit ${n(f.snapshotReserveGib)} Gio, libres pour les snapshots de sauvegarde ; ${doing.frLower(n)} n’en laisserait que ${n(freeAfter)} Gio. Agrandissez le datastore ou libérez de l’espace.`,
        ),
        { limit: f.snapshotReserveGib, actual: freeAfter, unit: "GiB", subject: ds.id },
      ),
    );
  }
  // A running VM's IOPS are already in the budget; only a start adds them.
  if (!running && vm.iopsDemand > 0) out.push(...budgetViolation(ds, f.iopsLimit, f.iopsDemand + vm.iopsDemand));
  return out;
}

/** What a dashboard shows against a datastore as it stands: throttling, thin over-commit, a breached reserve. */
export function datastoreWarnings(ds: DatastoreState): Violation[] {
  const f = datastoreFigures(ds);
  const out: Violation[] = [...budgetViolation(ds, f.iopsLimit, f.iopsDemand), ...thinViolation(ds, ds.provisionedGib, f.swapGib, ds.sizeGib)];
  if (!keepsReserve(f.freeGib, ds.sizeGib)) {
    const name = dsName(ds);
    out.push(
      violation(
        "DATASTORE.SNAPSHOT_RESERVE",
        msg(
          (n) => `${name} has ${n(f.freeGib)} GiB free, less than the ${n(f.snapshotReserveGib)} GiB (10 %) backup snapshots need. Grow it or free space.`,
          (n) => `${name} n’a que ${n(f.freeGib)} Gio libres, moins que les ${n(f.snapshotReserveGib)} Gio (10 %) nécessaires aux snapshots de sauvegarde. Agrandissez-le ou libérez de l’espace.`,
        ),
        { limit: f.snapshotReserveGib, actual: f.freeGib, unit: "GiB", subject: ds.id },
      ),
    );
  }
  return out;
}

function minSizeViolation(sizeGib: number): Violation[] {
  if (sizeGib >= DATASTORE_MIN_GIB) return [];
  return [
    violation(
      "DATASTORE.MIN_SIZE",
      msg(
        (n) => `A datastore is at least ${n(DATASTORE_MIN_GIB)} GiB; ${n(sizeGib)} GiB was asked. Order ${n(DATASTORE_MIN_GIB)} GiB or more.`,
        (n) => `Un datastore fait au moins ${n(DATASTORE_MIN_GIB)} Gio ; ${n(sizeGib)} Gio ont été demandés. Commandez ${n(DATASTORE_MIN_GIB)} Gio ou plus.`,
      ),
      { limit: DATASTORE_MIN_GIB, actual: sizeGib, unit: "GiB" },
    ),
  ];
}

/** The flash tiers (slowest first) that give `iops` at `sizeGib`. */
function tiersGiving(iops: number, sizeGib: number): StorageTierCode[] {
  return STORAGE_TIER_CODES.filter((t) => (iopsLimit(t, sizeGib) ?? -1) >= iops);
}

/**
 * DATASTORE.IOPS_LIMIT when a change (new size or tier) would set the limit below what the VMs
 * demand today *and* lower than the current limit. A change that raises the limit is never refused
 * for IOPS, even if still short: that is the IOPS_BUDGET warning.
 */
function changeIopsViolations(ds: DatastoreState, tier: StorageTierCode, sizeGib: number): Violation[] {
  const f = datastoreFigures(ds);
  const before = f.iopsLimit;
  const after = iopsLimit(tier, sizeGib);
  const demand = f.iopsDemand;
  const name = dsName(ds);
  const label = STORAGE_TIERS[tier].label;
  if (after === null) {
    if (demand === 0) return [];
    return [
      violation(
        "DATASTORE.IOPS_LIMIT",
        msg(
          (n) => `Mass Storage guarantees no IOPS (limit ${n(0)}); the running VMs on ${name} demand ${n(demand)} IOPS. Keep a flash tier, or stop or move those VMs first.`,
          (n) => `Le Mass Storage ne garantit aucune performance (limite ${n(0)} IOPS) ; les VM en marche sur ${name} demandent ${n(demand)} IOPS. Gardez un niveau flash, ou arrêtez ou déplacez d’abord ces VM.`,
        ),
        { limit: 0, actual: demand, unit: "IOPS", subject: ds.id },
      ),
    ];
  }
  if (demand > after && (before === null || after < before)) {
    const keep = sizeForIops(tier, demand);
    return [
      violation(
        "DATASTORE.IOPS_LIMIT",
        msg(
          (n) => `At ${n(sizeGib)} GiB in ${label}, ${name} would be limited to ${n(after)} IOPS; its VMs demand ${n(demand)} IOPS today. Keep at least ${n(keep ?? sizeGib)} GiB in this tier, or move VMs first.`,
          (n) => `À ${n(sizeGib)} Gio en ${label}, ${name} serait limité à ${n(after)} IOPS ; ses VM en demandent ${n(demand)} aujourd’hui. Gardez au moins ${n(keep ?? sizeGib)} Gio dans ce niveau, ou déplacez d’abord des VM.`,
        ),
        { limit: after, actual: demand, unit: "IOPS", subject: ds.id },
      ),
    ];
  }
  return budgetViolation(ds, after, demand);
}

// ───────────────────────── Decisions ─────────────────────────

export type DatastoreOrder = { tier: StorageTierCode; sizeGib: number; /** IOPS the tenant needs from the volume, if it said. */ requestedIops?: number };

/** A new datastore: ≥ 500 GiB; when an IOPS figure is asked, the tier and size must give it. */
export function checkDatastoreOrder(order: DatastoreOrder): Decision<{ sizeGib: number; iopsLimit: number | null }> {
  const g = guard().whole("sizeGib", order.sizeGib).optionalWhole("requestedIops", order.requestedIops);
  if (!g.ok) return g.refused();
  const violations: Violation[] = [...minSizeViolation(order.sizeGib)];
  const limit = iopsLimit(order.tier, order.sizeGib);
  const asked = order.requestedIops;
  const label = STORAGE_TIERS[order.tier].label;
  if (asked !== undefined && asked > 0) {
    if (limit === null) {
      violations.push(
        violation(
          "DATASTORE.IOPS_LIMIT",
          msg(
            (n) => `Mass Storage guarantees no IOPS (limit ${n(0)}); ${n(asked)} IOPS were asked. Choose a flash tier.`,
            (n) => `Le Mass Storage ne garantit aucune performance (limite ${n(0)} IOPS) ; ${n(asked)} IOPS ont été demandés. Choisissez un niveau flash.`,
          ),
          { limit: 0, actual: asked, unit: "IOPS" },
        ),
      );
    } else if (asked > limit) {
      const size = sizeForIops(order.tier, asked) ?? order.sizeGib;
      const faster = tiersGiving(asked, order.sizeGib)[0];
      const fasterLabel = faster ? STORAGE_TIERS[faster].label : null;
      violations.push(
        violation(
          "DATASTORE.IOPS_LIMIT",
          msg(
            (n) =>
              `A ${n(order.sizeGib)} GiB ${label} datastore is limited to ${n(limit)} IOPS (${n(STORAGE_TIERS[order.tier].iopsPerTb ?? 0)} IOPS per TB); ${n(asked)} IOPS were asked. Order at least ${n(size)} GiB` +
              (fasterLabel ? `, or choose ${fasterLabel}.` : "."),
            (n) =>
              `Un datastore ${label} de ${n(order.sizeGib)} Gio est limité à ${n(limit)} IOPS (${n(STORAGE_TIERS[order.tier].iopsPerTb ?? 0)} IOPS par To) ; ${n(asked)} IOPS ont été demandés. Commandez au moins ${n(size)} Gio` +
              (fasterLabel ? `, ou choisissez ${fasterLabel}.` : "."),
          ),
          { limit, actual: asked, unit: "IOPS" },
        ),
      );
    }
  }
  return decide(violations, { sizeGib: order.sizeGib, iopsLimit: limit });
}

/**
 * Resizing: never below 500 GiB nor below what disks and swap files occupy; a shrink must keep the
 * snapshot reserve and must not cut the IOPS limit below today's demand. Thin over-commit and a
 * still-short IOPS budget are warnings.
 */
export function checkDatastoreResize(ds: DatastoreState, sizeGib: number): Decision<{ sizeGib: number; iopsLimit: number | null }> {
  const g = guard().datastore("datastore", ds).whole("sizeGib", sizeGib);
  if (!g.ok) return g.refused();
  const f = datastoreFigures(ds);
  const name = dsName(ds);
  const violations: Violation[] = [...minSizeViolation(sizeGib)];
  const occupied = ds.usedGib + f.swapGib;
  if (sizeGib < occupied) {
    violations.push(
      violation(
        "DATASTORE.MIN_SIZE",
        msg(
          (n) => `${name} holds ${n(occupied)} GiB of disks and swap files; it cannot shrink to ${n(sizeGib)} GiB. Keep at least ${n(occupied)} GiB, or delete disks first.`,
          (n) => `${name} contient ${n(occupied)} Gio de disques et de fichiers d’échange ; il ne peut pas descendre à ${n(sizeGib)} Gio. Gardez au moins ${n(occupied)} Gio, ou supprimez d’abord des disques.`,
        ),
        { limit: occupied, actual: sizeGib, unit: "GiB", subject: ds.id },
      ),
    );
  }
  const freeAfter = sizeGib - occupied;
  const reserveAfter = snapshotReserveGib(sizeGib);
  if (sizeGib < ds.sizeGib && sizeGib >= occupied && !keepsReserve(freeAfter, sizeGib)) {
    violations.push(
      violation(
        "DATASTORE.SNAPSHOT_RESERVE",
        msg(
          (n) => `At ${n(sizeGib)} GiB, ${name} would have ${n(freeAfter)} GiB free, less than the ${n(reserveAfter)} GiB (10 %) backup snapshots need. Shrink less.`,
          (n) => `À ${n(sizeGib)} Gio, ${name} n’aurait que ${n(freeAfter)} Gio libres, moins que les ${n(reserveAfter)} Gio (10 %) nécessaires aux snapshots de sauvegarde. Réduisez moins.`,
        ),
        { limit: reserveAfter, actual: freeAfter, unit: "GiB", subject: ds.id },
      ),
    );
  }
  violations.push(...changeIopsViolations(ds, ds.tier, sizeGib));
  violations.push(...thinViolation(ds, ds.provisionedGib, f.swapGib, sizeGib));
  return decide(violations, { sizeGib, iopsLimit: iopsLimit(ds.tier, sizeGib) });
}

/** Changing tier: the IOPS limit as for a resize, and Global Mirror only on the 500/1500/3000 tiers. */
export function checkDatastoreTierChange(ds: DatastoreState, tier: StorageTierCode): Decision<{ tier: StorageTierCode; iopsLimit: number | null }> {
  const g = guard().datastore("datastore", ds);
  if (!g.ok) return g.refused();
  const violations: Violation[] = [...changeIopsViolations(ds, tier, ds.sizeGib)];
  if (ds.replication === "GLOBAL_MIRROR") violations.push(...globalMirrorTierViolations(ds, tier));
  return decide(violations, { tier, iopsLimit: iopsLimit(tier, ds.sizeGib) });
}

export function globalMirrorTierViolations(ds: { id?: string; name?: string }, tier: StorageTierCode): Violation[] {
  if (STORAGE_TIERS[tier].globalMirrorCompatible) return [];
  const label = STORAGE_TIERS[tier].label;
  const name = dsName(ds);
  return [
    violation(
      "REPLICATION.GM_TIER",
      msg(
        () => `Global Mirror runs only on the 500, 1500 and 3000 IOPS/TB tiers (Essentiel, Standard, Premium); ${name} would be ${label}. Choose one of those tiers, or use VM replication.`,
        () => `Le Global Mirror ne fonctionne que sur les niveaux à 500, 1500 et 3000 IOPS/To (Essentiel, Standard, Premium) ; ${name} serait en ${label}. Choisissez l’un de ces niveaux ou utilisez la réplication de VM.`,
      ),
      { subject: ds.id },
    ),
  ];
}

/**
 * An encrypted VM (or one being encrypted) arriving on a Global Mirror datastore, by a new disk,
 * a creation or a move: refused as switching the mirror on over it is (REPLICATION.VM_ENCRYPTED).
 */
export function encryptedOnGlobalMirrorViolations(
  ds: { id?: string; name?: string; replication?: StorageReplicationKind | null },
  vm: { id: string; name?: string; encryption: EncryptionState },
): Violation[] {
  if (ds.replication !== "GLOBAL_MIRROR" || vm.encryption === "NONE") return [];
  const name = dsName(ds);
  const vmName = vm.name ?? vm.id;
  const state = vm.encryption === "ENCRYPTING" ? { en: "is being encrypted", fr: "est en cours de chiffrement" } : { en: "is encrypted", fr: "est chiffrée" };
  return [
    violation(
      "REPLICATION.VM_ENCRYPTED",
      msg(
        () => `${vmName} ${state.en}, and encrypted VMs are not compatible with Global Mirror, which protects ${name}. Choose a datastore without Global Mirror, or use VM replication.`,
        () => `${vmName} ${state.fr}, et les VM chiffrées sont incompatibles avec le Global Mirror qui protège ${name}. Choisissez un datastore sans Global Mirror ou utilisez la réplication de VM.`,
      ),
      { subject: vm.id },
    ),
  ];
}

export type DiskAdd = {
  sizeGib: number;
  provisioning: "THIN" | "THICK";
  /** The space is an existing disk's growth (`sizeGib` more), said so in the refusal. */
  grows?: string;
  /** The VM the disk belongs to: an encrypted one may not reach a Global Mirror datastore. */
  vm: { id: string; name?: string; encryption: EncryptionState };
};

/**
 * A new disk: a thick one must fit while keeping the snapshot reserve; thin ones warn once
 * over-committed; an encrypted VM's disk never lands on a Global Mirror datastore.
 */
export function checkDiskAdd(ds: DatastoreState, disk: DiskAdd): Decision<{ sizeGib: number }> {
  const g = guard().datastore("datastore", ds).whole("disk.sizeGib", disk.sizeGib, 1);
  if (!g.ok) return g.refused();
  const f = datastoreFigures(ds);
  const name = dsName(ds);
  const violations: Violation[] = [...encryptedOnGlobalMirrorViolations(ds, disk.vm)];
  if (disk.provisioning === "THICK") {
    const freeAfter = f.freeGib - disk.sizeGib;
    if (!keepsReserve(freeAfter, ds.sizeGib)) {
      violations.push(
        violation(
          "DATASTORE.SNAPSHOT_RESERVE",
          disk.grows
            ? msg(
                (n) => `Growing the thick disk ${disk.grows} by ${n(disk.sizeGib)} GiB would leave ${n(freeAfter)} GiB free on ${name}, below the ${n(f.snapshotReserveGib)} GiB (10 %) kept for backup snapshots. Grow it less, or grow the datastore.`,
                (n) => `Agrandir le disque statique ${disk.grows} de ${n(disk.sizeGib)} Gio laisserait ${n(freeAfter)} Gio libres sur ${name}, sous les ${n(f.snapshotReserveGib)} Gio (10 %) gardés pour les snapshots de sauvegarde. Agrandissez-le moins, ou agrandissez le datastore.`,
              )
            : msg(
                (n) => `A ${n(disk.sizeGib)} GiB thick disk would leave ${n(freeAfter)} GiB free on ${name}, below the ${n(f.snapshotReserveGib)} GiB (10 %) kept for backup snapshots. Use a smaller or thin disk, or grow the datastore.`,
                (n) => `Un disque statique de ${n(disk.sizeGib)} Gio laisserait ${n(freeAfter)} Gio libres sur ${name}, sous les ${n(f.snapshotReserveGib)} Gio (10 %) gardés pour les snapshots de sauvegarde. Prenez un disque plus petit ou dynamique, ou agrandissez le datastore.`,
              ),
          { limit: f.snapshotReserveGib, actual: freeAfter, unit: "GiB", subject: ds.id },
        ),
      );
    }
  }
  violations.push(...thinViolation(ds, ds.provisionedGib + disk.sizeGib, f.swapGib, ds.sizeGib));
  return decide(violations, { sizeGib: disk.sizeGib });
}

// ── The fleet overview ──

/**
 * Short of space by the storage rules: free space below the 10 % kept for backup snapshots
 * (DATASTORE.SNAPSHOT_RESERVE), or not enough beyond it for the swap files of the VMs that are
 * stopped today, so that not all of them could start (DATASTORE.SWAP_SPACE).
 */
export function spaceShort(f: DatastoreFigures): { reserve: boolean; swap: boolean } {
  return { reserve: !keepsReserve(f.freeGib, f.sizeGib), swap: f.swapNeededGib - f.swapGib > f.availableGib + 1e-9 };
}
