// Hosts, pools, datastores and VLANs are orders: one open order per resource type and tenant.
import { decide, msg, violation, type Decision } from "./result";

export const ORDER_RESOURCE_TYPES = ["COMPUTE_POOL", "HOST", "DATASTORE", "VLAN"] as const;
export type OrderResourceType = (typeof ORDER_RESOURCE_TYPES)[number];
export type OrderStatus = "SUBMITTED" | "IN_REVIEW" | "DELIVERED" | "REJECTED" | "CANCELLED";
/** An order is open until it is delivered, rejected or cancelled. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ["SUBMITTED", "IN_REVIEW"];

const LABEL: Record<OrderResourceType, { en: string; fr: string }> = {
  COMPUTE_POOL: { en: "compute pool", fr: "pool de calcul" },
  HOST: { en: "host", fr: "hôte" },
  DATASTORE: { en: "datastore", fr: "datastore" },
  VLAN: { en: "VLAN", fr: "VLAN" },
};

export function isOpenOrder(status: OrderStatus): boolean {
  return OPEN_ORDER_STATUSES.includes(status);
}

/** `orders`: the tenant's orders (the caller scopes them to the tenant). */
export function checkOrderOpen(resourceType: OrderResourceType, orders: readonly { id: string; resourceType: OrderResourceType; status: OrderStatus }[]): Decision {
  const open = orders.find((o) => o.resourceType === resourceType && isOpenOrder(o.status));
  if (!open) return decide([], undefined);
  const l = LABEL[resourceType];
  return decide(
    [
      violation(
        "ORDER.ALREADY_OPEN",
        msg(
          (n) => `A ${l.en} order (${open.id}) is still open; a tenant has at most ${n(1)} open order per resource type and this one would make ${n(2)}. Wait for it to be delivered, or cancel it and order again.`,
          (n) => `Une commande de ${l.fr} (${open.id}) est encore ouverte ; un tenant a au plus ${n(1)} commande ouverte par type de ressource et celle-ci ferait ${n(2)}. Attendez sa livraison, ou annulez-la et commandez à nouveau.`,
        ),
        { limit: 1, actual: 2, unit: "orders", subject: open.id },
      ),
    ],
    undefined,
  );
}
