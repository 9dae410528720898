import "server-only";
import type { ActivityType } from "@/lib/activity-types";
import type { ActivityHandler } from "@/lib/services/activities";
import { VM_ACTIVITY_HANDLERS } from "@/lib/services/vms";

/** How every type of activity ends: the compiler refuses a type without its handler. */
export const ACTIVITY_HANDLERS: Record<ActivityType, ActivityHandler> = {
  ...VM_ACTIVITY_HANDLERS,
};
