"use server";
import { tenantAction } from "@/lib/actions/safe-action";
import { revokeTokenSchema } from "@/lib/validation/tokens";
import { revokeToken } from "@/lib/services/tokens";

// One's own tokens; anyone's in the tenant with iam:write (the service decides which it may see).
export const revokeTokenAction = tenantAction({ permission: null, schema: revokeTokenSchema }, revokeToken);
