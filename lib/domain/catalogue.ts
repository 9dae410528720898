// The provider's catalogue and fixed numbers, exactly as ../shared/DOMAIN.md lists them.
// Every other module reads its numbers from here.

export const NODE_TYPE_CODES = ["ECO_V3", "STANDARD_V3", "ADVANCE_V3", "PERF1_V3", "PERF2_V3", "PERF3_V3", "PERF4_V3"] as const;
export type NodeTypeCode = (typeof NODE_TYPE_CODES)[number];

export type NodeType = {
  code: NodeTypeCode;
  label: string;
  ramGb: number;
  baseGhz: number;
  turboGhz: number;
  cores: number;
  threads: number;
  network: string;
  gpu: string | null;
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

export const STORAGE_TIER_CODES = ["ESSENTIEL", "STANDARD", "PREMIUM", "ENTERPRISE", "ULTRA", "MASS"] as const;
export type StorageTierCode = (typeof STORAGE_TIER_CODES)[number];

export type StorageTier = {
  code: StorageTierCode;
  label: string;
  /** null: Mass Storage has no performance guarantee. */
  iopsPerTb: number | null;
  unitGib: number;
  skuSuffix: string;
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

export function tierSku(tier: StorageTierCode, region: string): string {
  return `csp:${region.toLowerCase()}:iaas:storage:${STORAGE_TIERS[tier].skuSuffix}`;
}

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

export const HOST_ACTIVATED_MEMORY_MIN_GB = 128;
export const POOL_MAX_HOSTS = 32;
export const MEMORY_PRESSURE_LIMIT = 0.85;
export const DATASTORE_MIN_GIB = 500;
export const SNAPSHOT_RESERVE_RATIO = 0.1;
export const GIB_PER_TB = 1024;
export const SLA_TARGET = 0.9999;
