import "server-only";
import { orderIdSchema, rejectOrderSchema, submitOrderSchema } from "@/lib/validation/orders";
import { approveOrder, cancelOrder, rejectOrder, submitOrder } from "@/lib/services/orders";
import { organizationUseCase, tenantUseCase } from "./define";

// Orders: what the provider installs (pools, hosts, datastores, VLANs), reviewed by the organization's owner.

const order = { type: "order", key: "orderId" };
const BY_ORGANIZATION =
  "An owner's review spans the organization's tenants, and a personal access token is bound to one tenant: it never acts for an organization (lib/auth/authorize.ts).";

export const ORDER_USE_CASES = {
  submitOrder: tenantUseCase({
    summary: "Submit an order for the provider to review and deliver",
    tag: "orders",
    permission: "order:write",
    schema: submitOrderSchema,
    resource: { type: "order" },
    audit: ["order.submit"],
    activity: ["order.submit"],
    run: submitOrder,
    route: { method: "POST", path: "/orders" },
  }),
  cancelOrder: tenantUseCase({
    summary: "Withdraw an order not yet delivered",
    tag: "orders",
    permission: "order:write",
    schema: orderIdSchema,
    resource: order,
    audit: ["order.cancel"],
    activity: ["order.cancel"],
    run: cancelOrder,
    route: { method: "POST", path: "/orders/{id}/cancel", params: { id: "orderId" } },
  }),
  approveOrder: organizationUseCase({
    summary: "Approve an order: the delivery starts",
    tag: "orders",
    role: "OWNER",
    schema: orderIdSchema,
    resource: order,
    audit: ["order.approve"],
    activity: ["order.deliver_pool", "order.deliver_hosts", "order.deliver_datastore", "order.resize_datastore", "order.retier_datastore", "order.deliver_vlan"],
    run: approveOrder,
    route: { consoleOnly: BY_ORGANIZATION },
  }),
  rejectOrder: organizationUseCase({
    summary: "Refuse an order, with a note to its author",
    tag: "orders",
    role: "OWNER",
    schema: rejectOrderSchema,
    resource: order,
    audit: ["order.reject"],
    activity: ["order.reject"],
    run: rejectOrder,
    route: { consoleOnly: BY_ORGANIZATION },
  }),
};
