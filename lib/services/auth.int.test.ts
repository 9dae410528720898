import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { verifyCredentials } from "./auth";

describe("verifyCredentials", () => {
  let userId = "";
  beforeAll(async () => {
    const org = await createOrganization(db());
    const tenant = await createTenant(db(), { organizationId: org.id });
    const user = await createUser(db(), { email: "Alice@Example.test", password: "correct horse", cost: 4 });
    await grantMembership(db(), { userId: user.id, tenantId: tenant.id });
    userId = user.id;
  });

  it("signs in with the right password, whatever the email's case and spaces, and audits it", async () => {
    const user = await verifyCredentials("  ALICE@example.test ", "correct horse");
    expect(user).toEqual({ id: userId, email: "alice@example.test", name: "alice", sessionVersion: 0 });
    expect(await db().auditEvent.count({ where: { actorId: userId, action: "auth.sign_in" } })).toBe(1);
  });

  it("refuses a wrong password and audits the failed attempt", async () => {
    expect(await verifyCredentials("alice@example.test", "wrong")).toBeNull();
    const events = await db().auditEvent.findMany({ where: { actorId: userId, action: "auth.sign_in_failed" } });
    expect(events).toHaveLength(1);
  });

  it("answers an unknown account exactly like a wrong password", async () => {
    expect(await verifyCredentials("nobody@example.test", "correct horse")).toBeNull();
  });

  it("refuses empty input and a disabled account", async () => {
    expect(await verifyCredentials("", "")).toBeNull();
    await db().user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect(await verifyCredentials("alice@example.test", "correct horse")).toBeNull();
    await db().user.update({ where: { id: userId }, data: { disabledAt: null } });
  });
});
