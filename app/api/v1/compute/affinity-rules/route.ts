import { endpoint, nextCursorOf, pageOf } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { createAffinityRule, listAffinityRules } from "@/lib/services/affinity";
import type { CreateAffinityRuleInput } from "@/lib/validation/affinity";

export const GET = endpoint(ENDPOINTS.listAffinityRules, async (ctx, { query }) => {
  const p = pageOf(query);
  const { total, rows } = await listAffinityRules(ctx, { sort: "name", dir: "asc", page: p.page, pageSize: p.pageSize });
  return { list: rows, nextCursor: nextCursorOf(p, rows.length, total) };
});

export const POST = endpoint(ENDPOINTS.createAffinityRule, async (ctx, { body }) => ({ decision: await createAffinityRule(ctx, body as CreateAffinityRuleInput) }));
