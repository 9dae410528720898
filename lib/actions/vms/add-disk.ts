"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { addDiskSchema } from "@/lib/validation/vms";
import { addDisk } from "@/lib/services/vms";

export const addDiskAction = tenantAction({ permission: "compute:write", schema: addDiskSchema }, addDisk);
