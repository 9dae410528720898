import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { z } from "zod";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { decide, violation } from "@/lib/domain/result";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { signInAs, signOut } from "@/test/integration/session";
import { tenantAction } from "./safe-action";

// The wrapper every tenant action goes through, exercised with a probe action that
// records what reached the service.
const reached: { tenantId: string; name: string }[] = [];
const probe = tenantAction({ permission: "compute:write", schema: z.object({ name: z.string().min(3), size: z.coerce.number().int().min(1).optional() }) }, async (ctx, input) => {
  reached.push({ tenantId: ctx.tenant.id, name: input.name });
  if (input.name === "explode") throw new Error("ORM details that must not leak");
  if (input.name === "redirect") redirect("/elsewhere");
  if (input.name === "missing") throw new NotFoundError("vm", "x");
  if (input.name === "busy") throw new ConflictError({ en: "An activity is already changing web-01.", fr: "Une activité modifie déjà web-01." });
  if (input.name === "too-big") return decide([violation("DATASTORE.MIN_SIZE", { en: "A datastore is at least 500 GiB; 100 GiB was asked.", fr: "…" }, { limit: 500, actual: 100, unit: "GiB" })], input.name);
  return decide([], input.name);
});

describe("tenantAction", () => {
  const ids = { tenant: "", other: "", writer: { id: "", email: "", name: "" }, reader: { id: "", email: "", name: "" }, disabled: { id: "", email: "", name: "" } };
  beforeAll(async () => {
    const org = await createOrganization(db());
    const tenant = await createTenant(db(), { organizationId: org.id });
    const other = await createTenant(db(), { organizationId: org.id });
    const writer = await createUser(db(), { cost: 4 });
    const reader = await createUser(db(), { cost: 4 });
    const disabled = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: writer.id, tenantId: tenant.id, permissions: ["compute:read", "compute:write"] });
    await grantMembership(db(), { userId: reader.id, tenantId: tenant.id, permissions: ["compute:read"] });
    await grantMembership(db(), { userId: disabled.id, tenantId: tenant.id, permissions: ["compute:read", "compute:write"] });
    await db().user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    Object.assign(ids, { tenant: tenant.id, other: other.id, writer, reader, disabled });
  });
  afterEach(() => {
    signOut();
    reached.length = 0;
  });

  it("runs the service for a member holding the permission", async () => {
    signInAs(ids.writer);
    expect(await probe(ids.tenant, null, { name: "web-01" })).toEqual({ ok: true, data: "web-01", warnings: [] });
    expect(reached).toEqual([{ tenantId: ids.tenant, name: "web-01" }]);
  });

  it("accepts FormData as a form post sends it", async () => {
    signInAs(ids.writer);
    const form = new FormData();
    form.set("name", "web-02");
    expect(await probe(ids.tenant, null, form)).toMatchObject({ ok: true, data: "web-02" });
  });

  it("refuses without a session, and for a disabled account whose session is still signed", async () => {
    expect(await probe(ids.tenant, null, { name: "web-01" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED", formError: "Your session has ended. Sign in again." });
    signInAs(ids.disabled);
    expect(await probe(ids.tenant, null, { name: "web-01" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(reached).toEqual([]);
  });

  it("answers not found for a tenant the user is not a member of, exactly as for one that does not exist", async () => {
    signInAs(ids.writer);
    const theirs = await probe(ids.other, null, { name: "web-01" });
    const nowhere = await probe("no-such-tenant", null, { name: "web-01" });
    expect(theirs).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(nowhere).toEqual(theirs);
    expect(reached).toEqual([]);
  });

  it("refuses a member without the permission, names it, and audits the attempt", async () => {
    signInAs(ids.reader);
    const r = await probe(ids.tenant, null, { name: "web-01" });
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(r.ok === false && r.formError).toContain("compute:write");
    expect(reached).toEqual([]);
    const denied = await db().auditEvent.findFirst({ where: { tenantId: ids.tenant, actorId: ids.reader.id, action: "authz.denied" } });
    expect(denied).toMatchObject({ outcome: "DENIED", actorLabel: ids.reader.email, details: { permission: "compute:write" } });
  });

  it("returns field errors in words, without calling the service", async () => {
    signInAs(ids.writer);
    expect(await probe(ids.tenant, null, { name: "x", size: "1.5" })).toEqual({
      ok: false,
      code: "INVALID",
      formError: "Some fields need attention.",
      fieldErrors: { name: ["Required."], size: ["Enter a whole number."] },
    });
    expect(reached).toEqual([]);
  });

  it("turns a rule's refusal into violations with their code and numbers", async () => {
    signInAs(ids.writer);
    expect(await probe(ids.tenant, null, { name: "too-big" })).toMatchObject({
      ok: false,
      code: "REFUSED",
      violations: [{ code: "DATASTORE.MIN_SIZE", severity: "refuse", message: "A datastore is at least 500 GiB; 100 GiB was asked.", limit: 500, actual: 100, unit: "GiB" }],
    });
  });

  it("maps a missing resource to not found and a busy one to a conflict with its sentence", async () => {
    signInAs(ids.writer);
    expect(await probe(ids.tenant, null, { name: "missing" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await probe(ids.tenant, null, { name: "busy" })).toMatchObject({ ok: false, code: "CONFLICT", formError: "An activity is already changing web-01." });
  });

  it("lets Next's redirect through instead of calling it an error", async () => {
    signInAs(ids.writer);
    await expect(probe(ids.tenant, null, { name: "redirect" })).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });

  it("hides an unexpected error behind an id", async () => {
    signInAs(ids.writer);
    const r = await probe(ids.tenant, null, { name: "explode" });
    expect(r).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(r.ok === false && r.formError).toMatch(/error [0-9a-f]{8}/);
    expect(JSON.stringify(r)).not.toContain("ORM details");
  });
});
