import { STORAGE_TIERS, GIB_PER_TB, SNAPSHOT_RESERVE_RATIO, type StorageTierCode } from "./catalogue";

/**
 * IOPS limit of a volume. Decision (DOMAIN.md): a TB in "IOPS/TB" is 1024 GiB, so
 * 0.5 TB (512 GiB) Standard → 750 IOPS and 10 TB (10 240 GiB) Ultra → 150 000 IOPS.
 * Mass Storage has no figure (null).
 */
export function iopsLimit(tier: StorageTierCode, sizeGib: number): number | null {
  const perTb = STORAGE_TIERS[tier].iopsPerTb;
  return perTb === null ? null : Math.floor((perTb * sizeGib) / GIB_PER_TB);
}

export type DatastoreState = {
  tier: StorageTierCode;
  sizeGib: number;
  /** Sum of the sizes of the disks on it (thin ones included): what was promised. */
  provisionedGib: number;
  /** Physically written: thick disks in full, thin ones as far as they grew. */
  usedGib: number;
  vms: { memoryGb: number; poweredOn: boolean; iopsDemand: number }[];
};

export type DatastoreFigures = {
  iopsLimit: number | null;
  iopsDemand: number;
  /** Demand over limit, 0–∞; null without a limit (Mass Storage). */
  iopsUsage: number | null;
  throttled: boolean;
  /** .vswp files of powered-on VMs, each the size of the VM's memory. */
  swapGib: number;
  snapshotReserveGib: number;
  freeGib: number;
  provisionedGib: number;
  /** Provisioned over capacity; above 1 thin disks could fill the volume. */
  overcommitRatio: number;
};

export function datastoreFigures(ds: DatastoreState): DatastoreFigures {
  const limit = iopsLimit(ds.tier, ds.sizeGib);
  const iopsDemand = ds.vms.reduce((n, v) => n + v.iopsDemand, 0);
  const swapGib = ds.vms.reduce((n, v) => n + (v.poweredOn ? v.memoryGb : 0), 0);
  return {
    iopsLimit: limit,
    iopsDemand,
    iopsUsage: limit === null || limit === 0 ? null : iopsDemand / limit,
    throttled: limit !== null && iopsDemand > limit,
    swapGib,
    snapshotReserveGib: Math.ceil(ds.sizeGib * SNAPSHOT_RESERVE_RATIO),
    freeGib: ds.sizeGib - ds.usedGib - swapGib,
    provisionedGib: ds.provisionedGib,
    overcommitRatio: ds.sizeGib === 0 ? 0 : ds.provisionedGib / ds.sizeGib,
  };
}
