import { describe, it, expect } from "vitest";
import { BODY_LIMITS, MAX_DEPTH, checkUrl, guardRequest } from "./request-guard";

// The hostile-client findings on input: NUL bytes, lone surrogates and malformed percent-encoding
// answered 500 from path ids, filters and bodies; bodies had no size limit. Each is refused here
// with 400 (or 413/411) and the field's name, before any route reads it.
const u = (s: string) => new URL(`http://localhost${s}`);

describe("the URL", () => {
  it.each([
    ["/api/v1/compute/vms/%00", "path"],
    ["/api/v1/compute/vms/%C0%AE", "path"],
    ["/api/v1/compute/vms/%FF", "path"],
    ["/api/v1/compute/vms/%ED%A0%80", "path"], // a lone surrogate, encoded as UTF-8 would (invalid)
    ["/t/production/compute/vms%zz", "path"],
    ["/t/production/compute/vms?q=%00", "q"],
    ["/t/production/compute/vms?tag=a%00b", "tag"],
    ["/api/v1/audit?targetId=%00", "targetId"],
    ["/api/v1/activities?resourceId=%FF", "resourceId"],
    ["/api/console/production/activities?ids=%00", "ids"],
    ["/t/production/compute/vms?%00=1", "_"],
    ["/t/production/compute/vms?q=%E0%A4%A", "q"],
  ])("%s → 400 naming %s", (path, field) => {
    expect(checkUrl(u(path))).toMatchObject({ status: 400, field });
  });

  it.each(["/t/production/compute/vms?q=caf%C3%A9&sort=name", "/api/v1/compute/vms/cm1abc", "/api/v1/compute/vms?q=a+b%20c", "/t/production/compute/vms?q=%F0%9D%95%8F", "/"])("lets %s through", (path) => {
    expect(checkUrl(u(path))).toBeNull();
  });
});

const post = (path: string, body: BodyInit | null, headers: Record<string, string>) => new Request(`http://localhost${path}`, { method: "POST", body, headers });
const json = (path: string, value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return post(path, text, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
};

describe("bodies", () => {
  it.each([
    [{ poolId: "\u0000" }, "poolId"],
    [{ name: "snap\u0000shot" }, "name"],
    [{ name: "\uD800" }, "name"],
    [{ disks: [{ name: "ok" }, { name: "x\uDFFFy" }] }, "disks.1.name"],
    [{ ["k\u0000"]: 1 }, "body"],
  ])("JSON %j → 400 naming %s", async (body, field) => {
    expect(await guardRequest(json("/api/v1/compute/vms", body))).toMatchObject({ status: 400, field });
  });

  it("refuses JSON nested deeper than the limit, without overflowing the stack", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    expect(await guardRequest(json("/api/v1/compute/vms", deep))).toMatchObject({ status: 400, field: expect.any(String) });
    expect(await guardRequest(json("/api/v1/compute/vms", "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH)))).toBeNull();
  });

  it("refuses a sign-in form with a NUL or malformed encoding, naming the field", async () => {
    for (const [text, field] of [["email=a%00%40b.test&password=x", "email"], ["email=a%40b.test&password=%FF", "password"]] as const) {
      const req = post("/api/auth/callback/credentials", text, { "content-type": "application/x-www-form-urlencoded", "content-length": String(text.length) });
      expect(await guardRequest(req)).toMatchObject({ status: 400, field });
    }
  });

  it("refuses a multipart server-action field with a NUL, naming it without the action's prefix", async () => {
    const form = new FormData();
    form.set("1_name", "bad\u0000name");
    form.set("0", JSON.stringify(["$K1"]));
    const probe = new Request("http://localhost/t/production/compute/vms", { method: "POST", body: form });
    const bytes = await probe.arrayBuffer();
    const req = post("/t/production/compute/vms", bytes, { "content-type": probe.headers.get("content-type")!, "content-length": String(bytes.byteLength), "next-action": "abc" });
    expect(await guardRequest(req)).toMatchObject({ status: 400, field: "name" });
  });

  it("refuses a body that is not UTF-8, and a text body with a NUL", async () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0x7d]);
    expect(await guardRequest(post("/api/v1/compute/vms", bytes, { "content-type": "application/json", "content-length": "3" }))).toMatchObject({ status: 400, field: "body" });
    expect(await guardRequest(post("/t/x", "a\u0000b", { "content-type": "text/plain", "content-length": "3" }))).toMatchObject({ status: 400, field: "body" });
  });

  it("refuses a body over its limit with 413 from Content-Length alone, before reading it", async () => {
    // The stream would throw if read: the guard must decide on the header.
    const unread = new ReadableStream({ pull: () => Promise.reject(new Error("read")) });
    const big = (path: string, n: number) => new Request(`http://localhost${path}`, { method: "POST", body: unread, headers: { "content-length": String(n) }, duplex: "half" } as RequestInit);
    expect(await guardRequest(big("/api/auth/callback/credentials", BODY_LIMITS.auth + 1))).toMatchObject({ status: 413, field: "body" });
    expect(await guardRequest(big("/api/v1/compute/vms", 50 * 1024 * 1024))).toMatchObject({ status: 413 });
    expect(await guardRequest(big("/t/production/compute/vms", BODY_LIMITS.default + 1))).toMatchObject({ status: 413 });
  });

  it("refuses a chunked body (no length to check) with 411", async () => {
    const req = new Request("http://localhost/api/v1/compute/vms", { method: "POST", body: "{}", headers: { "transfer-encoding": "chunked" } });
    req.headers.delete("content-length");
    expect(await guardRequest(req)).toMatchObject({ status: 411 });
  });

  it("lets ordinary bodies through", async () => {
    expect(await guardRequest(json("/api/v1/compute/vms", { name: "web-01", cpu: 2, tags: ["prod", "café"] }))).toBeNull();
    expect(await guardRequest(json("/api/v1/compute/vms", "not json"))).toBeNull(); // the route says why
    const form = "email=owner%40demo.test&password=demo-console-2026&csrfToken=abc&json=true";
    expect(await guardRequest(post("/api/auth/callback/credentials", form, { "content-type": "application/x-www-form-urlencoded", "content-length": String(form.length) }))).toBeNull();
    expect(await guardRequest(new Request("http://localhost/t/production", { method: "GET" }))).toBeNull();
  });
});

describe("the live stream (GET /api/console/events)", () => {
  it("passes the guard: the body rules (length, 411 for chunked) only apply to bodies, and an event stream's request has none", async () => {
    const open = new Request("http://localhost/api/console/events", { headers: { accept: "text/event-stream", "cache-control": "no-cache" } });
    expect(await guardRequest(open)).toBeNull();
    expect(await guardRequest(new Request("http://localhost/api/console/events?tenant=production&tenant=recette"))).toBeNull();
    expect(await guardRequest(new Request("http://localhost/api/console/events?tenant=%00"))).toMatchObject({ status: 400, field: "tenant" });
  });
});
