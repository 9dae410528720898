import "server-only";
import { subnetForTag } from "@/lib/domain/nics";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db/client";
import { loadDatastoreState, loadDatastoreStates, loadPoolState, loadPoolStates } from "@/lib/db/capacity";
import { countReviewQueue, findOrganizationOrder, getOrderDetail, listOpenOrders, listOpenOrdersOf, listOrders as listOrderRows, listReviewQueue, lockOrderOrThrow, type OrderRow } from "@/lib/db/orders";
import type { ActivityType, ConcernedItem } from "@/lib/activity-types";
import type { AuditAction } from "@/lib/audit-actions";
import { actorLabel, actorUserId, AUDIT_ACTOR_TYPE, tenantContextOf, type TenantRef } from "@/lib/auth/context";
import { REGIONS } from "@/lib/domain/catalogue";
import { decide, type Decision, type Violation } from "@/lib/domain/result";
import { ActivityRefused, ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { datastoreCountOf, planOrder, RESOURCE_TYPE_OF, type OrderPlan, type OrderPlanContext } from "@/lib/domain/order-plan";
import { submitOrderSchema, type OrderIdInput, type OrderKind, type OrderListQuery, type RejectOrderInput, type ReviewQueueQuery, type SubmitOrderInput } from "@/lib/validation/orders";
import { ACTIVITY_SELECT, toActivityView, type ActivityView } from "./activities";
import { change, changeResource, type Accepted, type ChangePlan } from "./change";
import { assertOrganizationRole, assertPermission, type OrganizationContext, type TenantContext } from "./context";
import { lockName, lockRows } from "./tx";

// Orders. Hosts, pools, datastores and VLANs are ordered, not created: a tenant admin
// submits an order (one open per resource type and tenant), an owner of the organization approves
// or rejects it, and approval starts the delivery activity, which makes the resources once the
// (simulated) provider has installed them. Each step is a change(): audited, an activity, and an
// OrderEvent in the order's status history. The rules are checked at submission, at approval and
// again at delivery, when the inventory may have changed.

// ───────────────────────── The plan, against the inventory ─────────────────────────

/** An order's input as stored (its payload also carries its summary). */
export function orderInputOf(payload: Prisma.JsonValue): SubmitOrderInput {
  return submitOrderSchema.parse(payload);
}

export function summaryOf(payload: Prisma.JsonValue): string {
  const s = payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as { summary?: unknown }).summary : undefined;
  return typeof s === "string" ? s : "";
}

/** What planOrder needs of the tenant for this input, read in the caller's transaction. */
async function loadPlanContext(tx: Tx, tenant: Pick<TenantRef, "id" | "regionId">, input: SubmitOrderInput): Promise<OrderPlanContext> {
  const tenantId = tenant.id;
  const ctx: OrderPlanContext = { regionId: tenant.regionId, openOrders: await listOpenOrders(tenantId, tx) };
  switch (input.kind) {
    case "hosts": {
      const [pool, row] = await Promise.all([loadPoolState(tenantId, input.poolId, tx), tx.computePool.findFirst({ where: { id: input.poolId, tenantId }, select: { azId: true, status: true } })]);
      if (!row) throw new NotFoundError("pool", input.poolId);
      ctx.pool = { ...pool, name: pool.name ?? pool.id, azId: row.azId };
      break;
    }
    case "datastore_resize":
    case "datastore_tier": {
      const ds = await loadDatastoreState(tenantId, input.datastoreId, tx);
      ctx.datastore = { ...ds, name: ds.name ?? ds.id };
      break;
    }
    case "vlan":
      ctx.vlans = await tx.vlan.findMany({ where: { tenantId }, select: { tag: true, name: true } });
      break;
  }
  return ctx;
}

/**
 * The plan contexts of several orders (the review queue's page) read together: the open orders,
 * pools, datastores and VLANs of every tenant concerned in one statement each, never a round of
 * reads per order. null for an order whose pool or datastore is gone (no verdict then).
 */
async function loadPlanContexts(tx: Tx, orders: readonly { id: string; tenant: Pick<TenantRef, "id" | "regionId">; input: SubmitOrderInput }[]): Promise<Map<string, OrderPlanContext | null>> {
  const tenantIds = [...new Set(orders.map((o) => o.tenant.id))];
  const poolsOf = orders.flatMap((o) => (o.input.kind === "hosts" ? [{ tenantId: o.tenant.id, id: o.input.poolId }] : []));
  const storesOf = orders.flatMap((o) => (o.input.kind === "datastore_resize" || o.input.kind === "datastore_tier" ? [{ tenantId: o.tenant.id, id: o.input.datastoreId }] : []));
  const vlanTenants = [...new Set(orders.filter((o) => o.input.kind === "vlan").map((o) => o.tenant.id))];
  const [open, pools, stores, vlans] = await Promise.all([
    listOpenOrdersOf(tenantIds, tx),
    loadPoolStates(poolsOf, tx),
    loadDatastoreStates(storesOf, tx),
    vlanTenants.length ? tx.vlan.findMany({ where: { tenantId: { in: vlanTenants } }, select: { tenantId: true, tag: true, name: true } }) : [],
  ]);
  const out = new Map<string, OrderPlanContext | null>();
  for (const o of orders) {
    const ctx: OrderPlanContext = { regionId: o.tenant.regionId, openOrders: open.get(o.tenant.id) ?? [] };
    const input = o.input;
    if (input.kind === "hosts") {
      const pool = pools.get(input.poolId);
      if (!pool || pool.tenantId !== o.tenant.id) {
        out.set(o.id, null);
        continue;
      }
      const { tenantId: _t, ...state } = pool;
      ctx.pool = { ...state, name: state.name ?? state.id };
    } else if (input.kind === "datastore_resize" || input.kind === "datastore_tier") {
      const ds = stores.get(input.datastoreId);
      if (!ds || ds.tenantId !== o.tenant.id) {
        out.set(o.id, null);
        continue;
      }
      const { tenantId: _t, ...state } = ds;
      ctx.datastore = { ...state, name: state.name ?? state.id };
    } else if (input.kind === "vlan") {
      ctx.vlans = vlans.filter((v) => v.tenantId === o.tenant.id).map((v) => ({ tag: v.tag, name: v.name }));
    }
    out.set(o.id, ctx);
  }
  return out;
}

/** The resources an order concerns before delivery (the pool hosts join, the datastore resized). */
function concernedOf(input: SubmitOrderInput, ctx: OrderPlanContext): ConcernedItem[] {
  if (input.kind === "hosts" && ctx.pool) return [{ type: "pool", id: ctx.pool.id, name: ctx.pool.name }];
  if ((input.kind === "datastore_resize" || input.kind === "datastore_tier") && ctx.datastore) return [{ type: "datastore", id: ctx.datastore.id, name: ctx.datastore.name }];
  return [];
}

const DELIVERY: Record<OrderKind, ActivityType> = {
  pool: "order.deliver_pool",
  hosts: "order.deliver_hosts",
  datastore: "order.deliver_datastore",
  datastore_resize: "order.resize_datastore",
  datastore_tier: "order.retier_datastore",
  vlan: "order.deliver_vlan",
};

// ───────────────────────── Reads ─────────────────────────

export type OrderListItem = Awaited<ReturnType<typeof listOrders>>["rows"][number];

export async function listOrders<Q extends OrderListQuery & Partial<Paging>>(ctx: TenantContext, q: Q) {
  assertPermission(ctx, "order:read");
  const { total, rows } = await listOrderRows(ctx.tenant.id, q);
  return { total, rows: rows.map((r) => ({ ...r, kind: orderInputOf(r.payload).kind, summary: summaryOf(r.payload) })) };
}

export type DeliveredResource = { type: "pool" | "host" | "datastore" | "vlan"; id: string; name: string };

export type OrderDetailView = Awaited<ReturnType<typeof getOrder>>;

/** One order: what it asks, its status history with who did what, its activities, what it delivered. */
export async function getOrder(ctx: TenantContext, orderId: string) {
  assertPermission(ctx, "order:read");
  const order = await getOrderDetail(ctx.tenant.id, orderId);
  const input = orderInputOf(order.payload);
  const activityIds = [...new Set([...order.events.flatMap((e) => (e.activityId ? [e.activityId] : [])), ...(order.busyActivityId ? [order.busyActivityId] : [])])];
  const activities = await db().activity.findMany({ where: { tenantId: ctx.tenant.id, id: { in: activityIds } }, select: ACTIVITY_SELECT });
  const byId = new Map<string, ActivityView>(activities.map((a) => [a.id, toActivityView(a)]));
  const delivered = order.events.find((e) => e.kind === "DELIVERED");
  const resources = (delivered?.details as { resources?: DeliveredResource[] } | null)?.resources ?? [];
  const me = actorUserId(ctx.actor);
  // The pool or datastore the order changes, by name (it may have gone since).
  const subject =
    input.kind === "hosts"
      ? await db().computePool.findFirst({ where: { id: input.poolId, tenantId: ctx.tenant.id }, select: { id: true, name: true } })
      : input.kind === "datastore_resize" || input.kind === "datastore_tier"
        ? await db().datastore.findFirst({ where: { id: input.datastoreId, tenantId: ctx.tenant.id }, select: { id: true, name: true } })
        : null;
  // What the rules say of it today, for whoever reviews it.
  let verdict: Violation[] = [];
  if (order.status === "SUBMITTED") {
    try {
      verdict = planOrder(input, await loadPlanContext(db(), ctx.tenant, input), order.id).violations;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
  return {
    id: order.id,
    resourceType: order.resourceType,
    status: order.status,
    input,
    summary: summaryOf(order.payload),
    reviewNote: order.reviewNote,
    createdAt: order.createdAt,
    createdBy: order.createdBy,
    busy: order.busyActivityId ? (byId.get(order.busyActivityId) ?? null) : null,
    events: order.events.map((e) => ({ ...e, activity: e.activityId ? (byId.get(e.activityId) ?? null) : null })),
    resources,
    subject,
    verdict,
    /** Only its author may withdraw an order, and only before an owner approves it. */
    canCancel: order.status === "SUBMITTED" && !order.busyActivityId && me === order.createdById && ctx.permissions.includes("order:write"),
  };
}

/** What an order form needs: the zones, the pools and datastores it may name, the open orders, and the state its rules read. */
export async function orderFormContext(ctx: TenantContext, selected: { poolId?: string; datastoreId?: string }) {
  assertPermission(ctx, "order:write");
  const tenantId = ctx.tenant.id;
  const [openOrders, pools, datastores, vlans] = await Promise.all([
    listOpenOrders(tenantId),
    db().computePool.findMany({ where: { tenantId, status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true, azId: true, nodeTypeCode: true } }),
    db().datastore.findMany({ where: { tenantId, status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, name: true, azId: true, tierCode: true, sizeGib: true } }),
    db().vlan.findMany({ where: { tenantId }, orderBy: { tag: "asc" }, select: { tag: true, name: true } }),
  ]);
  const poolId = selected.poolId && pools.some((p) => p.id === selected.poolId) ? selected.poolId : pools[0]?.id;
  const datastoreId = selected.datastoreId && datastores.some((d) => d.id === selected.datastoreId) ? selected.datastoreId : datastores[0]?.id;
  const [pool, datastore] = await Promise.all([poolId ? loadPoolState(tenantId, poolId) : null, datastoreId ? loadDatastoreState(tenantId, datastoreId) : null]);
  const poolAz = pools.find((p) => p.id === poolId)?.azId ?? "";
  const plan: OrderPlanContext = {
    regionId: ctx.tenant.regionId,
    openOrders,
    pool: pool ? { ...pool, name: pool.name ?? pool.id, azId: poolAz } : undefined,
    datastore: datastore ? { ...datastore, name: datastore.name ?? datastore.id } : undefined,
    vlans,
  };
  const zones = REGIONS.find((r) => r.code === ctx.tenant.regionId)?.zones ?? [];
  return { plan, zones, pools, datastores };
}

/** Every tenant's submitted orders in the organization, each with what the rules say of it today. */
export async function listReviewOrders(ctx: OrganizationContext, q: ReviewQueueQuery) {
  assertOrganizationRole(ctx, "OWNER");
  const { total, rows } = await listReviewQueue(ctx.organization.id, q);
  const withInput = rows.map((r) => ({ ...r, input: orderInputOf(r.payload) }));
  const plans = await loadPlanContexts(db(), withInput);
  const items = withInput.map((r) => {
    const planCtx = plans.get(r.id);
    let violations: Violation[] = [];
    try {
      if (planCtx) violations = planOrder(r.input, planCtx, r.id).violations;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
    return { ...r, kind: r.input.kind, summary: summaryOf(r.payload), violations };
  });
  return { total, rows: items };
}

export async function reviewQueueSize(ctx: OrganizationContext): Promise<number> {
  assertOrganizationRole(ctx, "OWNER");
  return countReviewQueue(ctx.organization.id);
}

// ───────────────────────── Changes ─────────────────────────

function conflict(en: string, fr: string): never {
  throw new ConflictError({ en, fr });
}

export async function recordOrderEvent(
  tx: Tx,
  ctx: TenantContext | null,
  tenantId: string,
  orderId: string,
  e: { kind: "SUBMITTED" | "APPROVED" | "DELIVERED" | "DELIVERY_FAILED" | "REJECTED" | "CANCELLED"; status: OrderRow["status"]; note?: string; activityId?: string; details?: Prisma.InputJsonValue },
) {
  const actor = ctx ? { actorType: AUDIT_ACTOR_TYPE[ctx.actor.type], actorId: ctx.actor.type === "token" ? ctx.actor.tokenId : actorUserId(ctx.actor), actorLabel: actorLabel(ctx.actor) } : { actorType: "SYSTEM" as const, actorId: null, actorLabel: "system (delivery)" };
  return tx.orderEvent.create({ data: { tenantId, orderId, ...actor, kind: e.kind, status: e.status, note: e.note ?? null, activityId: e.activityId ?? null, details: e.details ?? {} }, select: { id: true } });
}

/** A change to one order: locked, refused while another activity changes it, marked busy with the new one. */
function changeOrder<T = undefined>(
  ctx: TenantContext,
  orderId: string,
  kind: { action: AuditAction; activity: ActivityType },
  decideChange: (tx: Tx, order: OrderRow) => Promise<Decision<ChangePlan<T>>>,
): Promise<Decision<Accepted & T>> {
  return changeResource<OrderRow, T>(
    ctx,
    kind,
    {
      lock: (tx) => lockOrderOrThrow(tx, ctx.tenant.id, orderId),
      target: (order) => ({ type: "order", id: order.id, name: summaryOf(order.payload) }),
      busy: { column: (order) => order.busyActivityId, mark: (tx, order, activityId) => tx.order.update({ where: { id: order.id }, data: { busyActivityId: activityId } }) },
      busyName: { en: "this order", fr: "cette commande" },
    },
    decideChange,
  );
}

/** The plan's inventory findings, said next to the fields like a schema's own errors. */
function throwFieldErrors(plan: OrderPlan): void {
  if (Object.keys(plan.fields).length > 0) throw new InvalidInputError(plan.fields);
}

export async function submitOrder(ctx: TenantContext, input: SubmitOrderInput): Promise<Decision<Accepted & { orderId: string }>> {
  assertPermission(ctx, "order:write");
  const author = actorUserId(ctx.actor);
  // An order is someone's: the platform itself orders nothing.
  if (!author) throw new ForbiddenError("order:write");
  const resourceType = RESOURCE_TYPE_OF[input.kind];
  return change<{ orderId: string }>(ctx, { action: "order.submit", activity: "order.submit" }, async (tx) => {
    // Two orders of one type at the same instant queue here; the second sees the first open.
    await lockName(tx, ctx.tenant.id, `order:${resourceType}`);
    const planCtx = await loadPlanContext(tx, ctx.tenant, input);
    const plan = planOrder(input, planCtx);
    throwFieldErrors(plan);
    const d = decide(plan.violations, undefined);
    if (!d.ok) return { target: { type: "order", id: `new-${input.kind}`, name: plan.summary }, decision: d };
    const order = await tx.order.create({
      data: { tenantId: ctx.tenant.id, resourceType, status: "SUBMITTED", payload: { ...input, summary: plan.summary }, createdById: author },
      select: { id: true },
    });
    const event = await recordOrderEvent(tx, ctx, ctx.tenant.id, order.id, { kind: "SUBMITTED", status: "SUBMITTED" });
    return {
      target: { type: "order", id: order.id, name: plan.summary },
      decision: decide(d.warnings, {
        after: { resourceType, ...input },
        payload: { orderId: order.id },
        also: concernedOf(input, planCtx),
        value: { orderId: order.id },
        onStarted: (t: Tx, activityId: string) =>
          Promise.all([t.order.update({ where: { id: order.id }, data: { busyActivityId: activityId } }), t.orderEvent.update({ where: { id: event.id }, data: { activityId } })]),
      }),
    };
  });
}

export async function cancelOrder(ctx: TenantContext, input: OrderIdInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "order:write");
  return changeOrder(ctx, input.orderId, { action: "order.cancel", activity: "order.cancel" }, async (tx, order) => {
    if (order.createdById !== actorUserId(ctx.actor)) {
      conflict(`Only its author, ${order.createdBy.email}, can cancel this order.`, `Seul son auteur, ${order.createdBy.email}, peut annuler cette commande.`);
    }
    if (order.status !== "SUBMITTED") {
      conflict(
        "This order is no longer awaiting review, so it cannot be cancelled: once approved, the provider is installing it.",
        "Cette commande n’attend plus de revue et ne peut donc plus être annulée : une fois approuvée, le fournisseur l’installe.",
      );
    }
    await tx.order.update({ where: { id: order.id }, data: { status: "CANCELLED" } });
    const event = await recordOrderEvent(tx, ctx, ctx.tenant.id, order.id, { kind: "CANCELLED", status: "CANCELLED" });
    return decide([], {
      before: { status: order.status },
      after: { status: "CANCELLED" },
      payload: { orderId: order.id, eventId: event.id },
      onStarted: (t: Tx, activityId: string) => t.orderEvent.update({ where: { id: event.id }, data: { activityId } }),
    });
  });
}

/** An owner's approval: the rules are asked again on today's inventory, then the delivery starts. */
export async function approveOrder(org: OrganizationContext, input: OrderIdInput): Promise<Decision<Accepted & { tenantSlug: string }>> {
  assertOrganizationRole(org, "OWNER");
  const found = await findOrganizationOrder(org.organization.id, input.orderId);
  const ctx = tenantContextOf(org, found.tenant);
  const kind = orderInputOf(found.payload).kind;
  return changeOrder<{ tenantSlug: string }>(ctx, found.id, { action: "order.approve", activity: DELIVERY[kind] }, async (tx, order) => {
    if (order.status !== "SUBMITTED") {
      conflict("This order is no longer awaiting review (it was approved, rejected or cancelled meanwhile).", "Cette commande n’attend plus de revue (elle a été approuvée, refusée ou annulée entre-temps).");
    }
    const orderInput = orderInputOf(order.payload);
    const planCtx = await loadPlanContext(tx, ctx.tenant, orderInput);
    const plan = planOrder(orderInput, planCtx, order.id);
    if (Object.keys(plan.fields).length > 0) {
      const texts = Object.values(plan.fields);
      conflict(`${texts.map((t) => t.en).join(" ")} Reject this order.`, `${texts.map((t) => t.fr).join(" ")} Refusez cette commande.`);
    }
    const d = decide(plan.violations, undefined);
    if (!d.ok) return d;
    await tx.order.update({ where: { id: order.id }, data: { status: "IN_REVIEW" } });
    const event = await recordOrderEvent(tx, ctx, ctx.tenant.id, order.id, { kind: "APPROVED", status: "IN_REVIEW" });
    return decide(d.warnings, {
      before: { status: order.status },
      after: { status: "IN_REVIEW" },
      payload: { orderId: order.id },
      also: concernedOf(orderInput, planCtx),
      value: { tenantSlug: ctx.tenant.slug },
      onStarted: (t: Tx, activityId: string) => t.orderEvent.update({ where: { id: event.id }, data: { activityId } }),
    });
  });
}

export async function rejectOrder(org: OrganizationContext, input: RejectOrderInput): Promise<Decision<Accepted>> {
  assertOrganizationRole(org, "OWNER");
  const found = await findOrganizationOrder(org.organization.id, input.orderId);
  const ctx = tenantContextOf(org, found.tenant);
  return changeOrder(ctx, found.id, { action: "order.reject", activity: "order.reject" }, async (tx, order) => {
    if (order.status !== "SUBMITTED") {
      conflict("This order is no longer awaiting review (it was approved, rejected or cancelled meanwhile).", "Cette commande n’attend plus de revue (elle a été approuvée, refusée ou annulée entre-temps).");
    }
    await tx.order.update({ where: { id: order.id }, data: { status: "REJECTED", reviewNote: input.note } });
    const event = await recordOrderEvent(tx, ctx, ctx.tenant.id, order.id, { kind: "REJECTED", status: "REJECTED", note: input.note });
    return decide([], {
      before: { status: order.status },
      after: { status: "REJECTED", note: input.note },
      payload: { orderId: order.id, eventId: event.id },
      onStarted: (t: Tx, activityId: string) => t.orderEvent.update({ where: { id: event.id }, data: { activityId } }),
    });
  });
}

// ───────────────────────── Delivery ─────────────────────────

/** `base`, or `base-2`, `base-3`… : the first name nobody in the tenant uses. */
function firstFree(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

const two = (n: number) => String(n).padStart(2, "0");
const tenantPrefix = (slug: string) => slug.replace(/[^a-z0-9]/g, "").slice(0, 3) || "tnt";
const nodeShort = (code: string) => code.replace(/_V\d+$/, "").toLowerCase();

/** ESXi hosts are named after their pool, numbered on from the pool's highest number. */
async function createHosts(tx: Tx, tenantId: string, pool: { id: string; name: string }, count: number): Promise<DeliveredResource[]> {
  const existing = await tx.host.findMany({ where: { tenantId, poolId: pool.id }, select: { name: true } });
  const pattern = new RegExp(`^${pool.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-esx(\\d+)$`);
  let n = existing.reduce((m, h) => Math.max(m, Number(pattern.exec(h.name)?.[1] ?? 0)), 0);
  const out: DeliveredResource[] = [];
  for (let i = 0; i < count; i++) {
    n += 1;
    const host = await tx.host.create({ data: { tenantId, poolId: pool.id, name: `${pool.name}-esx${two(n)}`, status: "CONNECTED" }, select: { id: true, name: true } });
    out.push({ type: "host", ...host });
  }
  return out;
}

/** Makes what the order asks for, in the delivery's transaction. */
async function deliver(tx: Tx, tenant: { id: string; slug: string }, input: SubmitOrderInput, plan: OrderPlan, ctx: OrderPlanContext): Promise<DeliveredResource[]> {
  const tenantId = tenant.id;
  switch (input.kind) {
    case "pool": {
      const names = new Set((await tx.computePool.findMany({ where: { tenantId }, select: { name: true } })).map((p) => p.name));
      const name = firstFree(`${tenantPrefix(tenant.slug)}-${nodeShort(input.nodeType)}-${input.azId.toLowerCase()}`, names);
      const pool = await tx.computePool.create({
        data: { tenantId, azId: input.azId, nodeTypeCode: input.nodeType, name, activatedMemoryGb: plan.figures.activatedMemoryGb!.after, haEnabled: input.haEnabled, status: "ACTIVE" },
        select: { id: true, name: true },
      });
      return [{ type: "pool", ...pool }, ...(await createHosts(tx, tenantId, pool, input.hostCount))];
    }
    case "hosts": {
      const pool = ctx.pool!;
      await tx.computePool.update({ where: { id: pool.id }, data: { activatedMemoryGb: plan.figures.activatedMemoryGb!.after } });
      return [{ type: "pool", id: pool.id, name: pool.name }, ...(await createHosts(tx, tenantId, pool, input.count))];
    }
    case "datastore": {
      const prefix = `ds-${tenantPrefix(tenant.slug)}-${input.tier.toLowerCase()}-`;
      const taken = new Set((await tx.datastore.findMany({ where: { tenantId, name: { startsWith: prefix } }, select: { name: true } })).map((d) => d.name));
      const made: DeliveredResource[] = [];
      let n = 1;
      for (let i = 0; i < datastoreCountOf(input); i++) {
        while (taken.has(`${prefix}${two(n)}`)) n++;
        taken.add(`${prefix}${two(n)}`);
        const ds = await tx.datastore.create({ data: { tenantId, azId: input.azId, tierCode: input.tier, name: `${prefix}${two(n)}`, sizeGib: input.sizeGib, status: "ACTIVE" }, select: { id: true, name: true } });
        made.push({ type: "datastore", ...ds });
      }
      return made;
    }
    case "datastore_resize": {
      const ds = await tx.datastore.update({ where: { id: input.datastoreId }, data: { sizeGib: input.sizeGib }, select: { id: true, name: true } });
      return [{ type: "datastore", ...ds }];
    }
    case "datastore_tier": {
      const ds = await tx.datastore.update({ where: { id: input.datastoreId }, data: { tierCode: input.tier }, select: { id: true, name: true } });
      return [{ type: "datastore", ...ds }];
    }
    case "vlan": {
      // Every network of the order in one statement of the delivery's transaction: all are made, or
      // (a refusal, a tag taken meanwhile by the unique index) none.
      const vlans = await tx.vlan.createManyAndReturn({
        data: input.networks.map((n) => ({ tenantId, tag: n.tag, name: n.name, subnet: subnetForTag(n.tag) })),
        select: { id: true, name: true, tag: true },
      });
      const byTag = new Map(vlans.map((v) => [v.tag, v]));
      return input.networks.map((n) => {
        const v = byTag.get(n.tag)!;
        return { type: "vlan", id: v.id, name: `${v.tag} ${v.name}` };
      });
    }
  }
}

/** The rules' refusal at delivery as the activity's failure: its first code, every sentence. */
function refusalOf(plan: OrderPlan): ActivityRefused | null {
  const refusals = plan.violations.filter((v) => v.severity === "refuse");
  const fields = Object.values(plan.fields);
  if (refusals.length === 0 && fields.length === 0) return null;
  const texts = [...refusals.map((v) => v.message), ...fields];
  return new ActivityRefused({
    // A finding on a field (a VLAN tag taken meanwhile) keeps its rule's code too.
    code: refusals[0]?.code ?? plan.fieldViolations[0]?.code ?? "INVALID_INPUT",
    message: { en: `Delivery refused: ${texts.map((t) => t.en).join(" ")} Nothing was made; the order awaits review again.`, fr: `Livraison refusée : ${texts.map((t) => t.fr).join(" ")} Rien n’a été créé ; la commande attend de nouveau une revue.` },
  });
}

/**
 * An approved order delivered, in the delivery activity's transaction once the provider has
 * installed it: the rules decide again on today's inventory (a refusal is the activity's failure,
 * `ActivityRefused`), then the resources are made and the order is delivered.
 */
export async function deliverOrder(tx: Tx, tenantId: string, orderId: string, activityId: string): Promise<{ resultId: string }> {
  const first = await tx.order.findFirstOrThrow({ where: { id: orderId, tenantId }, select: { payload: true } });
  const input = orderInputOf(first.payload);
  // The house's lock order: pool, datastore, then the order itself.
  if (input.kind === "hosts") await lockRows(tx, "ComputePool", tenantId, [input.poolId]);
  if (input.kind === "datastore_resize" || input.kind === "datastore_tier") await lockRows(tx, "Datastore", tenantId, [input.datastoreId]);
  const order = await lockOrderOrThrow(tx, tenantId, orderId);
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { id: true, slug: true, regionId: true } });
  let planCtx: OrderPlanContext;
  try {
    planCtx = await loadPlanContext(tx, tenant, input);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    throw new ActivityRefused({
      code: "NOT_FOUND",
      message: { en: `Delivery refused: the ${e.resource} this order names no longer exists. Nothing was made.`, fr: `Livraison refusée : la ressource (${e.resource}) que nomme cette commande n’existe plus. Rien n’a été créé.` },
    });
  }
  // The inventory may have changed since the approval: the rules decide again.
  const plan = planOrder(input, planCtx, order.id);
  const refused = refusalOf(plan);
  if (refused) throw refused;
  const resources = await deliver(tx, tenant, input, plan, planCtx);
  const main = resources[0]!;
  await tx.order.update({ where: { id: order.id }, data: { status: "DELIVERED", deliveredId: main.id, busyActivityId: null } });
  await recordOrderEvent(tx, null, tenantId, order.id, { kind: "DELIVERED", status: "DELIVERED", activityId, details: { resources } });
  return { resultId: main.id };
}
