"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { encryptVmSchema } from "@/lib/validation/vms";
import { encryptVm } from "@/lib/services/vms";

export const encryptVmAction = tenantAction({ permission: "compute:management", schema: encryptVmSchema }, encryptVm);
