import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { authorizeOrganization } from "@/lib/auth/authorize";
import { memberContext } from "@/test/integration/context";
import { signInAs, signOut } from "@/test/integration/session";
import { PERMISSIONS } from "@/lib/permissions";
import { createMemberSchema } from "@/lib/validation/iam";
import { setMemberPermissionsAction } from "@/lib/actions/iam/set-member-permissions";
import { createTokenAction } from "@/lib/actions/iam/create-token";
import { createMember, effectivePermissions, setMemberPermissions, setOwner, setUserDisabled } from "./iam";

let org: { id: string };
let tenant: { id: string; slug: string; name: string };
beforeAll(async () => {
  org = await createOrganization(db());
  tenant = await createTenant(db(), { organizationId: org.id });
});
afterEach(() => signOut());

describe("IAM", () => {
  it("creates a member with the permissions given, invites an existing account, and refuses a second membership", async () => {
    const admin = await memberContext(tenant.id, ["iam:read", "iam:write"]);
    const email = `new-${Date.now()}@example.test`;
    const r = await createMember(admin, createMemberSchema.parse({ email, password: "a-long-password-1", permissions: "compute:read,vm:power" }));
    expect(r).toMatchObject({ ok: true, value: { invited: false } });
    expect(await db().membership.findFirst({ where: { tenantId: tenant.id, user: { email } }, select: { permissions: true, isOwner: true } })).toEqual({ permissions: ["compute:read", "vm:power"], isOwner: false });
    await expect(createMember(admin, createMemberSchema.parse({ email, permissions: [] }))).rejects.toMatchObject({ name: "InvalidInputError" });
    const other = await createTenant(db(), { organizationId: org.id });
    const otherAdmin = await memberContext(other.id, ["iam:write"]);
    expect(await createMember(otherAdmin, createMemberSchema.parse({ email, permissions: [] }))).toMatchObject({ ok: true, value: { invited: true } });
    // A new account without a first password is refused next to the field.
    await expect(createMember(admin, createMemberSchema.parse({ email: "nopass@example.test", permissions: [] }))).rejects.toMatchObject({ fields: { password: expect.anything() } });
  });

  it("keeps at least one owner per tenant: the last one cannot step down, nor be disabled", async () => {
    const t = await createTenant(db(), { organizationId: org.id });
    const admin = await memberContext(t.id, ["iam:write"]);
    const owner = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: owner.id, tenantId: t.id, permissions: [], isOwner: true });
    await expect(setOwner(admin, { userId: owner.id, owner: false })).rejects.toMatchObject({ code: "IAM.LAST_OWNER", text: { en: expect.stringContaining("last owner") } });
    const orgOwner = await createUser(db(), { cost: 4 });
    await db().organizationMember.create({ data: { organizationId: org.id, userId: orgOwner.id, role: "OWNER" } });
    const o = await authorizeOrganization({ type: "user", userId: orgOwner.id, email: orgOwner.email, name: orgOwner.name }, org.id, "OWNER");
    if (!o.ok) throw new Error(o.reason);
    await expect(setUserDisabled(o.ctx, { userId: owner.id, disabled: true })).rejects.toMatchObject({ code: "IAM.LAST_OWNER" });
    // With a second owner, the first may step down.
    const admin2 = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: admin2.id, tenantId: t.id, permissions: [], isOwner: false });
    await setOwner(admin, { userId: admin2.id, owner: true });
    expect(await setOwner(admin, { userId: owner.id, owner: false })).toMatchObject({ ok: true });
    expect(await db().auditEvent.count({ where: { tenantId: t.id, action: "iam.owner_set" } })).toBe(2);
  });

  it("shows each permission of a member, where it comes from, and nothing in force for a disabled account", async () => {
    const admin = await memberContext(tenant.id, ["iam:read"]);
    const u = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: u.id, tenantId: tenant.id, permissions: ["compute:read", "metric:read"] });
    const view = await effectivePermissions(admin, u.id);
    expect(view.rows).toHaveLength(PERMISSIONS.length);
    expect(view.rows.find((r) => r.permission === "compute:read")).toMatchObject({ granted: true, effective: true, why: "granted", bundles: expect.arrayContaining(["tenantAdmin", "readOnly", "operator"]) });
    expect(view.rows.find((r) => r.permission === "compute:write")).toMatchObject({ granted: false, effective: false, why: "not-granted" });
    await db().user.update({ where: { id: u.id }, data: { disabledAt: new Date() } });
    expect((await effectivePermissions(admin, u.id)).rows.filter((r) => r.effective)).toEqual([]);
    const stranger = await createUser(db(), { cost: 4 });
    await expect(effectivePermissions(admin, stranger.id)).rejects.toMatchObject({ name: "NotFoundError" });
  });

  it("takes effect at the very next request of an open session: a revoked permission, then a disabled account", async () => {
    const u = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: u.id, tenantId: tenant.id, permissions: ["iam:write", "compute:read"] });
    const target = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: target.id, tenantId: tenant.id, permissions: [] });
    signInAs(u);
    expect(await setMemberPermissionsAction(tenant.id, null, { userId: target.id, permissions: ["compute:read"] })).toMatchObject({ ok: true });
    // Another admin revokes iam:write: the same session is refused at its next request.
    const admin = await memberContext(tenant.id, ["iam:write"]);
    await setMemberPermissions(admin, { userId: u.id, permissions: ["compute:read"] });
    expect(await setMemberPermissionsAction(tenant.id, null, { userId: target.id, permissions: [] })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await createTokenAction(tenant.id, null, { name: "still me", permissions: "compute:read" })).toMatchObject({ ok: true });
    await db().user.update({ where: { id: u.id }, data: { disabledAt: new Date() } });
    expect(await createTokenAction(tenant.id, null, { name: "disabled", permissions: "compute:read" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});
