import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization } from "@/lib/db/factories";
import { openApiDocument } from "@/lib/api/openapi";
import { API_ROUTES } from "@/lib/api/routes";
import { USE_CASES, routeOf } from "@/lib/use-cases";
import { call, makeApiTenant, tokenFor, type ApiFixture } from "@/test/api/fixture";

let f: ApiFixture;
let token = "";
beforeAll(async () => {
  f = await makeApiTenant((await createOrganization(db())).id);
  token = await tokenFor(f.tenantId);
});

describe("the REST API's contract", () => {
  it("refuses a token's 26th request within a second with 429 and Retry-After", async () => {
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 10));
    // Sent at once: the limiter counts before anything else, so all 26 land in one window.
    const responses = await Promise.all([...Array(26)].map(() => call("catalog", "GET", { token })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(25);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.headers.get("retry-after")).toBe("1");
    expect(await refused[0]!.json()).toMatchObject({ code: "RATE_LIMITED" });
    await new Promise((r) => setTimeout(r, 1100));
  });

  it("pages a list with limit and cursor, and refuses a forged cursor with 400", async () => {
    await db().datastore.createMany({ data: [1, 2].map((i) => ({ tenantId: f.tenantId, azId: "PAR7S", name: `extra-${i}`, tierCode: "STANDARD", sizeGib: 1024 })) });
    const first = (await (await call("storage/datastores", "GET", { token, query: { limit: "2" } })).json()) as { items: { id: string }[]; nextCursor: string };
    expect(first.items).toHaveLength(2);
    const second = (await (await call("storage/datastores", "GET", { token, query: { limit: "2", cursor: first.nextCursor } })).json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((d) => d.id)).size).toBe(3);
    const forged = await call("storage/datastores", "GET", { token, query: { cursor: "eyJvIjozfQ" } });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ code: "INVALID", fields: { cursor: [expect.any(String)] } });
    expect((await call("storage/datastores", "GET", { token, query: { limit: "0" } })).status).toBe(400);
  });

  it("answers a bad body with 400 and the fields at fault, in the caller's language", async () => {
    const res = await call("compute/vms/[id]/power", "POST", { token, params: { id: f.vmId }, body: { action: "explode" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "INVALID", fields: { action: [expect.any(String)] } });
  });

  it("publishes an OpenAPI 3.1 document with every route, generated from the registry's schemas", async () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths ?? {}).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`));
    expect(operations.sort()).toEqual([...API_ROUTES.map((r) => `${r.method} /api/v1${r.path}`), "GET /api/v1/openapi.json"].sort());
    // Every use case with a route is in it, under its registry name.
    const ids = Object.values(doc.paths!).flatMap((ops) => Object.values(ops as Record<string, { operationId: string }>).map((o) => o.operationId));
    for (const [name, u] of Object.entries(USE_CASES)) if (routeOf(u)) expect(ids).toContain(name);
    const post = doc.paths!["/api/v1/compute/vms"]!.post!;
    expect(JSON.stringify(post.requestBody)).toContain('"templateCode"');
    expect(Object.keys(post.responses ?? {})).toEqual(expect.arrayContaining(["201", "400", "401", "403", "404", "422", "429"]));
    expect(post.description).toContain("compute:write");
    // The path fills the VM: the body of a power action carries the action, not the id.
    const power = JSON.stringify(doc.paths!["/api/v1/compute/vms/{id}/power"]!.post!.requestBody);
    expect(power).toContain('"suspend"');
    expect(power).not.toContain('"vmId"');
    const res = await call("openapi.json", "GET");
    expect(res.status).toBe(200);
  });

  it("exposes pool and datastore figures in Prometheus format to a token with metric:read", async () => {
    const metricsOnly = await tokenFor(f.tenantId, ["metric:read"]);
    const res = await call("metrics/prometheus", "GET", { token: metricsOnly });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(new RegExp(`console_pool_memory_activated_gb\\{.*pool_id="${f.poolId}".*\\} \\d+`));
    expect(text).toMatch(new RegExp(`console_datastore_iops_limit\\{.*datastore_id="${f.datastoreId}".*\\} \\d+`));
    expect(text).toContain("# TYPE console_datastore_size_gib gauge");
  });
});
