import "server-only";
import { z } from "zod";
import { activityListQuery, auditListQuery, coverageListQuery, hostListQuery, idParams, orderListQuery, pageQuery, replicationListQuery, vlanListQuery, vmListQuery } from "@/lib/api/contract";
import { catalogOf } from "@/lib/api/catalog";
import { nextCursorOf, pageOf, sliceList } from "@/lib/api/paging";
import { getActivity, listActivities } from "@/lib/services/activities";
import { listAuditEvents } from "@/lib/services/audit";
import { listAffinityRules } from "@/lib/services/affinity";
import { listBackupPolicies, listCoverage } from "@/lib/services/backup";
import { getDatastore, listDatastores } from "@/lib/services/datastores";
import { listMembers } from "@/lib/services/iam";
import { listAllowedRanges } from "@/lib/services/allowed-ranges";
import { listVlans } from "@/lib/services/network";
import { getOrder, listOrders } from "@/lib/services/orders";
import { getPool, listHosts, listPools } from "@/lib/services/pools";
import { prometheusText } from "@/lib/services/prometheus";
import { listMirrorCandidates, listReplications } from "@/lib/services/replication";
import { listTokens } from "@/lib/services/tokens";
import { getVm, listVms } from "@/lib/services/vms";
import { read, type ApiOutcome } from "./define";

// Every GET of the API: the lists and records the console's pages show, with the permission the
// page asks for. Paged with limit and cursor; a service that returns a short list whole is sliced.

/** One page of a service that pages by page number (the console's list kit). */
async function paged<R>(query: Record<string, unknown>, load: (p: { page: number; pageSize: number }) => Promise<{ total: number; rows: R[] }>): Promise<ApiOutcome> {
  const p = pageOf(query);
  const { total, rows } = await load({ page: p.page, pageSize: p.pageSize });
  return { list: rows, nextCursor: nextCursorOf(p, rows.length, total) };
}

type Q = Record<string, never>;
const only = <T>(query: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, query[k]])) as T;

export const READS = {
  listPools: read({ path: "/compute/pools", summary: "The tenant's compute pools with their memory figures", tag: "compute", permission: "compute:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listPools(ctx), query) }),
  getPool: read({ path: "/compute/pools/{id}", summary: "One compute pool, its hosts and VMs", tag: "compute", permission: "compute:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getPool(ctx, params.id!) }) }),
  listHosts: read({
    path: "/compute/hosts",
    summary: "The tenant's hosts, each with its status and the memory it holds against its share of its pool",
    tag: "compute",
    permission: "compute:read",
    kind: "list",
    query: hostListQuery,
    serve: (ctx, { query }) => paged(query, (p) => listHosts(ctx, { ...only<Q>(query, ["q", "status", "pool"]), sort: "name", dir: "asc", ...p })),
  }),
  listVms: read({
    path: "/compute/vms",
    summary: "The tenant's virtual machines",
    tag: "compute",
    permission: "compute:read",
    kind: "list",
    query: vmListQuery,
    serve: (ctx, { query }) => paged(query, (p) => listVms(ctx, { ...only<Q>(query, ["q", "state", "tag"]), sort: "name", dir: "asc", ...p })),
  }),
  getVm: read({ path: "/compute/vms/{id}", summary: "One VM", tag: "compute", permission: "compute:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getVm(ctx, params.id!) }) }),
  listAffinityRules: read({
    path: "/compute/affinity-rules",
    summary: "The tenant's affinity and anti-affinity rules",
    tag: "compute",
    permission: "compute:read",
    kind: "list",
    query: pageQuery,
    serve: (ctx, { query }) => paged(query, (p) => listAffinityRules(ctx, { sort: "name", dir: "asc", ...p })),
  }),
  listDatastores: read({ path: "/storage/datastores", summary: "The tenant's datastores with their space and IOPS figures", tag: "storage", permission: "storage:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listDatastores(ctx), query) }),
  getDatastore: read({ path: "/storage/datastores/{id}", summary: "One datastore: space, snapshot reserve, IOPS budget and its VMs", tag: "storage", permission: "storage:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getDatastore(ctx, params.id!) }) }),
  listBackupPolicies: read({ path: "/backup/policies", summary: "The tenant's backup policies (a VM needs one before it may power on)", tag: "data-protection", permission: "backup:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listBackupPolicies(ctx), query) }),
  listBackupCoverage: read({
    path: "/backup/coverage",
    summary: "Every VM with its backup policies and replication's RPO status, uncovered first",
    tag: "data-protection",
    permission: "backup:read",
    kind: "list",
    query: coverageListQuery,
    serve: (ctx, { query }) => paged(query, (p) => listCoverage(ctx, { ...only<Q>(query, ["q", "coverage", "state"]), sort: "coverage", dir: "asc", ...p })),
  }),
  listReplications: read({
    path: "/data-protection/replications",
    summary: "The tenant's VM replications and storage mirrors, each with its RPO status measured now",
    tag: "data-protection",
    permission: "backup:read",
    kind: "list",
    query: replicationListQuery,
    serve: (ctx, { query }) => paged(query, (p) => listReplications(ctx, { ...only<Q>(query, ["kind", "rpo", "q"]), sort: "subject", dir: "asc", ...p })),
  }),
  listMirrorCandidates: read({ path: "/data-protection/mirrors", summary: "The tenant's datastores with the mirror protecting each", tag: "data-protection", permission: "backup:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listMirrorCandidates(ctx), query) }),
  listVlans: read({
    path: "/network/vlans",
    summary: "The tenant's VLANs and those offered to it, with their propagations",
    tag: "network",
    permission: "network:read",
    kind: "list",
    query: vlanListQuery,
    serve: (ctx, { query }) => paged(query, (p) => listVlans(ctx, { ...only<Q>(query, ["q", "scope"]), sort: "tag", dir: "asc", ...p })),
  }),
  listOrders: read({
    path: "/orders",
    summary: "The tenant's orders (pools, hosts, datastores, VLANs)",
    tag: "orders",
    permission: "order:read",
    kind: "list",
    query: orderListQuery,
    serve: (ctx, { query }) => paged(query, (p) => listOrders(ctx, { ...only<Q>(query, ["status"]), sort: "createdAt", dir: "desc", ...p })),
  }),
  getOrder: read({ path: "/orders/{id}", summary: "One order, its events and the activities that carried it", tag: "orders", permission: "order:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getOrder(ctx, params.id!) }) }),
  listMembers: read({
    path: "/iam/members",
    summary: "The tenant's members with their permissions and their account's standing",
    tag: "iam",
    permission: "iam:read",
    kind: "list",
    query: pageQuery,
    serve: async (ctx, { query }) => sliceList((await listMembers(ctx)).map((m) => ({ id: m.user.id, ...m })), query),
  }),
  getAllowedRanges: read({
    path: "/iam/allowed-ranges",
    summary: "The tenant's allowed address ranges (none: no restriction), and the address this request came from",
    tag: "iam",
    permission: "iam:read",
    kind: "read",
    serve: async (ctx) => ({ json: await listAllowedRanges(ctx) }),
  }),
  listTokens: read({ path: "/iam/tokens", summary: "The caller's own tokens in the tenant; every member's with iam:read. Never a secret", tag: "iam", permission: null, kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listTokens(ctx), query) }),
  listActivities: read({
    path: "/activities",
    summary: "The tenant's activities, newest first",
    tag: "activities",
    permission: "activity:read",
    kind: "list",
    query: activityListQuery,
    serve: (ctx, { query }) => paged(query, (p) => listActivities(ctx, { ...only<Q>(query, ["state", "resourceType", "resourceId"]), sort: "createdAt", dir: "desc", ...p })),
  }),
  getActivity: read({ path: "/activities/{id}", summary: "One activity: state, progress, and once completed the resource it made or changed", tag: "activities", permission: "activity:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getActivity(ctx, params.id!) }) }),
  listAudit: read({
    path: "/audit",
    summary: "The tenant's audit trail, newest first",
    tag: "audit",
    permission: "audit:read",
    kind: "list",
    query: auditListQuery,
    serve: (ctx, { query }) => paged(query, (p) => listAuditEvents(ctx, { ...only<Q>(query, ["action", "outcome", "targetId"]), sort: "createdAt", dir: "desc", ...p })),
  }),
  getCatalog: read({ path: "/catalog", summary: "Node types, storage tiers, licences, VM templates and zones", tag: "catalog", permission: "compute:read", kind: "read", response: z.object({}).loose(), serve: async (ctx) => ({ json: catalogOf(ctx.tenant.regionId) }) }),
  getPrometheus: read({ path: "/metrics/prometheus", summary: "Pool and datastore metrics in Prometheus text format", tag: "metrics", permission: "metric:read", kind: "read", text: "text/plain; version=0.0.4", serve: (ctx) => prometheusText(ctx) }),
};
