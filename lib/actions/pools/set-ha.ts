"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { setHaSchema } from "@/lib/validation/pools";
import { setHa } from "@/lib/services/pools";

export const setHaAction = tenantAction({ permission: "compute:management", schema: setHaSchema }, setHa);
