import { db } from "@/lib/db/client";

/** Marks an account as having two-factor on (what matters to single sign-on is only that it is on). */
export async function setTotpSecretForTest(email: string): Promise<void> {
  await db().user.update({ where: { email }, data: { totpSecret: "sealed-for-test", totpEnabledAt: new Date() } });
}
