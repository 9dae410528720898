"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { affinityRuleIdSchema } from "@/lib/validation/affinity";
import { enableAffinityRule } from "@/lib/services/affinity";

export const enableAffinityRuleAction = tenantAction({ permission: "compute:write", schema: affinityRuleIdSchema }, enableAffinityRule);
