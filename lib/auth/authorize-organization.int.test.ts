import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { authorizeOrganization, organizationRoleOf } from "./authorize";
import type { Actor } from "./context";

// Organization-level authorization (orders): who may act across an organization's tenants.
const s = { org: "", other: "", owner: null as unknown as Actor, operator: null as unknown as Actor, tenantAdmin: null as unknown as Actor, outsider: null as unknown as Actor, disabledOwner: null as unknown as Actor, ownerUserId: "" };
const asActor = (u: { id: string; email: string; name: string }): Actor => ({ type: "user", userId: u.id, email: u.email, name: u.name });

beforeAll(async () => {
  const org = await createOrganization(db(), { name: "Acme" });
  const other = await createOrganization(db());
  const tenant = await createTenant(db(), { organizationId: org.id });
  const [owner, operator, admin, outsider, disabled] = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(db(), { cost: 4 })));
  await db().organizationMember.createMany({
    data: [
      { organizationId: org.id, userId: owner!.id, role: "OWNER" },
      { organizationId: org.id, userId: operator!.id, role: "OPERATOR" },
      { organizationId: org.id, userId: disabled!.id, role: "OWNER" },
      { organizationId: other.id, userId: outsider!.id, role: "OWNER" },
    ],
  });
  await grantMembership(db(), { userId: admin!.id, tenantId: tenant.id });
  await db().user.update({ where: { id: disabled!.id }, data: { disabledAt: new Date() } });
  Object.assign(s, { org: org.id, other: other.id, owner: asActor(owner!), operator: asActor(operator!), tenantAdmin: asActor(admin!), outsider: asActor(outsider!), disabledOwner: asActor(disabled!), ownerUserId: owner!.id });
});

describe("authorizeOrganization", () => {
  it("gives an owner an organization context", async () => {
    expect(await authorizeOrganization(s.owner, s.org, "OWNER")).toMatchObject({ ok: true, ctx: { role: "OWNER", organization: { id: s.org, name: "Acme" } } });
    expect(await authorizeOrganization(s.operator, s.org, "OPERATOR")).toMatchObject({ ok: true, ctx: { role: "OPERATOR" } });
  });

  it("forbids a member of the organization below the role, and audits it", async () => {
    for (const actor of [s.operator, s.tenantAdmin]) expect(await authorizeOrganization(actor, s.org, "OWNER")).toEqual({ ok: false, reason: "FORBIDDEN", role: "OWNER", organizationName: "Acme" });
    const denied = await db().auditEvent.findMany({ where: { organizationId: s.org, action: "authz.denied", tenantId: null } });
    expect(denied.map((d) => d.details)).toEqual(expect.arrayContaining([expect.objectContaining({ organizationRole: "OWNER", held: "OPERATOR" }), expect.objectContaining({ organizationRole: "OWNER", held: "none" })]));
  });

  it("answers not found to someone who holds nothing in the organization, and for one that does not exist", async () => {
    expect(await authorizeOrganization(s.outsider, s.org, "OWNER")).toEqual({ ok: false, reason: "NOT_FOUND" });
    expect(await authorizeOrganization(s.owner, "no-such-organization", "OWNER")).toEqual({ ok: false, reason: "NOT_FOUND" });
  });

  it("refuses a disabled account, nobody, and a token (bound to one tenant, never acting for an organization)", async () => {
    expect(await authorizeOrganization(s.disabledOwner, s.org, "OWNER")).toEqual({ ok: false, reason: "UNAUTHENTICATED" });
    expect(await authorizeOrganization(null, s.org, "OWNER")).toEqual({ ok: false, reason: "UNAUTHENTICATED" });
    const token: Actor = { type: "token", tokenId: "tok", tokenName: "ci", userId: s.ownerUserId, email: "owner@x", permissions: [] };
    expect(await authorizeOrganization(token, s.org, "OWNER")).toMatchObject({ ok: false, reason: "FORBIDDEN" });
  });

  it("tells a page the role to show or hide controls, without auditing", async () => {
    const before = await db().auditEvent.count({ where: { organizationId: s.org } });
    expect(await organizationRoleOf(s.owner, s.org)).toBe("OWNER");
    expect(await organizationRoleOf(s.tenantAdmin, s.org)).toBeNull();
    expect(await organizationRoleOf(s.disabledOwner, s.org)).toBeNull();
    expect(await db().auditEvent.count({ where: { organizationId: s.org } })).toBe(before);
  });
});
