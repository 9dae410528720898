import { endpoint, nextCursorOf, pageOf } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { listOrders, submitOrder } from "@/lib/services/orders";
import type { OrderListQuery, SubmitOrderInput } from "@/lib/validation/orders";

export const GET = endpoint(ENDPOINTS.listOrders, async (ctx, { query }) => {
  const p = pageOf(query);
  const { total, rows } = await listOrders(ctx, { status: query.status as OrderListQuery["status"], sort: "createdAt", dir: "desc", page: p.page, pageSize: p.pageSize });
  return { list: rows, nextCursor: nextCursorOf(p, rows.length, total) };
});

export const POST = endpoint(ENDPOINTS.submitOrder, async (ctx, { body }) => ({ decision: await submitOrder(ctx, body as SubmitOrderInput) }));
