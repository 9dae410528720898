"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { createSnapshotSchema } from "@/lib/validation/vms";
import { createSnapshot } from "@/lib/services/vms";

export const createSnapshotAction = tenantAction({ permission: "compute:write", schema: createSnapshotSchema }, createSnapshot);
