// The capacity planner's question — a pool or a datastore, and what to add or change.
import { z } from "zod";
import { STORAGE_TIER_CODES } from "@/lib/domain/catalogue";
import type { WhatIfFigures } from "@/lib/domain/what-if";

const id = z.string().trim().min(1, "v.required").max(64);
const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), id.optional());
const count = (max: number) => z.coerce.number().int().min(0).max(max);
const positive = (max: number) => z.coerce.number().int().min(1).max(max);
const optionalInt = (min: number, max: number) => z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(min).max(max).optional());

export const PLANNER_TARGETS = ["pool", "datastore"] as const;

export const planCapacitySchema = z
  .object({
    target: z.enum(PLANNER_TARGETS),
    poolId: optionalId,
    /** With a pool: the datastore the new VMs' disks and swap files would use (optional). */
    datastoreId: optionalId,
    vmCount: count(500).default(0),
    vmCpu: positive(256).default(2),
    vmMemoryGb: positive(6144).default(8),
    vmDiskGib: count(65_536).default(50),
    vmIops: count(1_000_000).default(0),
    // Not capped at the 32 a pool holds: the planner answers 40 with the rule's own refusal
    // (CPOOL.MAX_HOSTS, its code and figures), not a bare "must be at most 32" on the field.
    hostCount: count(1000).default(0),
    sizeGib: optionalInt(1, 1_048_576),
    tier: z.preprocess((v) => (v === "" ? undefined : v), z.enum(STORAGE_TIER_CODES).optional()),
  })
  .refine((v) => (v.target === "pool" ? v.poolId !== undefined : v.datastoreId !== undefined), { message: "v.required", path: ["target"] });
export type PlanCapacityInput = z.infer<typeof planCapacitySchema>;

/** The planner's answer: the figures before and after; the violations travel as the action's warnings. */
export type PlannerResult = {
  before: WhatIfFigures;
  after: WhatIfFigures;
  /** False when a rule refuses one of the changes: the violations say which. */
  fits: boolean;
  /** How many changes were simulated (0: the figures as they stand). */
  changes: number;
  addedVms: number;
  addedVcpu: number;
  addedMemoryGb: number;
};
