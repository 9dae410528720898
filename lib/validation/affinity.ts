// Affinity rules: VM-to-VM, inside one pool.
import { z } from "zod";
import { defineListQuery, type ListQuery } from "@/lib/list-query";

const id = z.string().trim().min(1, "v.required").max(64);

export const AFFINITY_RULE_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const createAffinityRuleSchema = z.object({
  poolId: id,
  name: z.string().trim().toLowerCase().regex(AFFINITY_RULE_NAME_PATTERN, "v.ruleName"),
  kind: z.enum(["AFFINITY", "ANTI_AFFINITY"]),
  // A form sends one value per checked box; the API sends an array. The rules count them (at least 2).
  vmIds: z.preprocess((v) => (typeof v === "string" ? [v] : v === undefined ? [] : v), z.array(id).max(100)),
});
export type CreateAffinityRuleInput = z.infer<typeof createAffinityRuleSchema>;

export const affinityRuleIdSchema = z.object({ ruleId: id });
export type AffinityRuleIdInput = z.infer<typeof affinityRuleIdSchema>;

export const deleteAffinityRuleSchema = z.object({ ruleId: id, confirmName: z.string().trim() });
export type DeleteAffinityRuleInput = z.infer<typeof deleteAffinityRuleSchema>;

export const affinityList = defineListQuery({
  sorts: ["name", "pool", "kind"] as const,
  defaultSort: "name",
  filters: { pool: z.string().trim().max(64), kind: z.enum(["AFFINITY", "ANTI_AFFINITY"]) },
});
export type AffinityListQuery = ListQuery<"name" | "pool" | "kind", { pool?: string; kind?: "AFFINITY" | "ANTI_AFFINITY" }>;
