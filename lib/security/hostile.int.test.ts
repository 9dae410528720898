import { describe, it, expect, beforeAll, afterEach, vi } from "vitest";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { NextRequest } from "next/server";
import { db } from "@/lib/db/client";
import { createOrganization, createUser, grantMembership } from "@/lib/db/factories";
import { PERMISSIONS } from "@/lib/permissions";
import { proxy } from "@/proxy";
import { declaredRoutes, fingerprint, makeApiTenant, tokenFor, type ApiFixture, type HttpMethod } from "@/test/api/fixture";
import { handleApiRequest } from "@/lib/api/handler";
import { signInAs, signOut } from "@/test/integration/session";
import { BODY_LIMITS } from "./request-guard";

// Fuzzing as a hostile client would, through what serves a request in production: the proxy's
// guard, then the route handler (or the server action's wrapper). Every route of the API and every
// server action, found from the code: NUL bytes, lone surrogates, malformed percent-encoding,
// over-long ids, deep nesting, oversized and chunked bodies, wrong content types. The answer is
// always one of 400/401/403/404/411/413/422, never a 500, and the database is unchanged.
// The 25/s limit would only turn fast runs into 429s: it is tested on its own.
vi.mock("@/lib/rate-limit", () => ({ limiter: () => ({ consume: async () => ({ ok: true }) }) }));

const ALLOWED = [400, 401, 403, 404, 411, 413, 422];
let f: ApiFixture;
let token = "";
let otherToken = "";
let organizationId = "";
let admin = { id: "", email: "", name: "" };
let owner = { id: "", email: "", name: "" };

beforeAll(async () => {
  organizationId = (await createOrganization(db())).id;
  f = await makeApiTenant(organizationId);
  token = await tokenFor(f.tenantId);
  otherToken = await tokenFor((await makeApiTenant((await createOrganization(db())).id)).tenantId);
  admin = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: admin.id, tenantId: f.tenantId, permissions: PERMISSIONS, isOwner: true });
  owner = await createUser(db(), { cost: 4 });
  await db().organizationMember.create({ data: { organizationId, userId: owner.id, role: "OWNER" } });
});
afterEach(() => signOut());

/** What a client can write in a URL: encoded NULs, encodings of nothing valid, a lone surrogate's bytes. */
const badEncoded = fc.constantFrom("%00", "a%00b", "%C0%AE", "%FF", "%ED%A0%80", "%E0%A4%A", "%zz", "x%00".repeat(40));
/** Strings a JSON body or a form can carry that no field accepts. */
const badString = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\uDBFF"),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom("\u0000", "\uD83D", "\uDE00"), fc.string({ maxLength: 20 })).map((p) => p.join("")),
);
const carriesNul = (v: unknown): boolean => (typeof v === "string" ? v.includes("\u0000") : Array.isArray(v) && v.some(carriesNul));
const FIELDS = ["name", "poolId", "datastoreId", "vmId", "vmIds", "action", "kind", "cpu", "memoryGb", "sizeGib", "templateCode", "tags", "note", "confirmName", "email"];
const hostileBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(badString, fc.array(badString, { minLength: 1, maxLength: 3 })), { minKeys: 1, maxKeys: 4 }),
  fc.record({ name: fc.constant("ok"), nested: fc.integer({ min: 40, max: 3000 }).map((d) => JSON.parse("[".repeat(d) + "]".repeat(d)) as unknown) }),
);

type Sent = { status: number; text: string };

/** The tenant's inventory (fingerprint) and what an IAM action could add: tokens, memberships, users. */
async function state(): Promise<string> {
  const [inventory, tokens, memberships, users] = await Promise.all([
    fingerprint(f.tenantId),
    db().personalAccessToken.count({ where: { tenantId: f.tenantId } }),
    db().membership.findMany({ where: { tenantId: f.tenantId }, orderBy: { id: "asc" } }),
    db().user.count(),
  ]);
  return JSON.stringify({ inventory, tokens, memberships, users });
}

/** Through the proxy's guard, then the route handler as Next would call it. */
async function send(route: string, method: HttpMethod, o: { rawId?: string; query?: string; body?: string | Uint8Array; contentType?: string; contentLength?: string; bearer?: string | null }): Promise<Sent> {
  const rawPath = route.replace(/\[(\w+)\]/g, (_, k: string) => o.rawId ?? (k === "sid" ? f.snapshotId : k === "id" ? (route.startsWith("activities") ? f.activityId : route.startsWith("compute/pools") ? f.poolId : f.vmId) : k));
  const url = `http://localhost/api/v1/${rawPath}${o.query ? `?${o.query}` : ""}`;
  const headers: Record<string, string> = { "content-type": o.contentType ?? "application/json" };
  if (o.bearer !== null) headers.authorization = `Bearer ${o.bearer ?? token}`;
  const body = method === "GET" || method === "DELETE" ? undefined : (o.body ?? "{}");
  if (body !== undefined) headers["content-length"] = o.contentLength ?? String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  const make = () => new Request(url, { method, headers, body: body as BodyInit | undefined });
  const gate = await proxy(new NextRequest(make()));
  if (!gate.headers.get("x-middleware-next")) return { status: gate.status, text: await gate.text() };
  // Then the one route handler of the API, as app/api/v1/[...path] calls it.
  const res = route === "openapi.json" ? await (await import("@/app/api/v1/openapi.json/route")).GET() : await handleApiRequest(make());
  return { status: res.status, text: await res.text() };
}

function expectRefused(r: Sent, what: string, statuses = ALLOWED) {
  expect(statuses, `${what} → ${r.status} ${r.text.slice(0, 300)}`).toContain(r.status);
  expect(r.text).not.toMatch(/prisma|at .*\.ts:\d+|stack|invalid byte sequence/i);
}

/** Every route of the registry, as "compute/vms/[id]/power" and its method. */
async function routes() {
  return declaredRoutes().map((r) => {
    const [method, route] = r.split(" ") as [HttpMethod, string];
    return { route, method };
  });
}

describe("every API route, fuzzed through the guard", () => {
  it("refuses hostile path ids with 400 (a 65-character id included, as the OpenAPI document says), never 500", async () => {
    const before = await state();
    for (const { route, method } of (await routes()).filter((r) => r.route.includes("["))) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(badEncoded, fc.constantFrom("x".repeat(65), "y".repeat(5000))), async (rawId) => {
          expectRefused(await send(route, method, { rawId }), `${method} ${route} id=${rawId.slice(0, 30)}`, [400]);
        }),
        { numRuns: 12 },
      );
    }
    expect(await state()).toBe(before);
  }, 120_000);

  it("refuses hostile query parameters with 400 naming the parameter, never 500", async () => {
    const before = await state();
    const keys = fc.constantFrom("q", "tag", "targetId", "resourceId", "state", "cursor", "limit", "action", "sort", "anything");
    for (const { route, method } of (await routes()).filter((r) => r.method === "GET")) {
      await fc.assert(
        fc.asyncProperty(keys, badEncoded, async (key, value) => {
          const r = await send(route, method, { query: `${key}=${value}` });
          expectRefused(r, `${method} ${route}?${key}=${value}`, [400]);
          expect(JSON.parse(r.text)).toMatchObject({ code: "INVALID", fields: { [key]: expect.any(Array) } });
        }),
        { numRuns: 12 },
      );
    }
    expect(await state()).toBe(before);
  }, 120_000);

  it("refuses hostile bodies (NUL, surrogates, deep nesting, not UTF-8, oversized) with 400 or 413, never 500", async () => {
    const before = await state();
    for (const { route, method } of (await routes()).filter((r) => r.method === "POST" || r.method === "PATCH")) {
      await fc.assert(
        fc.asyncProperty(hostileBody, fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"), async (body, contentType) => {
          const r = await send(route, method, { body: JSON.stringify(body), contentType });
          expectRefused(r, `${method} ${route} ${contentType} ${JSON.stringify(body).slice(0, 80)}`, [400]);
        }),
        { numRuns: 25 },
      );
      expectRefused(await send(route, method, { body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) }), `${method} ${route} not UTF-8`, [400]);
      expectRefused(await send(route, method, { body: "{}", contentLength: String(BODY_LIMITS.default + 1) }), `${method} ${route} oversized`, [413]);
      expectRefused(await send(route, method, { body: `{"name":"${"x".repeat(BODY_LIMITS.default)}"}` }), `${method} ${route} 1 MiB string`, [413]);
    }
    expect(await state()).toBe(before);
  }, 180_000);

  it("answers any request without a token 401, and another tenant's token 404 on this tenant's resources, never 500", async () => {
    const before = await state();
    for (const { route, method } of await routes()) {
      if (route === "openapi.json") continue;
      expectRefused(await send(route, method, { bearer: null }), `${method} ${route} without a token`, [401]);
      if (route.includes("[id]")) expectRefused(await send(route, method, { bearer: otherToken, body: "{}" }), `${method} ${route} another tenant`, [400, 404, 422]);
    }
    expect(await state()).toBe(before);
  }, 120_000);
});

// ─── server actions ───

const ACTIONS_DIR = path.resolve(import.meta.dirname, "../actions");
function actionFiles(dir = ACTIONS_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return actionFiles(p);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && dir !== ACTIONS_DIR ? [path.relative(ACTIONS_DIR, p)] : [];
  });
}
/** Actions bound to an organization rather than a tenant (an owner's review, disabling an account). */
const ORGANIZATION_ACTIONS = new Set(["orders/approve-order.ts", "orders/reject-order.ts", "iam/set-user-disabled.ts", "iam/set-sso.ts"]);
/** Actions on the caller's own account (two-factor enrolment): bound to nothing, `(prev, input)`. */
const ACCOUNT_ACTIONS = new Set(["account/begin-totp-enrolment.ts", "account/confirm-totp-enrolment.ts", "account/disable-totp.ts", "account/renew-recovery-codes.ts", "account/accept-invitation.ts"]);
/** Display preferences on the caller's own browser: no wrapper, no database. */
const PREFERENCES = new Set(["preferences/set-locale.ts", "preferences/set-theme.ts"]);

type Action = (boundId: string, prev: unknown, input: unknown) => Promise<{ ok: boolean; code?: string; fieldErrors?: Record<string, string[]> }>;
async function actionOf(file: string): Promise<Action> {
  const mod = (await import(/* @vite-ignore */ path.join(ACTIONS_DIR, file))) as Record<string, unknown>;
  return Object.entries(mod).find(([k, v]) => k.endsWith("Action") && typeof v === "function")![1] as Action;
}

describe("every server action, fuzzed", () => {
  it("refuses a form or an object carrying NUL, a lone surrogate or deep nesting with INVALID naming the field, never INTERNAL, changing nothing", async () => {
    const before = await state();
    const files = actionFiles().filter((file) => !PREFERENCES.has(file));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const action = await actionOf(file);
      const org = ORGANIZATION_ACTIONS.has(file);
      signInAs(org ? owner : admin);
      await fc.assert(
        fc.asyncProperty(hostileBody, fc.boolean(), async (body, asForm) => {
          // A form carries strings only: nesting there is text, not depth. And FormData, like a
          // browser, turns a lone surrogate into U+FFFD (a form's values are USVStrings): what
          // reaches the action is a valid character, so a form is hostile only through a NUL.
          fc.pre(!(asForm && ("nested" in body || !Object.values(body).some(carriesNul))));
          let input: unknown = body;
          if (asForm) {
            const form = new FormData();
            for (const [k, v] of Object.entries(body)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, typeof item === "string" ? item : JSON.stringify(item));
            input = form;
          }
          const r = ACCOUNT_ACTIONS.has(file) ? await (action as unknown as (prev: unknown, input: unknown) => ReturnType<Action>)(null, input) : await action(org ? organizationId : f.tenantId, null, input);
          expect(r, `${file} ${JSON.stringify(body).slice(0, 80)}`).toMatchObject({ ok: false, code: "INVALID" });
          expect(Object.keys(r.fieldErrors ?? {}).length).toBeGreaterThan(0);
        }),
        { numRuns: 8 },
      );
    }
    expect(await state()).toBe(before);
  }, 180_000);
});
