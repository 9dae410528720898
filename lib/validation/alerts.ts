// Alerts: the inputs of acknowledging, a tenant's line per resource, a user's subscriptions, and
// the alerts list's query. Shared by the forms, the actions and the API.
import { z } from "zod";
import { ALERT_KINDS, ALERT_LEVEL_MAX_PCT, ALERT_LEVEL_MIN_PCT, ALERT_STATES } from "@/lib/domain/alerts";

const id = z.string().trim().min(1, "v.required").max(64);
const flag = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());

export const acknowledgeAlertSchema = z.object({ alertId: id });
export type AcknowledgeAlertInput = z.infer<typeof acknowledgeAlertSchema>;

/** A line in percent of the kind's reference figure; empty (or null) goes back to the default. */
export const setAlertThresholdSchema = z.object({
  resourceId: id,
  kind: z.enum(ALERT_KINDS),
  levelPct: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().min(ALERT_LEVEL_MIN_PCT).max(ALERT_LEVEL_MAX_PCT).nullable()),
});
export type SetAlertThresholdInput = z.infer<typeof setAlertThresholdSchema>;

/** The caller's own subscription to one kind of the tenant's alerts: on or off, and by e-mail too or not. */
export const setAlertSubscriptionSchema = z.object({ kind: z.enum(ALERT_KINDS), subscribed: flag, email: flag });
export type SetAlertSubscriptionInput = z.infer<typeof setAlertSubscriptionSchema>;

export const ALERT_PAGE_SIZE = 50;

/** The alerts list: filters applied in the database, newest first, keyset paging on (openedAt, id). */
export const alertListQuery = z.object({
  state: z.enum(ALERT_STATES).optional().catch(undefined),
  /** "active": open and acknowledged together, the page's default view. */
  view: z.enum(["active", "all"]).optional().catch(undefined),
  kind: z.enum(ALERT_KINDS).optional().catch(undefined),
  resourceId: z.string().trim().min(1).max(64).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(ALERT_PAGE_SIZE).catch(ALERT_PAGE_SIZE),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;
