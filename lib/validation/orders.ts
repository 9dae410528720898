// What an order may say (orders): one schema per kind, shared by the order forms, the
// server actions and the API. The schema checks shape only (a whole number, a known tier); the
// rules (500 GiB at least, 32 hosts at most…) are the domain's, so the form can say them with
// their codes and numbers.
import { z } from "zod";
import { defineListQuery, type ListQuery } from "@/lib/list-query";
import { NODE_TYPE_CODES, REGIONS, STORAGE_TIER_CODES } from "@/lib/domain/catalogue";
import { ORDER_RESOURCE_TYPES } from "@/lib/domain/orders";

const id = z.string().trim().min(1, "v.required").max(64);
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** An optional number from a form: an empty field is "not said". */
const optionalWhole = (min: number, max: number) => z.preprocess((v) => (v === "" || v === null ? undefined : v), whole(min, max).optional());
const flag = (fallback: boolean) =>
  z.preprocess((v) => (v === undefined || v === "" ? undefined : v === true || v === "true" || v === "on"), z.boolean().default(fallback));

export const AZ_CODES = REGIONS.flatMap((r) => r.zones.map((z) => z.code)) as [string, ...string[]];

/** IEEE 802.1Q: tags 0 and 4095 are reserved. */
export const VLAN_TAG_RANGE = { min: 1, max: 4094 } as const;
export const VLAN_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const poolOrderSchema = z.object({
  kind: z.literal("pool"),
  azId: z.enum(AZ_CODES),
  nodeType: z.enum(NODE_TYPE_CODES),
  hostCount: whole(0, 1000),
  /** Empty: the default, hosts × 128 GB. */
  activatedMemoryGb: optionalWhole(0, 1_000_000),
  haEnabled: flag(true),
});

export const hostsOrderSchema = z.object({
  kind: z.literal("hosts"),
  poolId: id,
  count: whole(1, 1000),
  /** The pool's node type unless said: another one is refused by the rules (CPOOL.MIXED_NODE_TYPES). */
  nodeType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(NODE_TYPE_CODES).optional()),
  /** Empty: today's activated memory plus 128 GB per new host. */
  activatedMemoryGb: optionalWhole(0, 1_000_000),
});

export const datastoreOrderSchema = z.object({
  kind: z.literal("datastore"),
  azId: z.enum(AZ_CODES),
  tier: z.enum(STORAGE_TIER_CODES),
  sizeGib: whole(0, 10_000_000),
  /** The IOPS the tenant needs, if it says: the tier and size must give them. */
  requestedIops: optionalWhole(0, 100_000_000),
  /** How many datastores of that size and tier (2 to 10: ORDER.DATASTORE_COUNT); unsaid, the minimum, 2. */
  count: optionalWhole(0, 1000),
});

export const datastoreResizeOrderSchema = z.object({ kind: z.literal("datastore_resize"), datastoreId: id, sizeGib: whole(0, 10_000_000) });
export const datastoreTierOrderSchema = z.object({ kind: z.literal("datastore_tier"), datastoreId: id, tier: z.enum(STORAGE_TIER_CODES) });

/** One network of a VLAN order: its 802.1Q tag and its name. */
export const vlanNetworkSchema = z.object({
  tag: whole(VLAN_TAG_RANGE.min, VLAN_TAG_RANGE.max),
  name: z.string().trim().toLowerCase().regex(VLAN_NAME_PATTERN, "v.vlanName"),
});
export type VlanNetworkInput = z.infer<typeof vlanNetworkSchema>;

/**
 * How many rows the schema reads at most. The rule's limit is lower (ORDER.NETWORK_COUNT, 20):
 * 21 rows pass the schema so the rule can refuse them with its code and figures.
 */
export const VLAN_ORDER_ROWS_MAX = 200;

/**
 * A VLAN order: 1 to 20 networks (ORDER.NETWORK_COUNT). The first shape, one VLAN as
 * `{ kind: "vlan", tag, name }`, is still read (orders stored before, and callers of the API
 * written for it) and becomes `networks: [{ tag, name }]`.
 */
export const vlanOrderSchema = z
  .object({
    kind: z.literal("vlan"),
    networks: z.array(vlanNetworkSchema).min(1, "v.networksRequired").max(VLAN_ORDER_ROWS_MAX).optional(),
    /** The first shape's single VLAN: use `networks`. */
    tag: vlanNetworkSchema.shape.tag.optional().meta({ deprecated: true }),
    /** The first shape's single VLAN: use `networks`. */
    name: vlanNetworkSchema.shape.name.optional().meta({ deprecated: true }),
  })
  .transform(({ kind, networks, tag, name }, ctx) => {
    if (networks) return { kind, networks };
    if (tag !== undefined && name !== undefined) return { kind, networks: [{ tag, name }] };
    ctx.addIssue({ code: "custom", path: ["networks"], message: "v.networksRequired" });
    return z.NEVER;
  });

export const submitOrderSchema = z.discriminatedUnion("kind", [poolOrderSchema, hostsOrderSchema, datastoreOrderSchema, datastoreResizeOrderSchema, datastoreTierOrderSchema, vlanOrderSchema]);
export type SubmitOrderInput = z.infer<typeof submitOrderSchema>;
export type OrderKind = SubmitOrderInput["kind"];
export const ORDER_KINDS = ["pool", "hosts", "datastore", "datastore_resize", "datastore_tier", "vlan"] as const satisfies readonly OrderKind[];

export const orderIdSchema = z.object({ orderId: id });
export type OrderIdInput = z.infer<typeof orderIdSchema>;

export const rejectOrderSchema = z.object({ orderId: id, note: z.string().trim().min(5, "v.reviewNote").max(1000) });
export type RejectOrderInput = z.infer<typeof rejectOrderSchema>;

// ───────────────────────── Lists ─────────────────────────

export const ORDER_STATUSES = ["SUBMITTED", "IN_REVIEW", "DELIVERED", "REJECTED", "CANCELLED"] as const;
export const ORDER_SORTS = ["createdAt", "status", "resourceType"] as const;

export const orderList = defineListQuery({
  sorts: ORDER_SORTS,
  defaultSort: "createdAt",
  defaultDir: "desc",
  filters: { status: z.enum(ORDER_STATUSES), type: z.enum(ORDER_RESOURCE_TYPES) },
});
export type OrderListQuery = ListQuery<(typeof ORDER_SORTS)[number], { status?: (typeof ORDER_STATUSES)[number]; type?: (typeof ORDER_RESOURCE_TYPES)[number] }>;

export const reviewQueue = defineListQuery({ sorts: ["createdAt"] as const, defaultSort: "createdAt", filters: {} });
export type ReviewQueueQuery = ListQuery<"createdAt", {}>;
