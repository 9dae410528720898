import "server-only";
import { planCapacitySchema } from "@/lib/validation/planner";
import { planCapacity } from "@/lib/services/planner";
import { tenantUseCase } from "./define";

// The capacity planner's what-if: read-only, decided by the same rules as the changes it imagines.

export const DASHBOARD_USE_CASES = {
  planCapacity: tenantUseCase({
    summary: "What-if: would this many VMs of this size fit a pool or a datastore, and with what headroom",
    tag: "dashboards",
    permission: "metric:read",
    schema: planCapacitySchema,
    resource: { type: "pool" },
    audit: [],
    activity: [],
    preview: true,
    run: planCapacity,
    route: { method: "POST", path: "/dashboards/planner" },
  }),
};
