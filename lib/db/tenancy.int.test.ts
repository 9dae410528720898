import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "./factories";
import { listUserTenants, findMembership } from "./tenancy";

describe("tenancy", () => {
  const s = { user: "", a: { id: "", slug: "" }, b: { id: "", slug: "" }, c: { id: "", slug: "" } };
  beforeAll(async () => {
    const org = await createOrganization(db());
    const [a, b, c] = [
      await createTenant(db(), { organizationId: org.id, name: "Bravo" }),
      await createTenant(db(), { organizationId: org.id, name: "Alpha" }),
      await createTenant(db(), { organizationId: org.id, name: "Charlie" }),
    ];
    const user = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: user.id, tenantId: a.id, permissions: ["compute:read"] });
    await grantMembership(db(), { userId: user.id, tenantId: b.id, permissions: ["compute:read", "vm:power"], isOwner: true });
    Object.assign(s, { user: user.id, a, b, c });
  });

  it("lists only the tenants where the user holds a membership, by name", async () => {
    const list = await listUserTenants(s.user);
    expect(list.map((m) => m.tenant.name)).toEqual(["Alpha", "Bravo"]);
    expect(list[0]).toMatchObject({ isOwner: true, permissions: ["compute:read", "vm:power"] });
  });

  it("finds a membership by slug or id, and nothing for another tenant of the same organization", async () => {
    expect((await findMembership(s.user, { slug: s.a.slug }))?.tenant.id).toBe(s.a.id);
    expect((await findMembership(s.user, { id: s.b.id }))?.tenant.slug).toBe(s.b.slug);
    expect(await findMembership(s.user, { slug: s.c.slug })).toBeNull();
    expect(await findMembership(s.user, { id: s.c.id })).toBeNull();
    expect(await findMembership(s.user, { slug: "does-not-exist" })).toBeNull();
  });
});
