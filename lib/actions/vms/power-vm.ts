"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { powerVmSchema } from "@/lib/validation/vms";
import { powerVm } from "@/lib/services/vms";

export const powerVmAction = tenantAction({ permission: "vm:power", schema: powerVmSchema }, powerVm);
