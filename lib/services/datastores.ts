import "server-only";
import { db } from "@/lib/db/client";
import { loadDatastoreState } from "@/lib/db/capacity";
import { listDatastores as listDatastoreRows } from "@/lib/db/datastores";
import { listOpenOrders } from "@/lib/db/orders";
import type { StorageTierCode } from "@/lib/domain/catalogue";
import { datastoreFigures, datastoreWarnings } from "@/lib/domain/storage";
import { NotFoundError } from "@/lib/errors";
import { assertPermission, type TenantContext } from "./context";

// Storage: the datastores list and a datastore's page, read through the storage rules'
// own figures (IOPS limit against demand, swap, snapshot reserve, thin over-commit).

export type DatastoreListItem = Awaited<ReturnType<typeof listDatastores>>[number];

export async function listDatastores(ctx: TenantContext) {
  assertPermission(ctx, "storage:read");
  const rows = await listDatastoreRows(ctx.tenant.id);
  return rows.map((s) => ({ ...s, figures: datastoreFigures({ tier: s.tierCode as StorageTierCode, sizeGib: s.sizeGib, provisionedGib: s.provisionedGib, usedGib: s.usedGib, vms: s.vms }) }));
}

export type DatastoreDetailView = Awaited<ReturnType<typeof getDatastore>>;

/**
 * One datastore: its figures and warnings, its replication, a count of its VMs per power state,
 * the DATASTORE order open in the tenant (a resize or tier change waits for it), and the state the
 * order forms decide on in the browser.
 */
export async function getDatastore(ctx: TenantContext, datastoreId: string) {
  assertPermission(ctx, "storage:read");
  const tenantId = ctx.tenant.id;
  const [row, state, counts, open] = await Promise.all([
    db().datastore.findFirst({ where: { id: datastoreId, tenantId }, select: { id: true, name: true, azId: true, tierCode: true, sizeGib: true, status: true, createdAt: true, tier: { select: { label: true } } } }),
    loadDatastoreState(tenantId, datastoreId).catch((e: unknown) => (e instanceof NotFoundError ? null : Promise.reject(e))),
    db().vm.groupBy({ by: ["powerState"], where: { tenantId, datastoreId }, _count: { _all: true } }),
    listOpenOrders(tenantId),
  ]);
  if (!row || !state) throw new NotFoundError("datastore", datastoreId);
  return {
    ...row,
    state: { ...state, name: state.name ?? row.name },
    figures: datastoreFigures(state),
    warnings: datastoreWarnings(state),
    vmCounts: Object.fromEntries(counts.map((c) => [c.powerState, c._count._all])) as Partial<Record<"POWERED_ON" | "POWERED_OFF" | "SUSPENDED", number>>,
    openOrders: open,
  };
}
