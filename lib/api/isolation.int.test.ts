import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization } from "@/lib/db/factories";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import { call, fingerprint, makeApiTenant, METHODS, routeFiles, routeModule, tokenFor, type ApiFixture } from "@/test/api/fixture";

// Every route of the REST API, found from the code itself (app/api/v1/**/route.ts and the methods
// each exports): a route or a method without a row below fails this test. For each one: no token
// → 401; a token whose user lacks the permission → 403; another tenant's resource → 404 (the same
// answer as a missing one), and the other tenant's inventory unchanged.

type Row =
  | {
      permission: Permission;
      /** Path parameters naming resources of the tenant f. */
      params?: (f: ApiFixture) => Record<string, string>;
      body?: (f: ApiFixture) => unknown;
      /** The ids of f that a list of another tenant must never show. */
      listsIds?: (f: ApiFixture) => string[];
    }
  | { public: string };

const vmBody = (f: ApiFixture) => ({ name: "iso-vm", templateCode: "debian-12", poolId: f.poolId, datastoreId: f.datastoreId, cpu: 2, memoryGb: 4, diskGib: 40, backupPolicyId: f.policyId, powerOn: false });

export const ROUTES: Record<string, Row> = {
  "GET compute/pools": { permission: "compute:read", listsIds: (f) => [f.poolId] },
  "GET compute/pools/[id]": { permission: "compute:read", params: (f) => ({ id: f.poolId }) },
  "GET compute/vms": { permission: "compute:read", listsIds: (f) => [f.vmId] },
  "POST compute/vms": { permission: "compute:write", body: vmBody },
  "GET compute/vms/[id]": { permission: "compute:read", params: (f) => ({ id: f.vmId }) },
  "PATCH compute/vms/[id]": { permission: "compute:write", params: (f) => ({ id: f.vmId }), body: () => ({ cpu: 4 }) },
  "DELETE compute/vms/[id]": { permission: "compute:write", params: (f) => ({ id: f.vmId }) },
  "POST compute/vms/[id]/power": { permission: "vm:power", params: (f) => ({ id: f.vmId }), body: () => ({ action: "on" }) },
  "POST compute/vms/[id]/snapshots": { permission: "compute:write", params: (f) => ({ id: f.vmId }), body: () => ({ name: "iso" }) },
  "DELETE compute/vms/[id]/snapshots/[sid]": { permission: "compute:write", params: (f) => ({ id: f.vmId, sid: f.snapshotId }) },
  "POST compute/vms/[id]/encryption": { permission: "compute:management", params: (f) => ({ id: f.vmId }), body: () => ({}) },
  "GET compute/affinity-rules": { permission: "compute:read", listsIds: (f) => [f.ruleId] },
  "POST compute/affinity-rules": { permission: "compute:write", body: (f) => ({ poolId: f.poolId, name: "iso-rule", kind: "AFFINITY", vmIds: [f.vmId] }) },
  "GET storage/datastores": { permission: "storage:read", listsIds: (f) => [f.datastoreId] },
  "GET orders": { permission: "order:read", listsIds: (f) => [f.orderId] },
  "POST orders": { permission: "order:write", body: (f) => ({ kind: "datastore_resize", datastoreId: f.datastoreId, sizeGib: 4096 }) },
  "GET activities": { permission: "activity:read", listsIds: (f) => [f.activityId] },
  "GET activities/[id]": { permission: "activity:read", params: (f) => ({ id: f.activityId }) },
  "GET audit": { permission: "audit:read" },
  "GET catalog": { permission: "compute:read" },
  "GET metrics/prometheus": { permission: "metric:read", listsIds: (f) => [f.poolId, f.datastoreId] },
  "GET openapi.json": { public: "the API's own description: no tenant data" },
};

const s = { a: null as unknown as ApiFixture, b: null as unknown as ApiFixture, adminA: "", tokensWithout: new Map<Permission, string>() };

beforeAll(async () => {
  const org = await createOrganization(db());
  s.a = await makeApiTenant(org.id);
  s.b = await makeApiTenant(org.id);
  s.adminA = await tokenFor(s.a.tenantId);
  for (const p of new Set(Object.values(ROUTES).flatMap((r) => ("permission" in r ? [r.permission] : [])))) {
    s.tokensWithout.set(p, await tokenFor(s.a.tenantId, PERMISSIONS.filter((x) => x !== p)));
  }
});

async function declaredRoutes(): Promise<string[]> {
  const out: string[] = [];
  for (const file of routeFiles()) {
    const mod = await routeModule(file);
    for (const m of METHODS) if (typeof mod[m] === "function") out.push(`${m} ${file}`);
  }
  return out.sort();
}

describe("every REST API route", () => {
  it("has a row in the isolation table (a new route or method cannot be forgotten)", async () => {
    expect(await declaredRoutes()).toEqual(Object.keys(ROUTES).sort());
  });

  for (const [key, row] of Object.entries(ROUTES)) {
    const [method, route] = key.split(" ") as [(typeof METHODS)[number], string];
    if ("public" in row) {
      it(`${key} answers without a token (${row.public})`, async () => {
        expect((await call(route, method)).status).toBe(200);
      });
      continue;
    }
    describe(key, () => {
      it("answers 401 without a token, and with an unknown one", async () => {
        const before = await fingerprint(s.a.tenantId);
        for (const token of [undefined, "scp_unknown", "not-even-a-token"]) {
          const res = await call(route, method, { token, params: row.params?.(s.a), body: row.body?.(s.a) });
          expect(res.status).toBe(401);
          expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
        }
        expect(await fingerprint(s.a.tenantId)).toBe(before);
      });

      it(`answers 403 to a token whose user lacks ${row.permission}, changing nothing`, async () => {
        const before = await fingerprint(s.a.tenantId);
        const res = await call(route, method, { token: s.tokensWithout.get(row.permission), params: row.params?.(s.a), body: row.body?.(s.a) });
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ code: "FORBIDDEN", permission: row.permission });
        expect(await fingerprint(s.a.tenantId)).toBe(before);
      });

      it("answers 404 for another tenant's resources and shows none of them, changing nothing there", async () => {
        const before = await fingerprint(s.b.tenantId);
        if (row.params || row.body) {
          const res = await call(route, method, { token: s.adminA, params: row.params?.(s.b) ?? row.params?.(s.a), body: row.body?.(s.b) });
          expect(res.status, await res.clone().text()).toBe(404);
          expect(await res.json()).toMatchObject({ code: "NOT_FOUND" });
        } else {
          const res = await call(route, method, { token: s.adminA, query: route === "audit" ? {} : {} });
          expect(res.status).toBe(200);
          const text = await res.text();
          for (const id of [s.b.tenantId, ...(row.listsIds?.(s.b) ?? [])]) expect(text).not.toContain(id);
          for (const id of row.listsIds?.(s.a) ?? []) expect(text).toContain(id);
        }
        expect(await fingerprint(s.b.tenantId)).toBe(before);
      });
    });
  }
});
