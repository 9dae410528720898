import { NODE_TYPES, HOST_ACTIVATED_MEMORY_MIN_GB, MEMORY_PRESSURE_LIMIT, type NodeTypeCode } from "./catalogue";

/** Activated memory bounds: hosts × 128 GB up to hosts × the node's physical RAM (3 hosts → 384–1152 GB on 384 GB nodes). */
export function activatedMemoryRange(nodeType: NodeTypeCode, hosts: number): { minGb: number; maxGb: number } {
  return { minGb: hosts * HOST_ACTIVATED_MEMORY_MIN_GB, maxGb: hosts * NODE_TYPES[nodeType].ramGb };
}

export type PoolMemoryInput = {
  nodeType: NodeTypeCode;
  hosts: number;
  activatedMemoryGb: number;
  haEnabled: boolean;
  /** Memory of the VMs running on the pool (powered on or suspended). */
  usedGb: number;
};

export type PoolMemory = {
  physicalGb: number;
  activatedGb: number;
  minActivatedGb: number;
  maxActivatedGb: number;
  usedGb: number;
  /** Used over activated, 0–1+. */
  usedRatio: number;
  /** What can still be placed before the 85 % line; 0 when above it. */
  headroomGb: number;
  inPressure: boolean;
  /** 99.99 % SLA: ≥ 2 hosts and HA on. */
  slaEligible: boolean;
};

export function poolMemory(p: PoolMemoryInput): PoolMemory {
  const { minGb, maxGb } = activatedMemoryRange(p.nodeType, p.hosts);
  const usedRatio = p.activatedMemoryGb === 0 ? 0 : p.usedGb / p.activatedMemoryGb;
  return {
    physicalGb: p.hosts * NODE_TYPES[p.nodeType].ramGb,
    activatedGb: p.activatedMemoryGb,
    minActivatedGb: minGb,
    maxActivatedGb: maxGb,
    usedGb: p.usedGb,
    usedRatio,
    headroomGb: Math.max(0, Math.floor(p.activatedMemoryGb * MEMORY_PRESSURE_LIMIT - p.usedGb)),
    inPressure: usedRatio > MEMORY_PRESSURE_LIMIT,
    slaEligible: p.hosts >= 2 && p.haEnabled,
  };
}
