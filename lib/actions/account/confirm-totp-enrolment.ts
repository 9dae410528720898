"use server";
import { accountAction } from "@/lib/actions/safe-action";
import { confirmTotpEnrolment } from "@/lib/services/totp";
import { totpCodeSchema } from "@/lib/validation/iam";
import { decided } from "@/lib/actions/account-result";

export const confirmTotpEnrolmentAction = accountAction(totpCodeSchema, async (user, input) => decided(await confirmTotpEnrolment(user.id, input.code)));
