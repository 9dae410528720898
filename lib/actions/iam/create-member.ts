"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { createMemberSchema } from "@/lib/validation/iam";
import { createMember } from "@/lib/services/iam";

export const createMemberAction = tenantAction({ permission: "iam:write", schema: createMemberSchema }, createMember);
