"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { submitOrderSchema } from "@/lib/validation/orders";
import { submitOrder } from "@/lib/services/orders";

export const submitOrderAction = tenantAction({ permission: "order:write", schema: submitOrderSchema }, submitOrder);
