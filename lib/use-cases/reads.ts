import "server-only";
import { z } from "zod";
import { activityListQuery, auditListQuery, backupJobListQuery, coverageListQuery, hostListQuery, idParams, orderListQuery, pageQuery, replicationListQuery, vlanListQuery, vmListQuery } from "@/lib/api/contract";
import { catalogOf } from "@/lib/api/catalog";
import { cursorSort, pageFrom, pageOf, sliceList, type CursorSort } from "@/lib/api/paging";
import { getActivity, listActivities } from "@/lib/services/activities";
import { listAuditEvents } from "@/lib/services/audit";
import { listAffinityRules } from "@/lib/services/affinity";
import { listBackupPolicies, listCoverage } from "@/lib/services/backup";
import { getBackupJob, listBackupJobs } from "@/lib/services/backup-jobs";
import { getDatastore, listDatastores } from "@/lib/services/datastores";
import { listMembers } from "@/lib/services/iam";
import { listAllowedRanges } from "@/lib/services/allowed-ranges";
import { getTotpRequirement } from "@/lib/services/totp-requirement";
import { listVlans } from "@/lib/services/network";
import { getOrder, listOrders } from "@/lib/services/orders";
import { getPool, listHosts, listPools } from "@/lib/services/pools";
import { prometheusText } from "@/lib/services/prometheus";
import { listMirrorCandidates, listReplications } from "@/lib/services/replication";
import { listTokens } from "@/lib/services/tokens";
import { getVm, listVms } from "@/lib/services/vms";
import { listAlerts } from "@/lib/services/alerts";
import { alertListQuery } from "@/lib/validation/alerts";
import { capacityRows } from "@/lib/services/dashboards-capacity";
import { capacityApiQuery, parseRange } from "@/lib/validation/dashboards";
import { listCatalog, publicTemplates } from "@/lib/services/catalog";
import { listDetachedDisks } from "@/lib/services/detached-disks";
import { listConsoleHistory } from "@/lib/services/console";
import { read, type ApiOutcome } from "./define";
import type { After } from "@/lib/list-query";

// Every GET of the API: the lists and records the console's pages show, with the permission the
// page asks for. Paged with limit and a keyset cursor (lib/api/paging.ts) on the one order each
// list offers; a service that returns a short list whole is sliced with the same cursors.

type PageArgs = { page: 1; pageSize: number; after?: After; count: boolean };

/**
 * One page of a list service: one row more than the page is read to know whether another page
 * follows, and the rows are counted only when the client asked (`count=true`).
 */
async function paged<R>(query: Record<string, unknown>, sort: CursorSort<R>, load: (p: PageArgs) => Promise<{ total: number | null; rows: R[] }>): Promise<ApiOutcome> {
  const p = pageOf(query, sort);
  const { total, rows } = await load({ page: 1, pageSize: p.pageSize + 1, after: p.after, count: p.count });
  return pageFrom(sort, p, rows, total);
}

// The orders the API offers, one per list, with the key a cursor carries.
const BY_NAME = cursorSort<{ name: string }>({ name: "name", dir: "asc", parts: ["string"], key: (r) => [r.name] });
const NEWEST_FIRST = cursorSort<{ createdAt: string | Date }>({ name: "createdAt", dir: "desc", parts: ["date"], key: (r) => [new Date(r.createdAt)] });
const UNCOVERED_FIRST = cursorSort<{ name: string; policies: unknown[] }>({ name: "coverage", dir: "asc", parts: ["boolean", "string"], key: (r) => [r.policies.length > 0, r.name] });
const BY_SUBJECT = cursorSort<{ vm: { name: string } | null; datastore: { name: string } | null }>({ name: "subject", dir: "asc", parts: ["string"], key: (r) => [r.vm?.name ?? r.datastore?.name ?? ""] });
const NEWEST_STARTED = cursorSort<{ startedAt: string | Date }>({ name: "startedAt", dir: "desc", parts: ["date"], key: (r) => [new Date(r.startedAt)] });
const BY_ID = cursorSort<{ id: string }>({ name: "id", dir: "asc", parts: ["string"], key: (r) => [r.id] });
const BY_TAG = cursorSort<{ tag: number }>({ name: "tag", dir: "asc", parts: ["number"], key: (r) => [r.tag] });
const BY_TENANT_AND_NAME = cursorSort<{ name: string; tenant: { name: string } }>({ name: "tenantPool", dir: "asc", parts: ["string", "string"], key: (r) => [r.tenant.name, r.name] });
const BY_EMAIL = cursorSort<{ user: { email: string } }>({ name: "email", dir: "asc", parts: ["string"], key: (r) => [r.user.email] });

type Q = Record<string, never>;
const only = <T>(query: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, query[k]])) as T;

export const READS = {
  listDetachedDisks: read({ path: "/compute/detached-disks", summary: "The tenant's detached disks (no VM), on their datastores", tag: "compute", permission: "compute:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listDetachedDisks(ctx), query, BY_ID) }),
  listCatalogItems: read({ path: "/compute/catalog/items", summary: "The tenant's catalogue: its templates and ISO images (metadata), with the VMs an ISO is mounted in", tag: "compute", permission: "compute:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listCatalog(ctx), query, BY_NAME) }),
  listPublicTemplates: read({ path: "/compute/catalog/public-templates", summary: "The provider's public templates a tenant may copy into its catalogue", tag: "compute", permission: "compute:read", kind: "list", query: pageQuery, serve: async (_ctx, { query }) => sliceList(publicTemplates().map((t) => ({ id: t.code, name: t.code, ...t })), query, BY_NAME) }),
  listPools: read({ path: "/compute/pools", summary: "The tenant's compute pools with their memory figures", tag: "compute", permission: "compute:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listPools(ctx), query, BY_NAME) }),
  getPool: read({ path: "/compute/pools/{id}", summary: "One compute pool, its hosts and VMs", tag: "compute", permission: "compute:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getPool(ctx, params.id!) }) }),
  listHosts: read({
    path: "/compute/hosts",
    summary: "The tenant's hosts, each with its status and the memory it holds against its share of its pool",
    tag: "compute",
    permission: "compute:read",
    kind: "list",
    query: hostListQuery,
    serve: (ctx, { query }) => paged(query, BY_NAME, (p) => listHosts(ctx, { ...only<Q>(query, ["q", "status", "pool"]), sort: "name", dir: "asc", ...p })),
  }),
  listVms: read({
    path: "/compute/vms",
    summary: "The tenant's virtual machines",
    tag: "compute",
    permission: "compute:read",
    kind: "list",
    query: vmListQuery,
    serve: (ctx, { query }) => paged(query, BY_NAME, (p) => listVms(ctx, { ...only<Q>(query, ["q", "state", "tag"]), sort: "name", dir: "asc", ...p })),
  }),
  getVm: read({ path: "/compute/vms/{id}", summary: "One VM", tag: "compute", permission: "compute:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getVm(ctx, params.id!) }) }),
  listConsoleHistory: read({
    path: "/compute/vms/{id}/console/history",
    summary: "A VM's console history, newest first: each line typed at its simulated console (or key combination sent), who typed it and when (audit:read: it names people and what they typed)",
    tag: "compute",
    permission: "audit:read",
    kind: "list",
    params: idParams,
    query: pageQuery,
    serve: (ctx, { params, query }) => paged(query, NEWEST_FIRST, async (p) => ({ total: null, rows: (await listConsoleHistory(ctx, params.id!, { after: p.after, size: p.pageSize })).rows })),
  }),
  listAffinityRules: read({
    path: "/compute/affinity-rules",
    summary: "The tenant's affinity and anti-affinity rules",
    tag: "compute",
    permission: "compute:read",
    kind: "list",
    query: pageQuery,
    serve: (ctx, { query }) => paged(query, BY_NAME, (p) => listAffinityRules(ctx, { sort: "name", dir: "asc", ...p })),
  }),
  listDatastores: read({ path: "/storage/datastores", summary: "The tenant's datastores with their space and IOPS figures", tag: "storage", permission: "storage:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listDatastores(ctx), query, BY_NAME) }),
  getDatastore: read({ path: "/storage/datastores/{id}", summary: "One datastore: space, snapshot reserve, IOPS budget and its VMs", tag: "storage", permission: "storage:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getDatastore(ctx, params.id!) }) }),
  listBackupPolicies: read({ path: "/backup/policies", summary: "The tenant's backup policies (a VM needs one before it may power on)", tag: "data-protection", permission: "backup:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listBackupPolicies(ctx), query, BY_NAME) }),
  listBackupCoverage: read({
    path: "/backup/coverage",
    summary: "Every VM with its backup policies and replication's RPO status, uncovered first",
    tag: "data-protection",
    permission: "backup:read",
    kind: "list",
    query: coverageListQuery,
    serve: (ctx, { query }) => paged(query, UNCOVERED_FIRST, (p) => listCoverage(ctx, { ...only<Q>(query, ["q", "coverage", "state"]), sort: "coverage", dir: "asc", ...p })),
  }),
  listBackupJobs: read({
    path: "/backup/jobs",
    summary: "The tenant's backup runs, newest first: VM, policy, zones, state, size, start and end",
    tag: "data-protection",
    permission: "backup:read",
    kind: "list",
    query: backupJobListQuery,
    serve: (ctx, { query }) => paged(query, NEWEST_STARTED, (p) => listBackupJobs(ctx, { ...only<Q>(query, ["state", "vmId", "q"]), sort: "startedAt", dir: "desc", ...p })),
  }),
  getBackupJob: read({ path: "/backup/jobs/{id}", summary: "One backup run with its log and the files it holds (read-only listing)", tag: "data-protection", permission: "backup:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getBackupJob(ctx, params.id!) }) }),
  listReplications: read({
    path: "/data-protection/replications",
    summary: "The tenant's VM replications and storage mirrors, each with its RPO status measured now",
    tag: "data-protection",
    permission: "backup:read",
    kind: "list",
    query: replicationListQuery,
    serve: (ctx, { query }) => paged(query, BY_SUBJECT, (p) => listReplications(ctx, { ...only<Q>(query, ["kind", "rpo", "q"]), sort: "subject", dir: "asc", ...p })),
  }),
  listMirrorCandidates: read({ path: "/data-protection/mirrors", summary: "The tenant's datastores with the mirror protecting each", tag: "data-protection", permission: "backup:read", kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listMirrorCandidates(ctx), query, BY_NAME) }),
  listVlans: read({
    path: "/network/vlans",
    summary: "The tenant's VLANs and those offered to it, with their propagations",
    tag: "network",
    permission: "network:read",
    kind: "list",
    query: vlanListQuery,
    serve: (ctx, { query }) => paged(query, BY_TAG, (p) => listVlans(ctx, { ...only<Q>(query, ["q", "scope"]), sort: "tag", dir: "asc", ...p })),
  }),
  listOrders: read({
    path: "/orders",
    summary: "The tenant's orders (pools, hosts, datastores, VLANs)",
    tag: "orders",
    permission: "order:read",
    kind: "list",
    query: orderListQuery,
    serve: (ctx, { query }) => paged(query, NEWEST_FIRST, (p) => listOrders(ctx, { ...only<Q>(query, ["status"]), sort: "createdAt", dir: "desc", ...p })),
  }),
  getOrder: read({ path: "/orders/{id}", summary: "One order, its events and the activities that carried it", tag: "orders", permission: "order:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getOrder(ctx, params.id!) }) }),
  listMembers: read({
    path: "/iam/members",
    summary: "The tenant's members with their permissions and their account's standing",
    tag: "iam",
    permission: "iam:read",
    kind: "list",
    query: pageQuery,
    serve: async (ctx, { query }) => sliceList((await listMembers(ctx)).map((m) => ({ id: m.user.id, ...m })), query, BY_EMAIL),
  }),
  getAllowedRanges: read({
    path: "/iam/allowed-ranges",
    summary: "The tenant's allowed address ranges (none: no restriction), and the address this request came from",
    tag: "iam",
    permission: "iam:read",
    kind: "read",
    serve: async (ctx) => ({ json: await listAllowedRanges(ctx) }),
  }),
  getTotpRequirement: read({
    path: "/iam/two-factor",
    summary: "Whether the tenant requires two-factor authentication of its members, and how many active members do not have it on",
    tag: "iam",
    permission: "iam:read",
    kind: "read",
    serve: async (ctx) => ({ json: await getTotpRequirement(ctx) }),
  }),
  listTokens: read({ path: "/iam/tokens", summary: "The caller's own tokens in the tenant; every member's with iam:read. Never a secret", tag: "iam", permission: null, kind: "list", query: pageQuery, serve: async (ctx, { query }) => sliceList(await listTokens(ctx), query, NEWEST_FIRST) }),
  listActivities: read({
    path: "/activities",
    summary: "The tenant's activities, newest first",
    tag: "activities",
    permission: "activity:read",
    kind: "list",
    query: activityListQuery,
    serve: (ctx, { query }) => paged(query, NEWEST_FIRST, (p) => listActivities(ctx, { ...only<Q>(query, ["state", "resourceType", "resourceId"]), sort: "createdAt", dir: "desc", ...p })),
  }),
  getActivity: read({ path: "/activities/{id}", summary: "One activity: state, progress, and once completed the resource it made or changed", tag: "activities", permission: "activity:read", kind: "read", params: idParams, serve: async (ctx, { params }) => ({ json: await getActivity(ctx, params.id!) }) }),
  listAudit: read({
    path: "/audit",
    summary: "The tenant's audit trail, newest first",
    tag: "audit",
    permission: "audit:read",
    kind: "list",
    query: auditListQuery,
    serve: (ctx, { query }) => paged(query, NEWEST_FIRST, (p) => listAuditEvents(ctx, { ...only<Q>(query, ["action", "outcome", "targetId"]), sort: "createdAt", dir: "desc", ...p })),
  }),
  getCatalog: read({ path: "/catalog", summary: "Node types, storage tiers, licences, VM templates and zones", tag: "catalog", permission: "compute:read", kind: "read", response: z.object({}).loose(), serve: async (ctx) => ({ json: catalogOf(ctx.tenant.regionId) }) }),
  getPrometheus: read({ path: "/metrics/prometheus", summary: "Pool and datastore metrics in Prometheus text format", tag: "metrics", permission: "metric:read", kind: "read", text: "text/plain; version=0.0.4", serve: (ctx) => prometheusText(ctx) }),
  listAlerts: read({
    path: "/dashboards/alerts",
    summary: "The tenant's alerts, newest first: open and acknowledged by default (view=all for the history), filtered by state, kind and resource in the database, paged by cursor",
    tag: "dashboards",
    permission: "metric:read",
    kind: "list",
    query: alertListQuery,
    serve: async (ctx, { query }) => {
      const r = await listAlerts(ctx, alertListQuery.parse(query));
      return { list: r.alerts, nextCursor: r.nextCursor, total: r.total };
    },
  }),
  listCapacity: read({
    path: "/dashboards/capacity",
    summary:
      "Every pool of every tenant the caller may read with metric:read (a token: its own tenant), with its allocated and consumed share of its capacity, the minutes consumed above the memory-pressure line (CPOOL.MEMORY_PRESSURE) over the range, the days until its consumed peaks reach that line, and its unresolved alerts; by tenant, then pool",
    tag: "dashboards",
    permission: "metric:read",
    kind: "list",
    query: pageQuery.extend(capacityApiQuery.shape),
    serve: async (ctx, { query }) => sliceList((await capacityRows(ctx, parseRange(query.range))).rows, query, BY_TENANT_AND_NAME),
  }),
};
