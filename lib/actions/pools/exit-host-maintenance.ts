"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { hostMaintenanceSchema } from "@/lib/validation/pools";
import { exitHostMaintenance } from "@/lib/services/pools";

export const exitHostMaintenanceAction = tenantAction({ permission: "compute:management", schema: hostMaintenanceSchema }, exitHostMaintenance);
