"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { orderIdSchema } from "@/lib/validation/orders";
import { cancelOrder } from "@/lib/services/orders";

export const cancelOrderAction = tenantAction({ permission: "order:write", schema: orderIdSchema }, cancelOrder);
