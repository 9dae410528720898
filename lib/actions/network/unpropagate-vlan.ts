"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { vlanPropagationSchema } from "@/lib/validation/network";
import { unpropagateVlan } from "@/lib/services/network";

export const unpropagateVlanAction = tenantAction({ permission: "network:write", schema: vlanPropagationSchema }, unpropagateVlan);
