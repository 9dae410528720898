"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { planCapacitySchema } from "@/lib/validation/planner";
import { planCapacity } from "@/lib/services/planner";

/** Read-only: the capacity planner's what-if (views, issue 9). */
export const planCapacityAction = tenantAction({ permission: "metric:read", schema: planCapacitySchema }, planCapacity);
