"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { createTokenSchema } from "@/lib/validation/tokens";
import { createToken } from "@/lib/services/tokens";

// Any member makes tokens for themselves, with a subset of what they hold here (the service checks it).
export const createTokenAction = tenantAction({ permission: null, schema: createTokenSchema }, createToken);
