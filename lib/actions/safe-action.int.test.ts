import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { signInAs, signOut } from "@/test/integration/session";
import { tenantAction } from "./safe-action";

// The wrapper every tenant action goes through, exercised with a probe action that
// records what reached the service.
const reached: { tenantId: string; name: string }[] = [];
const probe = tenantAction({ permission: "compute:write", schema: z.object({ name: z.string().min(3, "At least 3 characters.") }) }, async (ctx, input) => {
  reached.push({ tenantId: ctx.tenant.id, name: input.name });
  if (input.name === "explode") throw new Error("ORM details that must not leak");
  return { ok: true, data: input.name };
});

describe("tenantAction", () => {
  const ids = { tenant: "", other: "", writer: { id: "", email: "", name: "" }, reader: { id: "", email: "", name: "" } };
  beforeAll(async () => {
    const org = await createOrganization(db());
    const tenant = await createTenant(db(), { organizationId: org.id });
    const other = await createTenant(db(), { organizationId: org.id });
    const writer = await createUser(db(), { cost: 4 });
    const reader = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: writer.id, tenantId: tenant.id, permissions: ["compute:read", "compute:write"] });
    await grantMembership(db(), { userId: reader.id, tenantId: tenant.id, permissions: ["compute:read"] });
    Object.assign(ids, { tenant: tenant.id, other: other.id, writer, reader });
  });
  afterEach(() => {
    signOut();
    reached.length = 0;
  });

  it("runs the service for a member holding the permission", async () => {
    signInAs(ids.writer);
    expect(await probe(ids.tenant, null, { name: "web-01" })).toEqual({ ok: true, data: "web-01" });
    expect(reached).toEqual([{ tenantId: ids.tenant, name: "web-01" }]);
  });

  it("accepts FormData as a form post sends it", async () => {
    signInAs(ids.writer);
    const form = new FormData();
    form.set("name", "web-02");
    expect(await probe(ids.tenant, null, form)).toMatchObject({ ok: true });
  });

  it("refuses without a session", async () => {
    expect(await probe(ids.tenant, null, { name: "web-01" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(reached).toEqual([]);
  });

  it("answers not found for a tenant the user is not a member of", async () => {
    signInAs(ids.writer);
    expect(await probe(ids.other, null, { name: "web-01" })).toMatchObject({ ok: false, code: "NOT_FOUND", formError: "Not found." });
    expect(await probe("no-such-tenant", null, { name: "web-01" })).toMatchObject({ ok: false, code: "NOT_FOUND", formError: "Not found." });
    expect(reached).toEqual([]);
  });

  it("refuses a member without the permission and names it", async () => {
    signInAs(ids.reader);
    const r = await probe(ids.tenant, null, { name: "web-01" });
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(r.ok === false && r.formError).toContain("compute:write");
    expect(reached).toEqual([]);
  });

  it("returns field errors for invalid input without calling the service", async () => {
    signInAs(ids.writer);
    expect(await probe(ids.tenant, null, { name: "x" })).toEqual({ ok: false, code: "INVALID", formError: "Some fields need attention.", fieldErrors: { name: ["At least 3 characters."] } });
    expect(reached).toEqual([]);
  });

  it("hides an unexpected error behind an id", async () => {
    signInAs(ids.writer);
    const r = await probe(ids.tenant, null, { name: "explode" });
    expect(r).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(r.ok === false && r.formError).toMatch(/error [0-9a-f]{8}/);
    expect(JSON.stringify(r)).not.toContain("ORM details");
  });
});
