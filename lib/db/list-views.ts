import "server-only";
import { db, type Tx } from "./client";

// A person's saved views of a tenant's list. Every query names the person and the tenant: another
// person's view, or one of another tenant, is not found.

const select = { id: true, list: true, name: true, query: true } as const;

export async function listListViews(userId: string, tenantId: string, list: string, tx: Tx = db()) {
  return tx.listView.findMany({ where: { userId, tenantId, list }, orderBy: [{ name: "asc" }, { id: "asc" }], select });
}

export async function findListView(userId: string, tenantId: string, id: string, tx: Tx = db()) {
  return tx.listView.findFirst({ where: { id, userId, tenantId }, select });
}

/** Saving under a name the person already used for this list replaces that view. */
export async function upsertListView(v: { userId: string; tenantId: string; list: string; name: string; query: string }, tx: Tx = db()) {
  return tx.listView.upsert({
    where: { userId_tenantId_list_name: { userId: v.userId, tenantId: v.tenantId, list: v.list, name: v.name } },
    create: v,
    update: { query: v.query },
    select,
  });
}

export async function deleteListViewRow(id: string, tx: Tx = db()) {
  await tx.listView.delete({ where: { id } });
}
