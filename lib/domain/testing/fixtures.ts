// Builders of plain domain states for tests and the benchmark. Pure, like the rest of lib/domain.
import type { NodeTypeCode, StorageTierCode } from "../catalogue";
import type { AffinityRuleState, PoolState, PoolVm } from "../pool";
import type { DatastoreState, StorageReplicationKind } from "../storage";

export type PoolSpec = {
  id?: string;
  nodeType?: NodeTypeCode;
  hosts?: number;
  /** Host indexes (0-based) in maintenance. */
  maintenance?: number[];
  activatedMemoryGb?: number;
  haEnabled?: boolean;
  /** VMs: `host` is a host index, or null for unplaced. */
  vms?: { id?: string; memoryGb: number; host?: number | null; poweredOn?: boolean; iopsDemand?: number; datastoreId?: string }[];
  rules?: { id?: string; kind: AffinityRuleState["kind"]; vmIds: string[]; enabled?: boolean }[];
};

export const hostId = (i: number) => `h${i}`;

/** A pool of STANDARD v3 hosts (384 GB), 128 GB activated per host unless told. */
export function makePool(spec: PoolSpec = {}): PoolState {
  const n = spec.hosts ?? 3;
  const maintenance = new Set(spec.maintenance ?? []);
  const vms: PoolVm[] = (spec.vms ?? []).map((v, i) => ({
    id: v.id ?? `vm${i}`,
    memoryGb: v.memoryGb,
    hostId: v.host === null ? null : hostId(v.host ?? 0),
    poweredOn: v.poweredOn ?? true,
    datastoreId: v.datastoreId ?? "ds1",
    iopsDemand: v.iopsDemand ?? 0,
  }));
  return {
    id: spec.id ?? "pool1",
    nodeType: spec.nodeType ?? "STANDARD_V3",
    activatedMemoryGb: spec.activatedMemoryGb ?? n * 128,
    haEnabled: spec.haEnabled ?? true,
    hosts: Array.from({ length: n }, (_, i) => ({ id: hostId(i), maintenance: maintenance.has(i) })),
    vms,
    affinityRules: (spec.rules ?? []).map((r, i) => ({ id: r.id ?? `rule${i}`, kind: r.kind, enabled: r.enabled ?? true, vmIds: r.vmIds })),
  };
}

export type DatastoreSpec = {
  id?: string;
  tier?: StorageTierCode;
  sizeGib?: number;
  usedGib?: number;
  provisionedGib?: number;
  replication?: StorageReplicationKind | null;
  vms?: { id?: string; memoryGb: number; poweredOn?: boolean; iopsDemand?: number }[];
};

/** A 1024 GiB Standard datastore, empty unless told. */
export function makeDatastore(spec: DatastoreSpec = {}): DatastoreState {
  const usedGib = spec.usedGib ?? 0;
  return {
    id: spec.id ?? "ds1",
    tier: spec.tier ?? "STANDARD",
    sizeGib: spec.sizeGib ?? 1024,
    usedGib,
    provisionedGib: spec.provisionedGib ?? usedGib,
    replication: spec.replication ?? null,
    vms: (spec.vms ?? []).map((v, i) => ({ id: v.id ?? `dvm${i}`, memoryGb: v.memoryGb, poweredOn: v.poweredOn ?? true, iopsDemand: v.iopsDemand ?? 0 })),
  };
}

/** The VM a new disk belongs to, when its encryption does not matter to the test. */
export const plainVm = { id: "vm-disk", encryption: "NONE" as const };
