"use server";
import { accountAction } from "@/lib/actions/safe-action";
import { disableTotp } from "@/lib/services/totp";
import { totpCodeSchema } from "@/lib/validation/iam";
import { decided } from "@/lib/actions/account-result";

export const disableTotpAction = accountAction(totpCodeSchema, async (user, input) => decided(await disableTotp(user.id, input.code)));
