import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import type { ActivityType } from "@/lib/activity-types";
import { deliverOrder, recordOrderEvent } from "@/lib/services/orders";
import { payloadOf, required, type ActivityHandler, type ActivityRecord } from "./handler";

// How an order's activities end (lib/services/orders.ts reserves them): a review step made final
// or undone, a delivery decided again and made, or the order back in review.

type OrderPayload = { orderId: string; eventId?: string };
const orderIdOf = (a: ActivityRecord) => required(payloadOf<OrderPayload>(a).orderId, "order");

const deliveryHandler: ActivityHandler = {
  async complete(tx, a) {
    return deliverOrder(tx, a.tenantId, orderIdOf(a), a.id);
  },
  async revert(tx, a) {
    // Nothing was made (complete() makes everything in one transaction): the order awaits review again.
    const orderId = orderIdOf(a);
    await tx.order.updateMany({ where: { id: orderId, tenantId: a.tenantId }, data: { status: "SUBMITTED", busyActivityId: null } });
    await recordOrderEvent(tx, null, a.tenantId, orderId, { kind: "DELIVERY_FAILED", status: "SUBMITTED", activityId: a.id });
  },
};

const release = (tx: Tx, a: ActivityRecord) => tx.order.updateMany({ where: { id: orderIdOf(a), tenantId: a.tenantId }, data: { busyActivityId: null } });

/** A review step undone: the order awaits review again, and the step leaves no event. */
const undoStep = (extra: Prisma.OrderUpdateManyMutationInput = {}): ActivityHandler => ({
  complete: async (tx, a) => {
    await release(tx, a);
  },
  revert: async (tx, a) => {
    const p = payloadOf<OrderPayload>(a);
    await tx.order.updateMany({ where: { id: orderIdOf(a), tenantId: a.tenantId }, data: { status: "SUBMITTED", busyActivityId: null, ...extra } });
    if (p.eventId) await tx.orderEvent.deleteMany({ where: { id: p.eventId, tenantId: a.tenantId } });
  },
});

export const ORDER_ACTIVITY_HANDLERS = {
  "order.submit": {
    complete: async (tx, a) => {
      await release(tx, a);
    },
    // The provider never got it: the order goes, with its history.
    revert: async (tx, a) => {
      await tx.order.deleteMany({ where: { id: orderIdOf(a), tenantId: a.tenantId } });
    },
  },
  "order.cancel": undoStep(),
  "order.reject": undoStep({ reviewNote: null }),
  "order.deliver_pool": deliveryHandler,
  "order.deliver_hosts": deliveryHandler,
  "order.deliver_datastore": deliveryHandler,
  "order.resize_datastore": deliveryHandler,
  "order.retier_datastore": deliveryHandler,
  "order.deliver_vlan": deliveryHandler,
} satisfies Record<Extract<ActivityType, `order.${string}`>, ActivityHandler>;
