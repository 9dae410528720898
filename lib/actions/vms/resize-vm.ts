"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { resizeVmSchema } from "@/lib/validation/vms";
import { resizeVm } from "@/lib/services/vms";

export const resizeVmAction = tenantAction({ permission: "compute:write", schema: resizeVmSchema }, resizeVm);
