import { endpoint, nextCursorOf, pageOf } from "@/lib/api/handler";
import { ENDPOINTS } from "@/lib/api/contract";
import { listActivities } from "@/lib/services/activities";
import type { ActivityListQuery } from "@/lib/validation/activity-list";

export const GET = endpoint(ENDPOINTS.listActivities, async (ctx, { query }) => {
  const p = pageOf(query);
  const { state, resourceType, resourceId } = query as Pick<ActivityListQuery, "state" | "resourceType" | "resourceId">;
  const { total, rows } = await listActivities(ctx, { state, resourceType, resourceId, sort: "createdAt", dir: "desc", page: p.page, pageSize: p.pageSize });
  return { list: rows, nextCursor: nextCursorOf(p, rows.length, total) };
});
