import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { OPEN_ORDER_STATUSES } from "@/lib/domain/orders";
import { NotFoundError } from "@/lib/errors";
import type { OrderListQuery, ReviewQueueQuery } from "@/lib/validation/orders";
import { db, type Tx } from "./client";
import { afterWhere, countUnless } from "./keyset";

// Orders: a tenant's orders and their status history. Every query names the tenant;
// the review queue, an organization-level read, names the organization of the tenants instead.

const OPEN = [...OPEN_ORDER_STATUSES];

const ORDER_ROW = {
  id: true,
  tenantId: true,
  resourceType: true,
  status: true,
  payload: true,
  reviewNote: true,
  deliveredId: true,
  busyActivityId: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.OrderSelect;

/** The tenant's orders still open (submitted, or approved and being delivered). */
export async function listOpenOrders(tenantId: string, tx: Tx = db()) {
  return tx.order.findMany({ where: { tenantId, status: { in: OPEN } }, select: { id: true, resourceType: true, status: true }, orderBy: { createdAt: "asc" } });
}

/** The same for several tenants in one statement, keyed by tenant (a tenant without any has an empty list). */
export async function listOpenOrdersOf(tenantIds: readonly string[], tx: Tx = db()) {
  const rows = tenantIds.length ? await tx.order.findMany({ where: { tenantId: { in: [...new Set(tenantIds)] }, status: { in: OPEN } }, select: { id: true, tenantId: true, resourceType: true, status: true }, orderBy: { createdAt: "asc" } }) : [];
  const out = new Map<string, { id: string; resourceType: (typeof rows)[number]["resourceType"]; status: (typeof rows)[number]["status"] }[]>(tenantIds.map((t) => [t, []]));
  for (const { tenantId, ...r } of rows) out.get(tenantId)?.push(r);
  return out;
}

const ORDER_SORT: Record<OrderListQuery["sort"], (dir: Prisma.SortOrder) => Prisma.OrderOrderByWithRelationInput> = {
  createdAt: (dir) => ({ createdAt: dir }),
  status: (dir) => ({ status: dir }),
  resourceType: (dir) => ({ resourceType: dir }),
};

/** One page of the tenant's orders, filtered and counted in the database. */
export async function listOrders<Q extends OrderListQuery & Partial<Paging>>(tenantId: string, q: Q, tx: Tx = db()) {
  if (q.after && q.sort !== "createdAt") throw new Error(`keyset paging of orders sorted by ${q.sort} is not written`);
  const where: Prisma.OrderWhereInput = { tenantId, ...(q.status ? { status: q.status } : {}), ...(q.type ? { resourceType: q.type } : {}) };
  const [total, rows] = await Promise.all([
    countUnless(q, () => tx.order.count({ where })),
    tx.order.findMany({
      where: q.after ? { AND: [where, afterWhere("createdAt", q.dir, "asc", q.after)] } : where,
      // the id breaks ties so that pages never overlap
      orderBy: q.sort === "createdAt" ? [ORDER_SORT.createdAt(q.dir), { id: "asc" }] : [ORDER_SORT[q.sort](q.dir), { createdAt: "desc" }, { id: "asc" }],
      skip: q.after ? 0 : (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: ORDER_ROW,
    }),
  ]);
  return { total, rows };
}

export async function getOrderDetail(tenantId: string, orderId: string, tx: Tx = db()) {
  const order = await tx.order.findFirst({
    where: { id: orderId, tenantId },
    select: {
      ...ORDER_ROW,
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, kind: true, status: true, actorType: true, actorLabel: true, note: true, activityId: true, details: true, createdAt: true } },
    },
  });
  if (!order) throw new NotFoundError("order", orderId);
  return order;
}

/** The order's row, locked for the rest of the transaction; another tenant's order is not found. */
export async function lockOrderOrThrow(tx: Tx, tenantId: string, orderId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Order" WHERE id = ${orderId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("order", orderId);
  return tx.order.findFirstOrThrow({ where: { id: orderId, tenantId }, select: ORDER_ROW });
}
export type OrderRow = Awaited<ReturnType<typeof lockOrderOrThrow>>;

const TENANT_REF = { id: true, slug: true, name: true, organizationId: true, regionId: true } as const;

/** An order of one of the organization's tenants, with its tenant; any other order is not found. */
export async function findOrganizationOrder(organizationId: string, orderId: string, tx: Tx = db()) {
  const order = await tx.order.findFirst({ where: { id: orderId, tenant: { organizationId } }, select: { id: true, payload: true, resourceType: true, tenant: { select: TENANT_REF } } });
  if (!order) throw new NotFoundError("order", orderId);
  return order;
}

/** The review queue: the organization's submitted orders, every tenant, oldest first. */
export async function listReviewQueue(organizationId: string, q: ReviewQueueQuery, tx: Tx = db()) {
  const where: Prisma.OrderWhereInput = { tenant: { organizationId }, status: "SUBMITTED" };
  const [total, rows] = await Promise.all([
    tx.order.count({ where }),
    tx.order.findMany({
      where,
      orderBy: [{ createdAt: q.dir }, { id: "asc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { ...ORDER_ROW, tenant: { select: TENANT_REF } },
    }),
  ]);
  return { total, rows };
}

export async function countReviewQueue(organizationId: string, tx: Tx = db()) {
  return tx.order.count({ where: { tenant: { organizationId }, status: "SUBMITTED" } });
}
