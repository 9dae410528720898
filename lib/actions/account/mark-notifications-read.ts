"use server";
import { z } from "zod";
import { accountAction } from "@/lib/actions/safe-action";
import { markNotificationsRead } from "@/lib/services/notifications";

/** The caller's own notifications: the ones named, or all of them when none is. */
const schema = z.object({ ids: z.preprocess((v) => (v === undefined || v === "" ? [] : typeof v === "string" ? [v] : v), z.array(z.string().min(1).max(64)).max(100)) });

export const markNotificationsReadAction = accountAction(schema, async (user, input) => {
  const marked = await markNotificationsRead(user.id, input.ids.length ? input.ids : null);
  return { ok: true, value: { marked }, warnings: [] };
});
