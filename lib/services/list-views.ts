import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import { deleteListViewRow, findListView, listListViews as listRows, upsertListView } from "@/lib/db/list-views";
import type { Decision } from "@/lib/domain/result";
import { actorUserId } from "@/lib/auth/context";
import { NotFoundError } from "@/lib/errors";
import { COLUMNS_PARAM, LIST_COLUMNS, columnsParam, pickColumns, type ListViewList } from "@/lib/list-views";
import { vmList } from "@/lib/validation/vm-list";
import { auditList } from "@/lib/validation/audit-list";
import { activityList } from "@/lib/validation/activity-list";
import { backupJobList, replicationList } from "@/lib/validation/data-protection";
import type { DeleteListViewInput, SaveListViewInput } from "@/lib/validation/list-views";
import { actorColumns, assertPermission, type TenantContext } from "./context";

// A person's saved views of a list (filters, columns, sort), in the database per person, tenant
// and list. Only their owner sees them: another person's view is not found, as another tenant's
// resource is. Immediate changes: audited (targetType "view"), no activity.

export type ListViewView = { id: string; list: string; name: string; query: string };

const DEFINITIONS = { vms: vmList, audit: auditList, activities: activityList, backupJobs: backupJobList, replications: replicationList } as const;

/**
 * The view's query in the list's own words: parsed like the page parses its URL (what it does not
 * know is dropped, a bad value falls back), written back with only what differs from the defaults
 * and never a page number (page 3 of a saved filter means nothing next week).
 */
export function canonicalQuery(list: ListViewList, query: string): string {
  const params = Object.fromEntries(new URLSearchParams(query.replace(/^\?/, "")));
  const def = DEFINITIONS[list] as { parse: (p: Record<string, string>) => Record<string, unknown>; href: (b: string, q: never, c?: never) => string };
  const q = def.parse(params);
  const cols = q[COLUMNS_PARAM] as string | undefined;
  const normalised = { ...q, page: 1, [COLUMNS_PARAM]: cols === undefined ? undefined : columnsParam(list, pickColumns(list, cols)) };
  return def.href("", normalised as never).replace(/^\?/, "");
}

function ownerOf(ctx: TenantContext): string {
  const userId = actorUserId(ctx.actor);
  if (!userId) throw new Error("a saved view belongs to a person: the system has none");
  return userId;
}

/** The caller's views of one list, by name. A caller without the list's permission has none. */
export async function listListViews(ctx: TenantContext, list: ListViewList): Promise<ListViewView[]> {
  assertPermission(ctx, LIST_COLUMNS[list].read);
  const userId = actorUserId(ctx.actor);
  return userId ? listRows(userId, ctx.tenant.id, list) : [];
}

/** Saves the list's current query under a name for the caller; the same name again replaces it. */
export async function saveListView(ctx: TenantContext, input: SaveListViewInput): Promise<Decision<ListViewView>> {
  // Saving a view of a list needs what reading the list needs, no more.
  assertPermission(ctx, LIST_COLUMNS[input.list].read);
  const userId = ownerOf(ctx);
  const query = canonicalQuery(input.list, input.query);
  return db().$transaction(async (tx) => {
    const v = await upsertListView({ userId, tenantId: ctx.tenant.id, list: input.list, name: input.name, query }, tx);
    await recordAudit({ organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "view.save", targetType: "view", targetId: v.id, targetName: v.name, details: { list: v.list, query } }, tx);
    return { ok: true, value: v, warnings: [] };
  });
}

/** Deletes one of the caller's views; anyone else's (or another tenant's) is not found. */
export async function deleteListView(ctx: TenantContext, input: DeleteListViewInput): Promise<Decision<{ viewId: string }>> {
  const userId = ownerOf(ctx);
  return db().$transaction(async (tx) => {
    const v = await findListView(userId, ctx.tenant.id, input.viewId, tx);
    if (!v) throw new NotFoundError("view", input.viewId);
    await deleteListViewRow(v.id, tx);
    await recordAudit({ organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "view.delete", targetType: "view", targetId: v.id, targetName: v.name, details: { list: v.list } }, tx);
    return { ok: true, value: { viewId: v.id }, warnings: [] };
  });
}
