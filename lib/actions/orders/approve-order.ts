"use server";
import { organizationAction } from "@/lib/actions/safe-action";
import { orderIdSchema } from "@/lib/validation/orders";
import { approveOrder } from "@/lib/services/orders";

export const approveOrderAction = organizationAction({ role: "OWNER", schema: orderIdSchema }, approveOrder);
