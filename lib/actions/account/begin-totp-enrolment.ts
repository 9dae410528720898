"use server";
import { accountAction } from "@/lib/actions/safe-action";
import { beginTotpEnrolment } from "@/lib/services/totp";
import { decided, noInput } from "@/lib/actions/account-result";

export const beginTotpEnrolmentAction = accountAction(noInput, async (user) => decided(await beginTotpEnrolment(user.id)));
