"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { createAffinityRuleSchema } from "@/lib/validation/affinity";
import { createAffinityRule } from "@/lib/services/affinity";

export const createAffinityRuleAction = tenantAction({ permission: "compute:write", schema: createAffinityRuleSchema }, createAffinityRule);
