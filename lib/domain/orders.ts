// Hosts, pools, datastores and VLANs are orders: one open order per resource type and tenant.
import { DATASTORE_ORDER_MAX, DATASTORE_ORDER_MIN, NETWORKS_PER_ORDER_MAX } from "./catalogue";
import { guard } from "./guard";
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

/** A datastore order holds 2 to 10 datastores (the provider's console documentation). */
export function checkDatastoreOrderCount(count: number): Decision<{ count: number }> {
  const g = guard().whole("count", count);
  if (!g.ok) return g.refused();
  if (count >= DATASTORE_ORDER_MIN && count <= DATASTORE_ORDER_MAX) return decide([], { count });
  const limit = count < DATASTORE_ORDER_MIN ? DATASTORE_ORDER_MIN : DATASTORE_ORDER_MAX;
  return decide(
    [
      violation(
        "ORDER.DATASTORE_COUNT",
        msg(
          (n) => `A datastore order holds ${n(DATASTORE_ORDER_MIN)} to ${n(DATASTORE_ORDER_MAX)} datastores; this one would hold ${n(count)}. ${count < DATASTORE_ORDER_MIN ? `Order at least ${n(DATASTORE_ORDER_MIN)}.` : `Split it into orders of ${n(DATASTORE_ORDER_MAX)} at most.`}`,
          (n) => `Une commande de datastores en compte de ${n(DATASTORE_ORDER_MIN)} à ${n(DATASTORE_ORDER_MAX)} ; celle-ci en compterait ${n(count)}. ${count < DATASTORE_ORDER_MIN ? `Commandez-en au moins ${n(DATASTORE_ORDER_MIN)}.` : `Répartissez-la en commandes de ${n(DATASTORE_ORDER_MAX)} au plus.`}`,
        ),
        { limit, actual: count, unit: "datastores" },
      ),
    ],
    { count },
  );
}

/** At most 20 networks (VLANs) in one order or one propagation (the provider's console documentation). */
export function checkNetworkCount(count: number, what: "order" | "propagation"): Decision<{ count: number }> {
  const g = guard().whole("count", count, 1);
  if (!g.ok) return g.refused();
  if (count <= NETWORKS_PER_ORDER_MAX) return decide([], { count });
  const w = what === "order" ? { en: "order", fr: "commande" } : { en: "propagation", fr: "propagation" };
  return decide(
    [
      violation(
        "ORDER.NETWORK_COUNT",
        msg(
          (n) => `One ${w.en} holds at most ${n(NETWORKS_PER_ORDER_MAX)} networks; this one would hold ${n(count)}. Split it into several.`,
          (n) => `Une ${w.fr} compte au plus ${n(NETWORKS_PER_ORDER_MAX)} réseaux ; celle-ci en compterait ${n(count)}. Répartissez-la en plusieurs.`,
        ),
        { limit: NETWORKS_PER_ORDER_MAX, actual: count, unit: "networks" },
      ),
    ],
    { count },
  );
}
