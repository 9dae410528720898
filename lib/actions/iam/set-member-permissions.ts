"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { setMemberPermissionsSchema } from "@/lib/validation/iam";
import { setMemberPermissions } from "@/lib/services/iam";

export const setMemberPermissionsAction = tenantAction({ permission: "iam:write", schema: setMemberPermissionsSchema }, setMemberPermissions);
