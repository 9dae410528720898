"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { hostMaintenanceSchema } from "@/lib/validation/pools";
import { enterHostMaintenance } from "@/lib/services/pools";

export const enterHostMaintenanceAction = tenantAction({ permission: "compute:management", schema: hostMaintenanceSchema }, enterHostMaintenance);
