"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { setOwnerSchema } from "@/lib/validation/iam";
import { setOwner } from "@/lib/services/iam";

export const setOwnerAction = tenantAction({ permission: "iam:write", schema: setOwnerSchema }, setOwner);
