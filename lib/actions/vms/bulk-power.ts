"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { bulkPowerSchema } from "@/lib/validation/vms";
import { bulkPower } from "@/lib/services/vms";

export const bulkPowerAction = tenantAction({ permission: "vm:power", schema: bulkPowerSchema }, bulkPower);
