// What an order would mean, before anyone submits it: the domain's verdict with its codes and
// numbers, what the inventory says about the fields (each a refusal with its own code), and the
// figures the form shows (IOPS, monthly price, memory range). Pure, so the order form computes it
// live in the browser and the server decides again with the same function at submission, at
// approval and at delivery.
import { DATASTORE_ORDER_MIN, DEMO_PRICES, HOST_ACTIVATED_MEMORY_MIN_GB, NODE_TYPES, STORAGE_TIERS, regionOfAz, type NodeTypeCode, type StorageTierCode } from "./catalogue";
import { monthlyCost, type Inventory } from "./billing";
import { checkDatastoreOrderCount, checkNetworkCount, checkOrderOpen, type OrderResourceType, type OrderStatus } from "./orders";
import { activatedMemoryRange, checkAddHosts, checkPoolOrder, type HostState } from "./pool";
import { allViolations, decide, msg, violation, type Decision, type LocalizedText, type Violation } from "./result";
import { checkDatastoreOrder, checkDatastoreResize, checkDatastoreTierChange, iopsLimit, type DatastoreState } from "./storage";
import type { OrderKind, SubmitOrderInput } from "@/lib/validation/orders";

export const RESOURCE_TYPE_OF: Record<OrderKind, OrderResourceType> = {
  pool: "COMPUTE_POOL",
  hosts: "HOST",
  datastore: "DATASTORE",
  datastore_resize: "DATASTORE",
  datastore_tier: "DATASTORE",
  vlan: "VLAN",
};

/** What the plan of an order needs to know of the tenant. */
export type OrderPlanContext = {
  regionId: string;
  /** The tenant's orders still open (SUBMITTED or IN_REVIEW). */
  openOrders: readonly { id: string; resourceType: OrderResourceType; status: OrderStatus }[];
  /** Adding hosts: the pool they join. */
  pool?: { id: string; name: string; azId: string; nodeType: NodeTypeCode; activatedMemoryGb: number; haEnabled: boolean; hosts: readonly HostState[] };
  /** Resizing or re-tiering: the datastore as the storage rules see it. */
  datastore?: DatastoreState & { name: string; azId: string };
  /** A new VLAN: the tags the tenant already uses. */
  vlans?: readonly { tag: number; name: string }[];
};

export type OrderFigures = {
  currency: string;
  /** Monthly price of what the order concerns (demo prices), before and after. */
  monthly: { before: number; after: number };
  iops?: { before: number | null; after: number | null };
  sizeGib?: { before: number; after: number };
  tier?: { before: StorageTierCode | null; after: StorageTierCode };
  hosts?: { before: number; after: number; nodeType: NodeTypeCode };
  activatedMemoryGb?: { before: number; after: number; minGb: number; maxGb: number };
  /** A VLAN order: the tenant's VLANs before and after, and how many this order holds (20 at most). */
  networks?: { before: number; after: number; ordered: number };
};

export type OrderPlan = {
  resourceType: OrderResourceType;
  /** Every refusal and warning of the rules, ORDER.ALREADY_OPEN among them. */
  violations: Violation[];
  /** What the inventory says about a field (an AZ of another region, a VLAN tag in use), by field. */
  fields: Record<string, LocalizedText>;
  /** The same refusals with their codes (ORDER.ZONE_OUTSIDE_REGION, ORDER.NO_CHANGE, VLAN.TAG_IN_USE, VLAN.NAME_IN_USE); `subject` names the field. */
  fieldViolations: Violation[];
  figures: OrderFigures;
  /** The order in a few words and symbols, the same in every language (lists, its activities, the audit trail). */
  summary: string;
};

function price(regionId: string, inv: Partial<Pick<Inventory, "hosts" | "datastores">>): number {
  return monthlyCost({ region: regionId, hosts: [], datastores: [], backupStorageTib: 0, backedUpVms: 0, replicatedVms: 0, encryptedVms: 0, ...inv }).total;
}

function need<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new Error(`the order plan needs the ${what}`);
  return x;
}

/** An order names a zone of the tenant's own region: a tenant's resources never leave it. */
export function checkOrderZone(azId: string, regionId: string): Decision {
  if (regionOfAz(azId) === regionId) return decide([], undefined);
  return decide([violation("ORDER.ZONE_OUTSIDE_REGION", { en: `${azId} is not a zone of region ${regionId}.`, fr: `${azId} n’est pas une zone de la région ${regionId}.` }, { subject: "azId" })], undefined);
}

/** A resize or a re-tiering that changes nothing is no order. */
export function checkDatastoreChange(ds: { name: string; sizeGib: number; tier: StorageTierCode }, change: { sizeGib: number } | { tier: StorageTierCode }): Decision {
  if ("sizeGib" in change) {
    if (change.sizeGib !== ds.sizeGib) return decide([], undefined);
    return decide([violation("ORDER.NO_CHANGE", { en: `${ds.name} already has ${ds.sizeGib} GiB.`, fr: `${ds.name} fait déjà ${ds.sizeGib} Gio.` }, { subject: "sizeGib" })], undefined);
  }
  if (change.tier !== ds.tier) return decide([], undefined);
  const label = STORAGE_TIERS[change.tier].label;
  return decide([violation("ORDER.NO_CHANGE", { en: `${ds.name} is already ${label}.`, fr: `${ds.name} est déjà en ${label}.` }, { subject: "tier" })], undefined);
}

/** A VLAN tag names one network of a tenant: a second VLAN with the same tag is refused. `subject`: the field. */
export function checkVlanTagFree(tag: number, vlans: readonly { tag: number; name: string }[], subject = "tag"): Decision {
  const taken = vlans.find((v) => v.tag === tag);
  if (!taken) return decide([], undefined);
  return decide(
    [
      violation(
        "VLAN.TAG_IN_USE",
        { en: `VLAN ${tag} already exists in this tenant (${taken.name}). Pick another tag.`, fr: `Le VLAN ${tag} existe déjà dans ce tenant (${taken.name}). Choisissez un autre numéro.` },
        { subject },
      ),
    ],
    undefined,
  );
}

/** A VLAN's name is one network of a tenant too: a second VLAN with the same name is refused. */
export function checkVlanNameFree(name: string, vlans: readonly { tag: number; name: string }[], subject = "name"): Decision {
  const taken = vlans.find((v) => v.name === name);
  if (!taken) return decide([], undefined);
  return decide(
    [
      violation(
        "VLAN.NAME_IN_USE",
        { en: `A VLAN named ${name} already exists in this tenant (VLAN ${taken.tag}). Pick another name.`, fr: `Un VLAN nommé ${name} existe déjà dans ce tenant (VLAN ${taken.tag}). Choisissez un autre nom.` },
        { subject },
      ),
    ],
    undefined,
  );
}

/**
 * The networks of one VLAN order, each against the tenant's VLANs and against the rows before it
 * in the same order (two rows alike would be two VLANs alike once delivered). One decision per
 * refusal, its subject the row's field (`networks.2.tag`), so the form says it next to that row.
 */
export function checkVlanNetworks(networks: readonly { tag: number; name: string }[], vlans: readonly { tag: number; name: string }[]): Decision[] {
  const out: Decision[] = [];
  networks.forEach((n, i) => {
    const row = i + 1;
    const tagInTenant = checkVlanTagFree(n.tag, vlans, `networks.${i}.tag`);
    const firstTag = networks.findIndex((m) => m.tag === n.tag) + 1;
    if (!tagInTenant.ok) out.push(tagInTenant);
    else if (firstTag < row) {
      out.push(
        decide(
          [
            violation(
              "VLAN.TAG_IN_USE",
              msg(
                (f) => `VLAN ${n.tag} is in this order twice (networks ${f(firstTag)} and ${f(row)}); one tag names one network. Give each network its own tag.`,
                (f) => `Le VLAN ${n.tag} figure deux fois dans cette commande (réseaux ${f(firstTag)} et ${f(row)}) ; un numéro désigne un seul réseau. Donnez à chaque réseau son propre numéro.`,
              ),
              { subject: `networks.${i}.tag` },
            ),
          ],
          undefined,
        ),
      );
    }
    const nameInTenant = checkVlanNameFree(n.name, vlans, `networks.${i}.name`);
    const firstName = networks.findIndex((m) => m.name === n.name) + 1;
    if (!nameInTenant.ok) out.push(nameInTenant);
    else if (firstName < row) {
      out.push(
        decide(
          [
            violation(
              "VLAN.NAME_IN_USE",
              msg(
                (f) => `The name ${n.name} is in this order twice (networks ${f(firstName)} and ${f(row)}). Give each network its own name.`,
                (f) => `Le nom ${n.name} figure deux fois dans cette commande (réseaux ${f(firstName)} et ${f(row)}). Donnez à chaque réseau son propre nom.`,
              ),
              { subject: `networks.${i}.name` },
            ),
          ],
          undefined,
        ),
      );
    }
  });
  return out;
}

/** An order's networks in a few words: one VLAN by its tag and name, several by their tags. */
export function vlanOrderSummary(networks: readonly { tag: number; name: string }[]): string {
  if (networks.length === 1) return `VLAN ${networks[0]!.tag} ${networks[0]!.name}`;
  return `${networks.length} VLANs: ${networks.map((n) => n.tag).join(", ")}`;
}

/** How many datastores a datastore order holds; an order that does not say holds the minimum. */
export function datastoreCountOf(input: { count?: number }): number {
  return input.count ?? DATASTORE_ORDER_MIN;
}

/**
 * The plan of an order against the tenant as it is. `exceptOrderId`: the order being approved or
 * delivered is itself open and does not count against ORDER.ALREADY_OPEN.
 */
export function planOrder(input: SubmitOrderInput, ctx: OrderPlanContext, exceptOrderId?: string): OrderPlan {
  const resourceType = RESOURCE_TYPE_OF[input.kind];
  const open = checkOrderOpen(resourceType, ctx.openOrders.filter((o) => o.id !== exceptOrderId));
  const currency = DEMO_PRICES.currency;
  const base = (violations: Violation[], fieldChecks: Decision[], figures: Omit<OrderFigures, "currency">, summary: string): OrderPlan => {
    const fieldViolations = fieldChecks.flatMap(allViolations);
    return {
      resourceType,
      violations: [...allViolations(open), ...violations],
      fields: Object.fromEntries(fieldViolations.map((v) => [v.subject ?? "", v.message])),
      fieldViolations,
      figures: { currency, ...figures },
      summary,
    };
  };

  switch (input.kind) {
    case "pool": {
      const d = checkPoolOrder({ nodeType: input.nodeType, hostCount: input.hostCount, activatedMemoryGb: input.activatedMemoryGb, haEnabled: input.haEnabled });
      const range = activatedMemoryRange(input.nodeType, input.hostCount);
      const after = input.activatedMemoryGb ?? range.minGb;
      const label = NODE_TYPES[input.nodeType].label;
      return base(
        allViolations(d),
        [checkOrderZone(input.azId, ctx.regionId)],
        {
          monthly: { before: 0, after: price(ctx.regionId, { hosts: [{ nodeType: input.nodeType, count: Math.max(0, input.hostCount) }] }) },
          hosts: { before: 0, after: input.hostCount, nodeType: input.nodeType },
          activatedMemoryGb: { before: 0, after, ...range },
        },
        `${label} × ${input.hostCount} · ${input.azId}`,
      );
    }
    case "hosts": {
      const pool = need(ctx.pool, "pool");
      const nodeType = input.nodeType ?? pool.nodeType;
      const d = checkAddHosts(pool, { count: input.count, nodeType, activatedMemoryGb: input.activatedMemoryGb });
      const hostsAfter = pool.hosts.length + input.count;
      const range = activatedMemoryRange(pool.nodeType, hostsAfter);
      // Without a figure, each new host brings its default 128 GB (the domain's default).
      const after = d.ok ? d.value.activatedMemoryGb : (input.activatedMemoryGb ?? pool.activatedMemoryGb + input.count * HOST_ACTIVATED_MEMORY_MIN_GB);
      return base(
        allViolations(d),
        [],
        {
          monthly: { before: price(ctx.regionId, { hosts: [{ nodeType: pool.nodeType, count: pool.hosts.length }] }), after: price(ctx.regionId, { hosts: [{ nodeType: pool.nodeType, count: pool.hosts.length }, { nodeType, count: input.count }] }) },
          hosts: { before: pool.hosts.length, after: hostsAfter, nodeType },
          activatedMemoryGb: { before: pool.activatedMemoryGb, after, ...range },
        },
        `${pool.name} + ${input.count} × ${NODE_TYPES[nodeType].label}`,
      );
    }
    case "datastore": {
      const count = datastoreCountOf(input);
      const d = checkDatastoreOrder({ tier: input.tier, sizeGib: input.sizeGib, requestedIops: input.requestedIops });
      const label = STORAGE_TIERS[input.tier].label;
      const each = { tier: input.tier, sizeGib: input.sizeGib };
      return base(
        [...allViolations(checkDatastoreOrderCount(count)), ...allViolations(d)],
        [checkOrderZone(input.azId, ctx.regionId)],
        {
          monthly: { before: 0, after: price(ctx.regionId, { datastores: Array.from({ length: Math.max(0, count) }, () => each) }) },
          iops: { before: null, after: iopsLimit(input.tier, input.sizeGib) },
          sizeGib: { before: 0, after: input.sizeGib },
          tier: { before: null, after: input.tier },
        },
        `${count} × ${input.sizeGib} GiB ${label} · ${input.azId}`,
      );
    }
    case "datastore_resize": {
      const ds = need(ctx.datastore, "datastore");
      const d = checkDatastoreResize(ds, input.sizeGib);
      return base(
        allViolations(d),
        [checkDatastoreChange(ds, { sizeGib: input.sizeGib })],
        {
          monthly: {
            before: price(ctx.regionId, { datastores: [{ tier: ds.tier, sizeGib: ds.sizeGib, replication: ds.replication }] }),
            after: price(ctx.regionId, { datastores: [{ tier: ds.tier, sizeGib: input.sizeGib, replication: ds.replication }] }),
          },
          iops: { before: iopsLimit(ds.tier, ds.sizeGib), after: iopsLimit(ds.tier, input.sizeGib) },
          sizeGib: { before: ds.sizeGib, after: input.sizeGib },
        },
        `${ds.name} → ${input.sizeGib} GiB`,
      );
    }
    case "datastore_tier": {
      const ds = need(ctx.datastore, "datastore");
      const d = checkDatastoreTierChange(ds, input.tier);
      const label = STORAGE_TIERS[input.tier].label;
      return base(
        allViolations(d),
        [checkDatastoreChange(ds, { tier: input.tier })],
        {
          monthly: {
            before: price(ctx.regionId, { datastores: [{ tier: ds.tier, sizeGib: ds.sizeGib, replication: ds.replication }] }),
            after: price(ctx.regionId, { datastores: [{ tier: input.tier, sizeGib: ds.sizeGib, replication: ds.replication }] }),
          },
          iops: { before: iopsLimit(ds.tier, ds.sizeGib), after: iopsLimit(input.tier, ds.sizeGib) },
          tier: { before: ds.tier, after: input.tier },
        },
        `${ds.name} → ${label}`,
      );
    }
    case "vlan": {
      return base(
        allViolations(checkNetworkCount(input.networks.length, "order")),
        checkVlanNetworks(input.networks, ctx.vlans ?? []),
        { monthly: { before: 0, after: 0 }, networks: { before: ctx.vlans?.length ?? 0, after: (ctx.vlans?.length ?? 0) + input.networks.length, ordered: input.networks.length } },
        vlanOrderSummary(input.networks),
      );
    }
  }
}

/** Whether the rules refuse the plan (warnings do not). */
export function planRefused(plan: Pick<OrderPlan, "violations">): boolean {
  return plan.violations.some((v) => v.severity === "refuse");
}
