"use server";
import { organizationAction } from "@/lib/actions/safe-action";
import { rejectOrderSchema } from "@/lib/validation/orders";
import { rejectOrder } from "@/lib/services/orders";

export const rejectOrderAction = organizationAction({ role: "OWNER", schema: rejectOrderSchema }, rejectOrder);
