"use server";
import { accountAction } from "@/lib/actions/safe-action";
import { renewRecoveryCodes } from "@/lib/services/totp";
import { totpCodeSchema } from "@/lib/validation/iam";
import { decided } from "@/lib/actions/account-result";

export const renewRecoveryCodesAction = accountAction(totpCodeSchema, async (user, input) => decided(await renewRecoveryCodes(user.id, input.code)));
