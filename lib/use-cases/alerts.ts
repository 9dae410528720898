import "server-only";
import { acknowledgeAlertSchema, setAlertSubscriptionSchema, setAlertThresholdSchema } from "@/lib/validation/alerts";
import { acknowledgeAlert, setAlertSubscription, setAlertThreshold } from "@/lib/services/alerts";
import { tenantUseCase } from "./define";

// Operator alerts: acknowledging one, a tenant's own line for a resource, a person's subscription.
// Immediate changes: audited, no activity. Opening and resolving are the collector tick's.

export const ALERT_USE_CASES = {
  acknowledgeAlert: tenantUseCase({
    summary: "Acknowledge an open alert (who and when are kept; it stays until its figure is back under the line)",
    tag: "dashboards",
    // Whoever watches the tenant's figures acknowledges what they saw: operators hold metric:read only.
    permission: "metric:read",
    schema: acknowledgeAlertSchema,
    resource: { type: "alert", key: "alertId" },
    audit: ["alert.acknowledge"],
    activity: [],
    run: acknowledgeAlert,
    route: { method: "POST", path: "/dashboards/alerts/{id}/acknowledge", params: { id: "alertId" } },
  }),
  setAlertThreshold: tenantUseCase({
    summary: "Set a pool's, datastore's or replication's own alert line for one kind (percent of the kind's reference figure), or back to the default",
    tag: "dashboards",
    permission: "compute:management",
    schema: setAlertThresholdSchema,
    resource: { type: "resource", key: "resourceId" },
    audit: ["alert.threshold_set"],
    activity: [],
    run: setAlertThreshold,
    route: { method: "PUT", path: "/dashboards/alerts/thresholds/{id}", params: { id: "resourceId" } },
  }),
  setAlertSubscription: tenantUseCase({
    summary: "Subscribe the caller to one kind of the tenant's alerts (in the console, and by e-mail if asked), or unsubscribe",
    tag: "dashboards",
    permission: "metric:read",
    schema: setAlertSubscriptionSchema,
    resource: { type: "user" },
    audit: ["alert.subscription_set"],
    activity: [],
    run: setAlertSubscription,
    route: { method: "PUT", path: "/dashboards/alerts/subscriptions" },
  }),
};
