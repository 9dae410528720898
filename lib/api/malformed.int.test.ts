import { describe, it, expect, beforeAll, vi } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { createOrganization } from "@/lib/db/factories";
import { API_ROUTES } from "@/lib/api/routes";
import type { UseCaseName } from "@/lib/use-cases";
import { call, fingerprint, makeApiTenant, tokenFor, type ApiFixture } from "@/test/api/fixture";
import { routeCases, splitInput } from "@/test/api/cases";
import { INPUTS } from "@/test/api/inputs";

// Property tests: generated malformed bodies sent to every write route of the API (generated
// from the registry): always 400 (or 422), never a 500, never a stack or ORM text, and the
// database unchanged. The 25/s limit is tested on its own (lib/rate-limit.int.test.ts); here it
// would only turn fast runs into 429s.
vi.mock("@/lib/rate-limit", () => ({ limiter: () => ({ consume: async () => ({ ok: true }) }) }));

let f: ApiFixture;
let token = "";
beforeAll(async () => {
  f = await makeApiTenant((await createOrganization(db())).id);
  token = await tokenFor(f.tenantId);
});

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

const WRITES = routeCases().filter((c) => c.write);
const schemaOf = (name: string) => {
  const r = API_ROUTES.find((x) => x.name === name)!;
  return { schema: (r.route!.schema ?? r.useCase!.schema) as z.ZodType, keys: r.route!.params ?? {} };
};

describe("malformed bodies on every write route", () => {
  it("finds every write route of the registry", () => {
    expect(WRITES.length).toBeGreaterThanOrEqual(35);
  });

  it("answers 400 (with the fields) or 422, never 500, and changes nothing", async () => {
    const before = await fingerprint(f.tenantId);
    for (const c of WRITES) {
      const { schema, keys } = schemaOf(c.name);
      const params = c.params?.(f) ?? {};
      const fromPath = Object.fromEntries(Object.entries(keys).map(([p, key]) => [key, params[p]]));
      await fc.assert(
        fc.asyncProperty(malformed(c.body!(f)), async (body) => {
          fc.pre(!schema.safeParse(body !== null && typeof body === "object" && !Array.isArray(body) ? { ...body, ...fromPath } : body).success);
          const res = await call(c.route, c.method, { token, params, body });
          const text = await res.text();
          expect([400, 422], `${c.key} ${JSON.stringify(body)} → ${res.status} ${text}`).toContain(res.status);
          expect(text).not.toMatch(/prisma|at .*\.ts:\d+|stack/i);
          if (res.status === 400) expect(JSON.parse(text)).toMatchObject({ code: "INVALID", fields: expect.any(Object) });
        }),
        { numRuns: 25 },
      );
      // Not JSON at all.
      for (const rawBody of ["{", "not json", "[1,2]", "null", "\"x\""]) {
        const res = await call(c.route, c.method, { token, params, rawBody });
        expect(res.status, `${c.key} ${rawBody}`).toBe(400);
      }
    }
    expect(await fingerprint(f.tenantId)).toBe(before);
  }, 300_000);
});
