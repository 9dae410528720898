import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActivityListQuery } from "@/lib/validation/activity-list";
import { db, type Tx } from "./client";
import { likeLiteral } from "./like";
import { afterWhere, countUnless } from "./keyset";

/** The where clause of a filtered activity history; every filter has an index behind it (tenantId first). */
function activityWhere(tenantId: string, q: Omit<ActivityListQuery, "sort" | "dir" | "page" | "pageSize">): Prisma.ActivityWhereInput {
  return {
    tenantId,
    ...(q.state ? { state: q.state } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.resourceType ? { resourceType: q.resourceType } : {}),
    ...(q.resourceId ? { resourceId: q.resourceId } : {}),
    ...(q.initiator ? { initiatorId: q.initiator } : {}),
    ...(q.q ? { resourceName: { contains: likeLiteral(q.q), mode: "insensitive" } } : {}),
  };
}

/** One page of a tenant's activities, newest first, counted in the database. */
export async function listActivities<S extends Prisma.ActivitySelect, Q extends ActivityListQuery & Partial<Paging>>(tenantId: string, q: Q, select: S, tx: Tx = db()) {
  const where = activityWhere(tenantId, q);
  const [total, rows] = await Promise.all([
    countUnless(q, () => tx.activity.count({ where })),
    // id breaks ties of one instant so that pages never overlap or skip a row
    tx.activity.findMany({
      where: q.after ? { AND: [where, afterWhere("createdAt", q.dir, q.dir, q.after)] } : where,
      orderBy: [{ createdAt: q.dir }, { id: q.dir }],
      skip: q.after ? 0 : (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select,
    }),
  ]);
  return { total, rows };
}

/** The people an activity of this tenant may be filtered by: its members. */
export async function listTenantPeople(tenantId: string, tx: Tx = db()) {
  const rows = await tx.membership.findMany({ where: { tenantId }, orderBy: { user: { name: "asc" } }, select: { user: { select: { id: true, name: true, email: true } } } });
  return rows.map((r) => r.user);
}
