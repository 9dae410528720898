// The provider's catalogue and fixed numbers, exactly as ../shared/DOMAIN.md lists them.
// Every other module (and lib/db's seed) reads its numbers from here: a figure typed twice
// is a figure that will one day disagree with itself.

// ───────────────────────── Compute node types ─────────────────────────

export const NODE_TYPE_CODES = ["ECO_V3", "STANDARD_V3", "ADVANCE_V3", "PERF1_V3", "PERF2_V3", "PERF3_V3", "PERF4_V3"] as const;
export type NodeTypeCode = (typeof NODE_TYPE_CODES)[number];

export type NodeType = {
  code: NodeTypeCode;
  label: string;
  /** Physical RAM of one node, GB. Every node is delivered with all of it; activated memory caps its use. */
  ramGb: number;
  baseGhz: number;
  turboGhz: number;
  cores: number;
  threads: number;
  network: string;
  gpu: string | null;
  /** Exact SKU of the reference (the node SKUs are written for region fr1). */
  sku: string;
};

export const NODE_TYPES: Record<NodeTypeCode, NodeType> = {
  ECO_V3: { code: "ECO_V3", label: "ECO v3", ramGb: 384, baseGhz: 2.2, turboGhz: 3.0, cores: 20, threads: 40, network: "2x10 Gb/s", gpu: null, sku: "csp:fr1:iaas:vmware:eco:v3" },
  STANDARD_V3: { code: "STANDARD_V3", label: "STANDARD v3", ramGb: 384, baseGhz: 2.4, turboGhz: 3.4, cores: 32, threads: 64, network: "2x25 Gb/s", gpu: null, sku: "csp:fr1:iaas:vmware:standard:v3" },
  ADVANCE_V3: { code: "ADVANCE_V3", label: "ADVANCE v3", ramGb: 768, baseGhz: 2.8, turboGhz: 3.5, cores: 48, threads: 96, network: "2x25 Gb/s", gpu: null, sku: "csp:fr1:iaas:vmware:advance:v3" },
  PERF1_V3: { code: "PERF1_V3", label: "PERFORMANCE 1 v3", ramGb: 384, baseGhz: 3.2, turboGhz: 3.6, cores: 16, threads: 32, network: "2x25 Gb/s", gpu: null, sku: "csp:fr1:iaas:vmware:perf1:v3" },
  PERF2_V3: { code: "PERF2_V3", label: "PERFORMANCE 2 v3", ramGb: 768, baseGhz: 3.0, turboGhz: 3.6, cores: 36, threads: 72, network: "2x25 Gb/s", gpu: null, sku: "csp:fr1:iaas:vmware:perf2:v3" },
  PERF3_V3: { code: "PERF3_V3", label: "PERFORMANCE 3 v3", ramGb: 1536, baseGhz: 2.6, turboGhz: 3.5, cores: 56, threads: 112, network: "2x25 Gb/s", gpu: null, sku: "csp:fr1:iaas:vmware:perf3:v3" },
  PERF4_V3: { code: "PERF4_V3", label: "PERFORMANCE 4 v3", ramGb: 512, baseGhz: 2.5, turboGhz: 4.1, cores: 32, threads: 64, network: "2x25 Gb/s", gpu: "2x NVIDIA L40S 48 GB", sku: "csp:fr1:iaas:vmware:perf4:v3" },
};

// ───────────────────────── Block storage tiers ─────────────────────────

export const STORAGE_TIER_CODES = ["ESSENTIEL", "STANDARD", "PREMIUM", "ENTERPRISE", "ULTRA", "MASS"] as const;
export type StorageTierCode = (typeof STORAGE_TIER_CODES)[number];

export type StorageTier = {
  code: StorageTierCode;
  label: string;
  /** IOPS per TB allocated; null: Mass Storage has no performance guarantee. */
  iopsPerTb: number | null;
  /** Billing unit in GiB: 1 GiB for the flash tiers, 1 TiB for Mass Storage. */
  unitGib: number;
  /** SKU after `csp:(region):iaas:storage:`. */
  skuSuffix: string;
  /** Global Mirror runs only on the 500, 1500 and 3000 IOPS/TB tiers. */
  globalMirrorCompatible: boolean;
};

export const STORAGE_TIERS: Record<StorageTierCode, StorageTier> = {
  ESSENTIEL: { code: "ESSENTIEL", label: "FLASH Essentiel", iopsPerTb: 500, unitGib: 1, skuSuffix: "bloc:live:v1", globalMirrorCompatible: true },
  STANDARD: { code: "STANDARD", label: "FLASH Standard", iopsPerTb: 1500, unitGib: 1, skuSuffix: "bloc:medium:v1", globalMirrorCompatible: true },
  PREMIUM: { code: "PREMIUM", label: "FLASH Premium", iopsPerTb: 3000, unitGib: 1, skuSuffix: "bloc:premium:v1", globalMirrorCompatible: true },
  ENTERPRISE: { code: "ENTERPRISE", label: "FLASH Enterprise", iopsPerTb: 7500, unitGib: 1, skuSuffix: "bloc:enterprise:v1", globalMirrorCompatible: false },
  ULTRA: { code: "ULTRA", label: "FLASH Ultra", iopsPerTb: 15000, unitGib: 1, skuSuffix: "bloc:ultra:v1", globalMirrorCompatible: false },
  MASS: { code: "MASS", label: "Mass Storage (archive)", iopsPerTb: null, unitGib: 1024, skuSuffix: "bloc:mass:v1", globalMirrorCompatible: false },
};

export const GLOBAL_MIRROR_TIER_CODES: readonly StorageTierCode[] = STORAGE_TIER_CODES.filter((c) => STORAGE_TIERS[c].globalMirrorCompatible);

/** `tierSku("STANDARD", "FR1")` → `csp:fr1:iaas:storage:bloc:medium:v1`. */
export function tierSku(tier: StorageTierCode, region: string): string {
  return `csp:${region.toLowerCase()}:iaas:storage:${STORAGE_TIERS[tier].skuSuffix}`;
}

// ───────────────────────── Licences and backup storage ─────────────────────────

export const LICENCE_CODES = ["BACKUP_STORAGE", "GLOBAL_MIRROR", "VM_REPLICATION", "BACKUP_VM", "HSM_ENCRYPTION"] as const;
export type LicenceCode = (typeof LICENCE_CODES)[number];

export type Licence = {
  code: LicenceCode;
  label: string;
  unit: "TiB" | "VM";
  /** SKU after `csp:(region):iaas:`. */
  skuSuffix: string;
};

export const LICENCES: Record<LicenceCode, Licence> = {
  BACKUP_STORAGE: { code: "BACKUP_STORAGE", label: "Mass Storage - Backup", unit: "TiB", skuSuffix: "storage:block:backup:v1" },
  GLOBAL_MIRROR: { code: "GLOBAL_MIRROR", label: "Storage - Global Replication SAN", unit: "TiB", skuSuffix: "storage:licence:globalmirror:v1" },
  VM_REPLICATION: { code: "VM_REPLICATION", label: "PRA - VMware inter-AZ replication", unit: "VM", skuSuffix: "vmware:licence:replication:v1" },
  BACKUP_VM: { code: "BACKUP_VM", label: "Backup - IBM Spectrum Protect Plus", unit: "VM", skuSuffix: "backup:vm:v1" },
  HSM_ENCRYPTION: { code: "HSM_ENCRYPTION", label: "Advanced protection - VM encryption via HSM/KMS", unit: "VM", skuSuffix: "vmware:encryption:hsm:v1" },
};

/** `licenceSku("GLOBAL_MIRROR", "FR1")` → `csp:fr1:iaas:storage:licence:globalmirror:v1`. */
export function licenceSku(code: LicenceCode, region: string): string {
  return `csp:${region.toLowerCase()}:iaas:${LICENCES[code].skuSuffix}`;
}

// ───────────────────────── Demo prices ─────────────────────────

export type PriceList = {
  currency: "EUR";
  /** Per host and month. */
  nodeTypes: Record<NodeTypeCode, number>;
  /** Per billing unit (STORAGE_TIERS[t].unitGib) and month: per GiB for flash, per TiB for Mass Storage. */
  tiers: Record<StorageTierCode, number>;
  /** Per licence unit (LICENCES[l].unit) and month. */
  licences: Record<LicenceCode, number>;
};

/**
 * DEMO FIGURES, THE PROJECT'S OWN. The reference publishes no prices: these exist only so the
 * console can show a plausible bill. They are not the provider's prices and must not be
 * quoted as such.
 */
export const DEMO_PRICES: PriceList = {
  currency: "EUR",
  nodeTypes: { ECO_V3: 1100, STANDARD_V3: 1400, ADVANCE_V3: 2400, PERF1_V3: 1600, PERF2_V3: 2700, PERF3_V3: 4600, PERF4_V3: 6900 },
  tiers: { ESSENTIEL: 0.06, STANDARD: 0.09, PREMIUM: 0.13, ENTERPRISE: 0.2, ULTRA: 0.32, MASS: 18 },
  licences: { BACKUP_STORAGE: 22, GLOBAL_MIRROR: 40, VM_REPLICATION: 25, BACKUP_VM: 6, HSM_ENCRYPTION: 12 },
};

// ───────────────────────── Regions and availability zones ─────────────────────────

export type Region = { code: string; name: string; zones: { code: string; name: string }[] };
export const REGIONS: Region[] = [
  {
    code: "FR1",
    name: "France 1",
    zones: [
      { code: "PAR7S", name: "PAR7S (Paris)" },
      { code: "TH3S", name: "TH3S (Paris)" },
      { code: "AZ07", name: "AZ07" },
    ],
  },
];

/** The region an AZ belongs to, or null for an AZ the catalogue does not know. */
export function regionOfAz(azCode: string): string | null {
  for (const r of REGIONS) if (r.zones.some((z) => z.code === azCode)) return r.code;
  return null;
}

/** Network latency budgets, ms. */
export const LATENCY_INTRA_AZ_MS = 3;
export const LATENCY_INTER_AZ_MS = 5;

// ───────────────────────── Compute pools ─────────────────────────

/** Each node of a Cpool comes with 128 GB of activated memory, the default and the minimum. */
export const HOST_ACTIVATED_MEMORY_MIN_GB = 128;
export const POOL_MIN_HOSTS = 1;
export const POOL_MAX_HOSTS = 32;
/** Average memory usage per node must stay ≤ 85 % of activated memory. */
export const MEMORY_PRESSURE_LIMIT = 0.85;
/** Hypervisor updates are rolling and need at least this many hypervisors available. */
export const MAINTENANCE_MIN_AVAILABLE_HOSTS = 2;
/** HA restart (and the compute SLA) needs at least this many hosts, HA enabled. */
export const SLA_MIN_HOSTS = 2;

// ───────────────────────── Storage ─────────────────────────

/** A block volume (datastore) is at least 500 GiB. */
export const DATASTORE_MIN_GIB = 500;
/** Free space kept for backup snapshots: 10 % of capacity. */
export const SNAPSHOT_RESERVE_RATIO = 0.1;
/** Decision (DOMAIN.md): the TB of "IOPS/TB" is 1024 GiB. */
export const GIB_PER_TB = 1024;
export const GIB_PER_TIB = 1024;

// ───────────────────────── A VM's disks and controllers ─────────────────────────

/** The SCSI controller sub-types (DOMAIN.md, "The VM in depth"), then NVMe. */
export const SCSI_CONTROLLER_TYPES = ["LSI_LOGIC", "LSI_LOGIC_SAS", "VMWARE_PARAVIRTUAL", "BUSLOGIC"] as const;
export const DISK_CONTROLLER_TYPES = [...SCSI_CONTROLLER_TYPES, "NVME"] as const;
export type DiskControllerType = (typeof DISK_CONTROLLER_TYPES)[number];
export type ControllerFamily = "SCSI" | "NVME";
export const DISK_CONTROLLER_LABELS: Record<DiskControllerType, string> = {
  LSI_LOGIC: "LSI Logic",
  LSI_LOGIC_SAS: "LSI Logic SAS",
  VMWARE_PARAVIRTUAL: "VMware Paravirtual",
  BUSLOGIC: "BusLogic",
  NVME: "NVMe",
};
/** At most 4 SCSI and 4 NVMe controllers per VM (VM.MAX_CONTROLLERS). */
export const VM_MAX_CONTROLLERS_PER_FAMILY = 4;
/** A VM name: a DNS label (lower case); here, not in lib/validation, so that the VM form ships no zod. */
export const VM_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** At most 15 disks per controller (VM.MAX_DISKS_PER_CONTROLLER). */
export const VM_MAX_DISKS_PER_CONTROLLER = 15;
export const DISK_MODES = ["PERSISTENT", "INDEPENDENT"] as const;
/** More snapshots than this on one VM is advised against (the provider's console documentation): shown, never refused. */
export const SNAPSHOTS_ADVISED_MAX = 32;
export type DiskMode = (typeof DISK_MODES)[number];

// ───────────────────────── A VM's network adapters ─────────────────────────

/** The adapter types a VM may have (DOMAIN.md, "The VM in depth"). */
export const NIC_TYPES = ["VMXNET3", "E1000"] as const;
export type NicType = (typeof NIC_TYPES)[number];
export const NIC_TYPE_LABELS: Record<NicType, string> = { VMXNET3: "VMXNET3", E1000: "E1000" };
/** VMware's organisationally unique identifier: every MAC the console generates starts with it. */
export const VMWARE_MAC_PREFIX = "00:50:56";

// ───────────────────────── Orders ─────────────────────────

/** A datastore order holds 2 to 10 datastores (the provider's console documentation). */
export const DATASTORE_ORDER_MIN = 2;
export const DATASTORE_ORDER_MAX = 10;
/** At most 20 networks in one order or one propagation. */
export const NETWORKS_PER_ORDER_MAX = 20;

// ───────────────────────── Replication ─────────────────────────

export const GLOBAL_MIRROR_RPO_MINUTES = 15;
export const GLOBAL_MIRROR_RTO_MINUTES = 4 * 60;
/** About 10 % write-performance impact. */
export const GLOBAL_MIRROR_WRITE_IMPACT = 0.1;
/** Metro Mirror is synchronous: no data loss once the initial copy ends. */
export const METRO_MIRROR_RPO_MINUTES = 0;
export const VM_REPLICATION_RPO_MIN_MINUTES = 60;
export const VM_REPLICATION_RPO_MAX_MINUTES = 24 * 60;
export const VM_REPLICATION_RTO_MINUTES = 15;
/**
 * The project's own model (the reference gives only "1 h to 24 h depending on the write rate"):
 * one hour of RPO per started MB/s of average write rate, clamped to 1–24 h.
 */
export const VM_REPLICATION_RPO_HOURS_PER_MBPS = 1;
/**
 * The project's own threshold: above 20 MB/s of average writes (≈ 1.7 TB a day, a camera-feed
 * FTP server territory) a VM is "write-heavy" and the console warns against VM replication.
 */
export const VM_REPLICATION_WRITE_HEAVY_MBPS = 20;
/** A replication whose lag passed 80 % of its promised RPO is shown "at risk". */
export const RPO_AT_RISK_RATIO = 0.8;

// ───────────────────────── Service levels and platform limits ─────────────────────────

/** Platform, compute and storage availability: 99.99 % monthly, maintenance included. */
export const SLA_TARGET = 0.9999;
/** An alert opens when a pool has spent half of the downtime the SLA allows in a month. */
export const SLA_BUDGET_ALERT_RATIO = 0.5;
export const MINUTES_PER_DAY = 24 * 60;
/** Personal access tokens expire after at most 12 months. */
export const TOKEN_MAX_VALIDITY_MONTHS = 12;
/** The same limit counted in days (a year of 365), and the form's default; here, not in lib/validation, so that the token form ships no zod. */
export const TOKEN_MAX_DAYS = Math.round((TOKEN_MAX_VALIDITY_MONTHS * 365) / 12);
export const TOKEN_DEFAULT_DAYS = 90;
/** API rate limits, requests per second (then HTTP 429). */
export const API_RATE_LIMIT_PER_CLIENT = 25;
export const API_RATE_LIMIT_AUTH = 5;
/** The project's own limits on a tenant's allowed address ranges (issue 16): how many, and a label's length. */
export const ALLOWED_RANGES_MAX = 50;
export const ALLOWED_RANGE_LABEL_MAX = 64;
/** A refusal by address is audited at most once per tenant and address in this many seconds. */
export const ADDRESS_REFUSAL_AUDIT_SECONDS = 60;

/**
 * Two-factor authentication (TOTP, RFC 6238): 6 digits of HMAC-SHA-1 every 30 s, as every
 * authenticator app expects; a code is accepted one step either side of the server's clock (a
 * phone a few seconds off still works), once; 10 single-use recovery codes.
 */
export const TOTP_SETTINGS = { periodSeconds: 30, digits: 6, windowSteps: 1, recoveryCodes: 10 } as const;

/**
 * Invitations by e-mail: the link is valid 72 hours (long enough to span a weekend, short enough
 * that a forwarded or forgotten mail soon opens nothing); resending makes a new link and restarts the clock.
 */
export const INVITATION_SETTINGS = { validHours: 72 } as const;
