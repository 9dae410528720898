"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { deleteAffinityRuleSchema } from "@/lib/validation/affinity";
import { deleteAffinityRule } from "@/lib/services/affinity";

export const deleteAffinityRuleAction = tenantAction({ permission: "compute:write", schema: deleteAffinityRuleSchema }, deleteAffinityRule);
