"use server";
import { organizationAction } from "@/lib/actions/safe-action";
import { setUserDisabledSchema } from "@/lib/validation/iam";
import { setUserDisabled } from "@/lib/services/iam";

export const setUserDisabledAction = organizationAction({ role: "OWNER", schema: setUserDisabledSchema }, setUserDisabled);
