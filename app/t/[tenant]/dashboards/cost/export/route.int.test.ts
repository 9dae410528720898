import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createPool, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { signInAs, signOut } from "@/test/integration/session";
import { GET } from "./route";

// The cost CSV of a tenant holds that tenant only, even for a reader of several tenants; every
// tenant only on asking (?scope=organization) and only for the organization's owner.
const s = { a: { id: "", slug: "", name: "" }, b: { id: "", slug: "", name: "" }, reader: { id: "", email: "", name: "" }, owner: { id: "", email: "", name: "" }, outsider: { id: "", email: "", name: "" } };

const get = (slug: string, query = "") => GET(new Request(`http://localhost/t/${slug}/dashboards/cost/export${query}`), { params: Promise.resolve({ tenant: slug }) });
const tenantsIn = async (r: Response) =>
  new Set(
    (await r.text())
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean)
      .slice(1)
      .map((l) => l.split(",")[1]),
  );

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id, name: "Alpha" });
  const b = await createTenant(db(), { organizationId: org.id, name: "Bravo" });
  s.a = { id: a.id, slug: a.slug, name: a.name };
  s.b = { id: b.id, slug: b.slug, name: b.name };
  await createPool(db(), { tenantId: a.id, hosts: 2, nodeTypeCode: "STANDARD_V3" });
  await createPool(db(), { tenantId: b.id, hosts: 3, nodeTypeCode: "ECO_V3" });
  s.reader = await createUser(db(), { cost: 4 });
  s.owner = await createUser(db(), { cost: 4 });
  s.outsider = await createUser(db(), { cost: 4 });
  for (const t of [a, b]) await grantMembership(db(), { userId: s.reader.id, tenantId: t.id, permissions: ["billing:read"] });
  await grantMembership(db(), { userId: s.owner.id, tenantId: a.id, permissions: ["billing:read"] });
  await db().organizationMember.create({ data: { organizationId: org.id, userId: s.owner.id, role: "OWNER" } });
  await grantMembership(db(), { userId: s.outsider.id, tenantId: b.id, permissions: ["billing:read"] });
});
afterEach(() => signOut());

describe("the cost CSV", () => {
  it("of one tenant holds that tenant's lines only, for a reader of two tenants", async () => {
    signInAs(s.reader);
    const r = await get(s.a.slug);
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Disposition")).toContain(`cost-${s.a.slug}-`);
    expect(await tenantsIn(r)).toEqual(new Set(["Alpha"]));
    expect(await tenantsIn(await get(s.b.slug))).toEqual(new Set(["Bravo"]));
    // Asking for every tenant is an owner's view: a reader still gets their tenant only.
    expect(await tenantsIn(await get(s.a.slug, "?scope=organization"))).toEqual(new Set(["Alpha"]));
  });

  it("of the organization, on asking, holds every tenant for its owner", async () => {
    signInAs(s.owner);
    const all = await get(s.a.slug, "?scope=organization");
    expect(all.headers.get("Content-Disposition")).toContain("cost-organization-");
    expect(await tenantsIn(all)).toEqual(new Set(["Alpha", "Bravo"]));
    expect(await tenantsIn(await get(s.a.slug))).toEqual(new Set(["Alpha"]));
  });

  it("another tenant's export is not found; no session is 401", async () => {
    signInAs(s.outsider);
    expect((await get(s.a.slug)).status).toBe(404);
    signOut();
    expect((await get(s.a.slug)).status).toBe(401);
  });
});
