// Every route of the API as a test case, generated from the registry: the permission comes from
// the entry itself, the inputs from test/api/inputs.ts (use cases) or READ_ROWS (reads).
import type { Permission } from "@/lib/permissions";
import { API_ROUTES } from "@/lib/api/routes";
import type { READS } from "@/lib/use-cases/reads";
import type { UseCaseName } from "@/lib/use-cases";
import { bracketed, type ApiFixture, type HttpMethod } from "./fixture";
import { CROSSES_NOTHING, INPUTS, SKIPS_CROSSED } from "./inputs";

type ReadRow = { params?: (f: ApiFixture) => Record<string, string>; /** Ids of f that its list shows (and another tenant's must not). */ listsIds?: (f: ApiFixture) => string[] };

export const READ_ROWS: Record<keyof typeof READS, ReadRow> = {
  listPools: { listsIds: (f) => [f.poolId] },
  listCatalogItems: { listsIds: (f) => [f.isoItemId, f.templateItemId] },
  listPublicTemplates: {},
  listDetachedDisks: { listsIds: (f) => [f.detachedDiskId] },
  getPool: { params: (f) => ({ id: f.poolId }) },
  listHosts: { listsIds: (f) => [f.hostId] },
  listVms: { listsIds: (f) => [f.vmId] },
  getVm: { params: (f) => ({ id: f.vmId }) },
  listConsoleHistory: { params: (f) => ({ id: f.vmId }) },
  listAffinityRules: { listsIds: (f) => [f.ruleId] },
  listDatastores: { listsIds: (f) => [f.datastoreId] },
  getDatastore: { params: (f) => ({ id: f.datastoreId }) },
  listBackupPolicies: { listsIds: (f) => [f.policyId] },
  listBackupCoverage: { listsIds: (f) => [f.vmId] },
  listBackupJobs: { listsIds: (f) => [f.backupJobId] },
  getBackupJob: { params: (f) => ({ id: f.backupJobId }) },
  listReplications: { listsIds: (f) => [f.replicationId] },
  listMirrorCandidates: { listsIds: (f) => [f.datastoreId] },
  listVlans: { listsIds: (f) => [f.vlanId] },
  listOrders: { listsIds: (f) => [f.orderId] },
  getOrder: { params: (f) => ({ id: f.orderId }) },
  listMembers: { listsIds: (f) => [f.memberId] },
  listTokens: { listsIds: (f) => [f.tokenId] },
  getAllowedRanges: {},
  getTotpRequirement: {},
  listActivities: { listsIds: (f) => [f.activityId] },
  getActivity: { params: (f) => ({ id: f.activityId }) },
  listAudit: {},
  getCatalog: {},
  getPrometheus: { listsIds: (f) => [f.poolId, f.datastoreId] },
  listAlerts: { listsIds: (f) => [f.alertId] },
  listCapacity: { listsIds: (f) => [f.poolId] },
};

export type RouteCase = {
  key: string;
  name: string;
  route: string;
  method: HttpMethod;
  permission: Permission | null;
  params?: (f: ApiFixture) => Record<string, string>;
  body?: (f: ApiFixture) => Record<string, unknown>;
  listsIds?: (f: ApiFixture) => string[];
  write: boolean;
  crosses: boolean;
  skipsCrossed: boolean;
};

/** A console input split as the route takes it: the path's ids, and the body with the rest. */
export function splitInput(pathParams: Record<string, string> | undefined, input: Record<string, unknown>) {
  const params: Record<string, string> = {};
  const body = { ...input };
  for (const [p, key] of Object.entries(pathParams ?? {})) {
    params[p] = String(input[key]);
    delete body[key];
  }
  return { params, body };
}

export function routeCases(): RouteCase[] {
  return API_ROUTES.map((r) => {
    const base = { key: `${r.method} ${bracketed(r.path)}`, name: r.name, route: bracketed(r.path), method: r.method };
    if (r.read) {
      const row = READ_ROWS[r.name as keyof typeof READS];
      return { ...base, permission: r.read.permission, params: row?.params, listsIds: row?.listsIds, write: false, crosses: true, skipsCrossed: false };
    }
    const name = r.name as UseCaseName;
    const input = INPUTS[name];
    return {
      ...base,
      permission: r.useCase!.permission,
      params: r.route!.params ? (f: ApiFixture) => splitInput(r.route!.params, input(f)).params : undefined,
      body: (f: ApiFixture) => splitInput(r.route!.params, input(f)).body,
      write: true,
      crosses: !CROSSES_NOTHING.includes(name),
      skipsCrossed: SKIPS_CROSSED.includes(name),
    };
  });
}
