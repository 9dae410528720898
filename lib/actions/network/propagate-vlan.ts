"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { vlanPropagationSchema } from "@/lib/validation/network";
import { propagateVlan } from "@/lib/services/network";

export const propagateVlanAction = tenantAction({ permission: "network:write", schema: vlanPropagationSchema }, propagateVlan);
