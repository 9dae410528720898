"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { setActivatedMemorySchema } from "@/lib/validation/pools";
import { setActivatedMemory } from "@/lib/services/pools";

export const setActivatedMemoryAction = tenantAction({ permission: "compute:management", schema: setActivatedMemorySchema }, setActivatedMemory);
