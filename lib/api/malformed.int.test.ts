import { describe, it, expect, beforeAll, vi } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { createOrganization } from "@/lib/db/factories";
import { ENDPOINTS, type Endpoint } from "@/lib/api/contract";
import { call, fingerprint, makeApiTenant, routeFiles, routeModule, tokenFor, type ApiFixture } from "@/test/api/fixture";

// Property tests (issue 10): generated malformed bodies sent to every write route of the API
// (found from the code): always 400 (or 422), never a 500, never a stack or ORM text, and the
// database unchanged. The 25/s limit is tested on its own (lib/rate-limit.int.test.ts); here it
// would only turn fast runs into 429s.
vi.mock("@/lib/rate-limit", () => ({ limiter: () => ({ consume: async () => ({ ok: true }) }) }));

let f: ApiFixture;
let token = "";
beforeAll(async () => {
  f = await makeApiTenant((await createOrganization(db())).id);
  token = await tokenFor(f.tenantId);
});

const toContractPath = (route: string) => `/${route.replace(/\[(\w+)\]/g, "{$1}")}`;
const paramsOf = (route: string): Record<string, string> => ({ ...(route.includes("[id]") ? { id: f.vmId } : {}), ...(route.includes("[sid]") ? { sid: f.snapshotId } : {}) });

/** Values a client might send in place of a field: wrong types, huge, empty, injected. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.constantFrom("", " ", "'; DROP TABLE \"Vm\"; --", "\u0000", "𝕏".repeat(300), "-1", "1e309", "NaN", "__proto__"),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
);

/** A valid body with one field replaced by junk or removed, or junk for the whole body. */
function malformed(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  if (keys.length === 0) return fc.oneof(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), junk, { minKeys: 1, maxKeys: 6 }), junk);
  return fc.oneof(
    fc.record({ k: fc.constantFrom(...keys), v: junk }).map(({ k, v }) => ({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([x]) => x !== k))),
    fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 6 }),
    junk,
  );
}

const VALID: Record<string, (f: ApiFixture) => Record<string, unknown>> = {
  "/compute/vms": (f) => ({ name: "prop-vm", templateCode: "debian-12", poolId: f.poolId, datastoreId: f.datastoreId, cpu: 2, memoryGb: 4, diskGib: 40, powerOn: false }),
  "/compute/vms/{id}": () => ({ cpu: 4, memoryGb: 8 }),
  "/compute/vms/{id}/power": () => ({ action: "on" }),
  "/compute/vms/{id}/snapshots": () => ({ name: "prop" }),
  "/compute/vms/{id}/encryption": () => ({}),
  "/compute/affinity-rules": (f) => ({ poolId: f.poolId, name: "prop-rule", kind: "AFFINITY", vmIds: [f.vmId] }),
  "/orders": (f) => ({ kind: "datastore_resize", datastoreId: f.datastoreId, sizeGib: 4096 }),
};

async function writeRoutes() {
  const out: { route: string; method: "POST" | "PATCH"; endpoint: Endpoint }[] = [];
  for (const route of routeFiles()) {
    const mod = await routeModule(route);
    for (const method of ["POST", "PATCH"] as const) {
      if (!mod[method]) continue;
      const endpoint = Object.values(ENDPOINTS).find((e) => e.method === method && e.path === toContractPath(route));
      if (!endpoint) throw new Error(`${method} ${route} is not in the contract`);
      out.push({ route, method, endpoint });
    }
  }
  return out;
}

describe("malformed bodies on every write route", () => {
  it("finds every write route with a valid example to mutate", async () => {
    const routes = await writeRoutes();
    expect(routes.map((r) => r.endpoint.path).sort()).toEqual(Object.keys(VALID).sort());
  });

  it("answers 400 (with the fields) or 422, never 500, and changes nothing", async () => {
    const before = await fingerprint(f.tenantId);
    for (const { route, method, endpoint } of await writeRoutes()) {
      const schema = endpoint.body as z.ZodType;
      await fc.assert(
        fc.asyncProperty(malformed(VALID[endpoint.path]!(f)), async (body) => {
          fc.pre(!schema.safeParse(body).success);
          const res = await call(route, method, { token, params: paramsOf(route), body });
          const text = await res.text();
          expect([400, 422], `${method} ${route} ${JSON.stringify(body)} → ${res.status} ${text}`).toContain(res.status);
          expect(text).not.toMatch(/prisma|at .*\.ts:\d+|stack/i);
          if (res.status === 400) expect(JSON.parse(text)).toMatchObject({ code: "INVALID", fields: expect.any(Object) });
        }),
        { numRuns: 40 },
      );
      // Not JSON at all.
      for (const rawBody of ["{", "not json", "[1,2]", "null", "\"x\""]) {
        const res = await call(route, method, { token, params: paramsOf(route), rawBody });
        expect(res.status, `${method} ${route} ${rawBody}`).toBe(400);
      }
    }
    expect(await fingerprint(f.tenantId)).toBe(before);
  }, 120_000);
});
