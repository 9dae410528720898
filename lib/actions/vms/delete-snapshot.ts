"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { deleteSnapshotSchema } from "@/lib/validation/vms";
import { deleteSnapshot } from "@/lib/services/vms";

export const deleteSnapshotAction = tenantAction({ permission: "compute:write", schema: deleteSnapshotSchema }, deleteSnapshot);
