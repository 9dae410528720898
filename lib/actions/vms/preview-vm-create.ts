"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { createVmSchema } from "@/lib/validation/vms";
import { previewVmCreate } from "@/lib/services/vms";

export const previewVmCreateAction = tenantAction({ permission: "compute:write", schema: createVmSchema }, previewVmCreate);
