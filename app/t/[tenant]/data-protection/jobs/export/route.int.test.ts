import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createUser, grantMembership } from "@/lib/db/factories";
import { PERMISSIONS } from "@/lib/permissions";
import { BACKUP_JOB_CSV_HEADER } from "@/lib/services/backup-jobs";
import { makeApiTenant } from "@/test/api/fixture";
import { signInAs, signOut } from "@/test/integration/session";
import { GET } from "./route";

// The backup jobs' CSV export: authorised like every entry point (no session → 401, another
// tenant → 404, no backup:read → 403), then the rows the page's filters show, and nothing else.
const s = { a: "", b: "", reader: { id: "", email: "", name: "" }, noBackup: { id: "", email: "", name: "" } };
const slugOf = async (id: string) => (await db().tenant.findUniqueOrThrow({ where: { id }, select: { slug: true } })).slug;
const get = (slug: string, query = "") => GET(new Request(`http://localhost/t/${slug}/data-protection/jobs/export${query}`), { params: Promise.resolve({ tenant: slug }) });
const lines = (csv: string) => csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);

beforeAll(async () => {
  const org = await createOrganization(db());
  const [a, b] = [await makeApiTenant(org.id), await makeApiTenant(org.id)];
  [s.a, s.b] = [await slugOf(a.tenantId), await slugOf(b.tenantId)];
  s.reader = await createUser(db(), { cost: 4 });
  s.noBackup = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: s.reader.id, tenantId: a.tenantId, permissions: ["backup:read"] });
  await grantMembership(db(), { userId: s.noBackup.id, tenantId: a.tenantId, permissions: PERMISSIONS.filter((p) => p !== "backup:read") });
});
afterEach(() => signOut());

describe("the backup jobs CSV export", () => {
  it("answers 401 without a session, 404 for another tenant, 403 without backup:read", async () => {
    expect((await get(s.a)).status).toBe(401);
    signInAs(s.reader);
    expect((await get(s.b)).status).toBe(404);
    signInAs(s.noBackup);
    expect((await get(s.a)).status).toBe(403);
  });

  it("holds the header and the tenant's jobs the filter shows, as a dated attachment", async () => {
    signInAs(s.reader);
    const all = await get(s.a);
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(all.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="backup-jobs-${s.a}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const rows = lines(await all.text());
    expect(rows[0]).toBe(BACKUP_JOB_CSV_HEADER.join(","));
    expect(rows.slice(1).map((r) => r.split(",")[1])).toEqual(["api-target"]);
    expect(lines(await (await get(s.a, "?state=FAILED")).text())).toHaveLength(1);
    expect(lines(await (await get(s.a, "?q=nothing-like-it")).text())).toHaveLength(1);
  });
});
