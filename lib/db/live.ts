import "server-only";
import { LIVE_CHANNEL } from "@/lib/domain/live";
import { db, type Tx } from "./client";

/** At most this many concerned resources ride on one notice (NOTIFY's payload stays far below its 8 000 bytes). */
const MAX_RESOURCES = 20;

/**
 * Publishes an activity's state on LIVE_CHANNEL (lib/domain/live.ts's LiveNotice), built from its
 * row by the database itself. Inside a transaction, PostgreSQL delivers it only if that transaction
 * commits, after it has: a listener never hears of a write it cannot read yet, nor of one rolled back.
 * Ids and kinds only: names stay in the row.
 */
export async function notifyActivity(tx: Tx, activityId: string): Promise<void> {
  await tx.$queryRaw`
    SELECT pg_notify(${LIVE_CHANNEL}, json_build_object(
             't', a."tenantId", 'k', 'activity', 'id', a.id, 's', a.state::text, 'p', a.progress,
             'v', floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint,
             'r', COALESCE((SELECT json_agg(json_build_array(e->>'type', e->>'id'))
                              FROM (SELECT e FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a."concernedItems") = 'array' THEN a."concernedItems" ELSE '[]'::jsonb END) e
                                     WHERE e->>'type' IS NOT NULL AND e->>'id' IS NOT NULL LIMIT ${MAX_RESOURCES}) x), '[]'::json)
           )::text)::text AS sent
      FROM "Activity" a WHERE a.id = ${activityId}`;
}

/** The same, outside a transaction (a worker's step: its update has already committed). */
export function notifyActivityNow(activityId: string): Promise<void> {
  return notifyActivity(db(), activityId);
}

/**
 * The tenants of every organization the user owns: an owner reviews all their orders
 * (authorizeOrganization, OWNER), member of those tenants or not.
 */
export async function listOwnedOrganizationTenants(userId: string, tx: Tx = db()): Promise<{ id: string; slug: string }[]> {
  return tx.tenant.findMany({ where: { organization: { members: { some: { userId, role: "OWNER" } } } }, select: { id: true, slug: true } });
}
