"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { affinityRuleIdSchema } from "@/lib/validation/affinity";
import { disableAffinityRule } from "@/lib/services/affinity";

export const disableAffinityRuleAction = tenantAction({ permission: "compute:write", schema: affinityRuleIdSchema }, disableAffinityRule);
