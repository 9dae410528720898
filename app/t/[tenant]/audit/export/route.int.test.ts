import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { PERMISSIONS } from "@/lib/permissions";
import { AUDIT_CSV_HEADER } from "@/lib/audit-view";
import { signInAs, signOut } from "@/test/integration/session";
import { GET } from "./route";

// The audit log's CSV export: authorised like every entry point (no session → 401, another
// tenant → 404, no audit:read → 403 and audited), then exactly the rows the filters show,
// streamed in batches, escaped for spreadsheets.
const s = { org: "", a: { id: "", slug: "" }, b: { id: "", slug: "" }, auditor: { id: "", email: "", name: "" }, noAudit: { id: "", email: "", name: "" } };

const get = (slug: string, query = "") => GET(new Request(`http://localhost/t/${slug}/audit/export${query}`), { params: Promise.resolve({ tenant: slug }) });
const lines = (csv: string) => csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);

beforeAll(async () => {
  const org = await createOrganization(db());
  s.org = org.id;
  const a = await createTenant(db(), { organizationId: org.id });
  const b = await createTenant(db(), { organizationId: org.id });
  s.a = { id: a.id, slug: a.slug };
  s.b = { id: b.id, slug: b.slug };
  s.auditor = await createUser(db(), { cost: 4 });
  s.noAudit = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: s.auditor.id, tenantId: a.id, permissions: ["audit:read"] });
  await grantMembership(db(), { userId: s.noAudit.id, tenantId: a.id, permissions: PERMISSIONS.filter((p) => p !== "audit:read") });

  // 1 203 resize rows (more than one batch of 1 000), one refusal whose text needs escaping, and B's own row.
  const base = Date.parse("2026-05-01T00:00:00Z");
  await db().auditEvent.createMany({
    data: Array.from({ length: 1203 }, (_, i) => ({ organizationId: org.id, tenantId: a.id, actorType: "USER" as const, actorLabel: "ops@example.test", action: "vm.resize", targetType: "vm", targetId: `vm-${i}`, targetName: `app-${i}`, createdAt: new Date(base + i * 1000), details: { before: { cpu: 2 }, after: { cpu: 4 } } })),
  });
  await recordAudit({
    organizationId: org.id,
    tenantId: a.id,
    actorType: "USER",
    actorLabel: "=HYPERLINK(\"http://evil\")",
    action: "vm.create",
    outcome: "REFUSED",
    targetType: "vm",
    targetId: "x",
    targetName: 'big, "quoted" vm',
    details: { violations: [{ code: "CPOOL.MEMORY_PRESSURE", severity: "refuse", message: "Over 85 %.", limit: 217.6, actual: 316 }] },
  });
  await recordAudit({ organizationId: org.id, tenantId: b.id, actorType: "SYSTEM", action: "vm.resize", targetType: "vm", targetId: "theirs", targetName: "theirs" });
});
afterEach(() => signOut());

describe("the audit CSV export", () => {
  it("answers 401 without a session", async () => {
    const r = await get(s.a.slug);
    expect(r.status).toBe(401);
    expect(r.headers.get("content-type")).not.toMatch(/csv/);
  });

  it("answers 404 for another tenant's log and for a tenant that does not exist", async () => {
    signInAs(s.auditor);
    expect((await get(s.b.slug)).status).toBe(404);
    expect((await get("no-such-tenant")).status).toBe(404);
  });

  it("answers 403 to a member without audit:read, and audits the denial", async () => {
    signInAs(s.noAudit);
    const r = await get(s.a.slug);
    expect(r.status).toBe(403);
    const denial = await db().auditEvent.findFirst({ where: { tenantId: s.a.id, action: "authz.denied", actorId: s.noAudit.id } });
    expect(denial).toMatchObject({ outcome: "DENIED", details: { permission: "audit:read" } });
  });

  it("downloads every row the filters show, named after the tenant and the day", async () => {
    signInAs(s.auditor);
    // Named after the UTC day the server answered on: a request that straddles midnight may carry either day.
    const utcDay = () => new Date().toISOString().slice(0, 10);
    const dayBefore = utcDay();
    const r = await get(s.a.slug, "?action=vm.resize&page=3&pageSize=25");
    const dayAfter = utcDay();
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect([dayBefore, dayAfter].map((d) => `attachment; filename="audit-${s.a.slug}-${d}.csv"`)).toContain(r.headers.get("content-disposition"));
    const bytes = new Uint8Array(await r.arrayBuffer());
    // The byte-order mark a spreadsheet needs to read UTF-8 (Response.text() would hide it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...rows] = lines(text);
    expect(header).toBe(AUDIT_CSV_HEADER.join(","));
    // All pages, not the page the screen was on; newest first; nothing of tenant B.
    expect(rows).toHaveLength(1203);
    expect(rows[0]).toBe('2026-05-01T00:20:02.000Z,ops@example.test,USER,vm.resize,SUCCEEDED,vm,vm-1202,app-1202,,"{""cpu"":2}","{""cpu"":4}",,');
    expect(rows.at(-1)).toMatch(/^2026-05-01T00:00:00\.000Z,.*,vm-0,app-0,/);
    expect(new Set(rows.map((l) => l.split(",")[6])).size).toBe(1203);
  });

  it("escapes commas and quotes, and defuses a cell a spreadsheet would run as a formula", async () => {
    signInAs(s.auditor);
    const [, row, ...more] = lines(await (await get(s.a.slug, "?outcome=REFUSED")).text());
    expect(more).toEqual([]);
    expect(row).toMatch(/,"'=HYPERLINK\(""http:\/\/evil""\)",USER,vm\.create,REFUSED,vm,x,"big, ""quoted"" vm",CPOOL\.MEMORY_PRESSURE: Over 85 %\. · limit 217\.6 · actual 316,,,,$/);
  });

  it("exports nothing but the header when no row matches", async () => {
    signInAs(s.auditor);
    expect(lines(await (await get(s.a.slug, "?target=nothing-like-this")).text())).toEqual([AUDIT_CSV_HEADER.join(",")]);
  });
});
