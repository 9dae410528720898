import "server-only";
import type { ActivityType } from "@/lib/activity-types";
import type { ActivityHandler } from "./handler";
import { VM_ACTIVITY_HANDLERS } from "./vms";
// orders, pools and hosts, affinity rules
import { ORDER_ACTIVITY_HANDLERS } from "./orders";
import { POOL_ACTIVITY_HANDLERS } from "./pools";
import { AFFINITY_ACTIVITY_HANDLERS } from "./affinity";
// data protection and network
import { BACKUP_ACTIVITY_HANDLERS } from "./backup";
import { REPLICATION_ACTIVITY_HANDLERS } from "./replication";
import { NETWORK_ACTIVITY_HANDLERS } from "./network";

export type { ActivityHandler, ActivityRecord } from "./handler";

/**
 * How every type of activity ends: the compiler refuses a type without its handler. The services
 * reserve a change and start its activity; these make it final or undo it, one file per area.
 */
export const ACTIVITY_HANDLERS: Record<ActivityType, ActivityHandler> = {
  ...VM_ACTIVITY_HANDLERS,
  // orders, pools and hosts, affinity rules
  ...ORDER_ACTIVITY_HANDLERS,
  ...POOL_ACTIVITY_HANDLERS,
  ...AFFINITY_ACTIVITY_HANDLERS,
  ...BACKUP_ACTIVITY_HANDLERS,
  ...REPLICATION_ACTIVITY_HANDLERS,
  ...NETWORK_ACTIVITY_HANDLERS,
};
