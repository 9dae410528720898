import "server-only";
import type { ActivityType } from "@/lib/activity-types";
import { payloadOf, required, type ActivityHandler, type ActivityRecord } from "./handler";

// How a VLAN propagation's activities end (lib/services/network.ts reserves them).

const propagationIdOf = (a: ActivityRecord) => required(payloadOf<{ propagationId: string }>(a).propagationId, "VLAN propagation");
/** A propagation of several VLANs at once holds them all (`propagationIds`); one queued before holds `propagationId`. */
const propagationIdsOf = (a: ActivityRecord) => {
  const p = payloadOf<{ propagationId?: string; propagationIds?: string[] }>(a);
  return p.propagationIds ?? [required(p.propagationId, "VLAN propagation")];
};

// The propagation's tenant is the receiver; the VLAN's tenant (the activity's) is in the where clause.
export const NETWORK_ACTIVITY_HANDLERS = {
  "vlan.propagate": {
    async complete(tx, a) {
      await tx.vlanPropagation.updateMany({ where: { id: { in: propagationIdsOf(a) }, vlan: { tenantId: a.tenantId } }, data: { busyActivityId: null } });
    },
    // A failed propagation takes back every VLAN it reserved: all reach the tenant, or none.
    async revert(tx, a) {
      await tx.vlanPropagation.deleteMany({ where: { id: { in: propagationIdsOf(a) }, vlan: { tenantId: a.tenantId } } });
    },
  },
  "vlan.unpropagate": {
    async complete(tx, a) {
      await tx.vlanPropagation.deleteMany({ where: { id: propagationIdOf(a), vlan: { tenantId: a.tenantId } } });
    },
    async revert(tx, a) {
      await tx.vlanPropagation.updateMany({ where: { id: propagationIdOf(a), vlan: { tenantId: a.tenantId } }, data: { busyActivityId: null } });
    },
  },
} satisfies Record<Extract<ActivityType, `vlan.${string}`>, ActivityHandler>;
