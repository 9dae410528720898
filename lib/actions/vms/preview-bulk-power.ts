"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { bulkPowerSchema } from "@/lib/validation/vms";
import { previewBulkPower } from "@/lib/services/vms";

export const previewBulkPowerAction = tenantAction({ permission: "vm:power", schema: bulkPowerSchema }, previewBulkPower);
