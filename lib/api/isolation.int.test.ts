import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization } from "@/lib/db/factories";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import { READS } from "@/lib/use-cases/reads";
import { call, fingerprint, makeApiTenant, tokenFor, type ApiFixture } from "@/test/api/fixture";
import { READ_ROWS, routeCases } from "@/test/api/cases";

// Every route of the REST API, generated from the registry (lib/use-cases): the reads and each
// use case's route, with the permission its entry declares. For each one: no token → 401; a token
// whose user holds every permission but that one → 403; another tenant's resource → 404 (the same
// answer as a missing one), and the other tenant's inventory unchanged. The inputs are the ones the
// console's actions take (test/api/inputs.ts, typed by the registry: a new use case without one
// does not compile).

const CASES = routeCases();
const s = { a: null as unknown as ApiFixture, b: null as unknown as ApiFixture, adminA: "", tokensWithout: new Map<Permission, string>() };

beforeAll(async () => {
  const org = await createOrganization(db());
  s.a = await makeApiTenant(org.id);
  s.b = await makeApiTenant(org.id);
  s.adminA = await tokenFor(s.a.tenantId);
  for (const p of new Set(CASES.flatMap((c) => (c.permission ? [c.permission] : [])))) {
    s.tokensWithout.set(p, await tokenFor(s.a.tenantId, PERMISSIONS.filter((x) => x !== p)));
  }
}, 120_000);

describe("every REST API route", () => {
  it("is generated from the registry, every read with its row (a new read cannot be forgotten)", () => {
    expect(Object.keys(READ_ROWS).sort()).toEqual(Object.keys(READS).sort());
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it("GET openapi.json answers without a token (the API's own description: no tenant data)", async () => {
    expect((await call("openapi.json", "GET")).status).toBe(200);
  });

  for (const c of CASES) {
    describe(c.key, () => {
      it("answers 401 without a token, and with an unknown one", async () => {
        const before = await fingerprint(s.a.tenantId);
        for (const token of [undefined, "scp_unknown", "not-even-a-token"]) {
          const res = await call(c.route, c.method, { token, params: c.params?.(s.a), body: c.body?.(s.a) });
          expect(res.status).toBe(401);
          expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
        }
        expect(await fingerprint(s.a.tenantId)).toBe(before);
      });

      if (c.permission) {
        const permission = c.permission;
        it(`answers 403 to a token whose user lacks ${permission}, changing nothing`, async () => {
          const before = await fingerprint(s.a.tenantId);
          const res = await call(c.route, c.method, { token: s.tokensWithout.get(permission), params: c.params?.(s.a), body: c.body?.(s.a) });
          expect(res.status).toBe(403);
          expect(await res.json()).toMatchObject({ code: "FORBIDDEN", permission });
          expect(await fingerprint(s.a.tenantId)).toBe(before);
        });
      }

      it("answers 404 for another tenant's resources and shows none of them, changing nothing there", async () => {
        const before = await fingerprint(s.b.tenantId);
        if (c.write && !c.crosses) {
          // Names no resource at all: nothing of another tenant's to reach.
        } else if (c.params || c.write) {
          const res = await call(c.route, c.method, { token: s.adminA, params: c.params?.(s.b), body: c.body?.(s.b) });
          const text = await res.clone().text();
          if (c.skipsCrossed) {
            expect(res.status, text).toBe(200);
            expect(await res.json()).toMatchObject({ results: [] });
          } else {
            expect(res.status, text).toBe(404);
            expect(await res.json()).toMatchObject({ code: "NOT_FOUND" });
          }
        } else {
          const res = await call(c.route, c.method, { token: s.adminA });
          expect(res.status).toBe(200);
          const text = await res.text();
          for (const id of [s.b.tenantId, ...(c.listsIds?.(s.b) ?? [])]) expect(text).not.toContain(id);
          for (const id of c.listsIds?.(s.a) ?? []) expect(text).toContain(id);
        }
        expect(await fingerprint(s.b.tenantId)).toBe(before);
      });
    });
  }
});
