import "server-only";
import type { ActivityType } from "@/lib/activity-types";
import type { ActivityHandler } from "@/lib/services/activities";
import { VM_ACTIVITY_HANDLERS } from "@/lib/services/vms";
// orders, pools and hosts, affinity rules
import { ORDER_ACTIVITY_HANDLERS } from "@/lib/services/orders";
import { POOL_ACTIVITY_HANDLERS } from "@/lib/services/pools";
import { AFFINITY_ACTIVITY_HANDLERS } from "@/lib/services/affinity";
// data protection and network
import { BACKUP_ACTIVITY_HANDLERS } from "@/lib/services/backup";
import { REPLICATION_ACTIVITY_HANDLERS } from "@/lib/services/replication";
import { NETWORK_ACTIVITY_HANDLERS } from "@/lib/services/network";

/** How every type of activity ends: the compiler refuses a type without its handler. */
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
