import "server-only";
import { countUnreadNotifications, listNotifications as listRows, markNotificationsRead as markRows } from "@/lib/db/alerts";
import { alertText } from "@/lib/domain/alerts";
import { visibleTenants, type Person } from "./visible-tenants";

// A person's in-console notifications (the bell): across every tenant they may open today, as
// authorize() would weigh it (membership, account, two-factor, allowed ranges: the palette's gate)
// and where they still hold metric:read. A notification of a tenant they left or lost is not shown.

async function visibleTenantIds(actor: Person): Promise<string[]> {
  return (await visibleTenants(actor, "metric:read")).map((t) => t.id);
}

export const NOTIFICATIONS_SHOWN = 20;

export async function getNotifications(actor: Person) {
  const tenantIds = await visibleTenantIds(actor);
  const [unread, rows] = await Promise.all([countUnreadNotifications(actor.userId, tenantIds), listRows(actor.userId, tenantIds, NOTIFICATIONS_SHOWN)]);
  return {
    unread,
    items: rows.map((n) => ({
      id: n.id,
      createdAt: n.createdAt.getTime(),
      read: n.readAt !== null,
      tenant: n.tenant,
      alert: { id: n.alert.id, kind: n.alert.kind, state: n.alert.state, resourceName: n.alert.resourceName, text: alertText(n.alert.kind, n.alert) },
    })),
  };
}

/** Marks the person's own notifications read (the ones named, or all): nobody else's row is reachable. */
export async function markNotificationsRead(userId: string, ids: readonly string[] | null): Promise<number> {
  return markRows(userId, ids, new Date());
}
