"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { createVmSchema } from "@/lib/validation/vms";
import { createVm } from "@/lib/services/vms";

export const createVmAction = tenantAction({ permission: "compute:write", schema: createVmSchema }, createVm);
