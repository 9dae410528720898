"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { deleteVmSchema } from "@/lib/validation/vms";
import { deleteVm } from "@/lib/services/vms";

export const deleteVmAction = tenantAction({ permission: "compute:write", schema: deleteVmSchema }, deleteVm);
