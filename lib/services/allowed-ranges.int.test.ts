import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { PERMISSIONS } from "@/lib/permissions";
import { allowedRangesSchema } from "@/lib/validation/allowed-ranges";
import { setAllowedRangesAction } from "@/lib/actions/iam/set-allowed-ranges";
import { GET as consoleActivities } from "@/app/api/console/[tenant]/activities/route";
import { fromAddress, signInAs, signOut } from "@/test/integration/session";
import { call, memberWithToken } from "@/test/api/fixture";
import { listAllowedRanges, setAllowedRanges } from "./allowed-ranges";

type U = { id: string; email: string; name: string };
let org: { id: string };

async function tenantWithOwner() {
  const t = await createTenant(db(), { organizationId: org.id });
  const owner = (await createUser(db(), { cost: 4 })) as U;
  await grantMembership(db(), { userId: owner.id, tenantId: t.id, permissions: PERMISSIONS, isOwner: true });
  return { t, owner };
}

/** The owner's context as a request from `address` would build it. */
async function ownerFrom(tenantId: string, owner: U, address?: string): Promise<TenantContext> {
  const r = await authorize({ type: "user", userId: owner.id, email: owner.email, name: owner.name, ...(address !== undefined ? { address } : {}) }, { id: tenantId });
  if (!r.ok) throw new Error(r.reason);
  return r.ctx;
}

const ranges = (...rows: [string, string][]) => allowedRangesSchema.parse({ ranges: rows.map(([cidr, label]) => ({ cidr, label })) });
const refusals = (tenantId: string) => db().auditEvent.findMany({ where: { tenantId, action: "iam.address_refused" }, select: { outcome: true, details: true, actorType: true } });

beforeAll(async () => {
  org = await createOrganization(db());
});
afterEach(() => {
  signOut();
  fromAddress(null);
});

describe("saving a tenant's allowed address ranges", () => {
  it("saves the list (normalised, in order), audits before and after, and an empty list lifts the restriction", async () => {
    const { t, owner } = await tenantWithOwner();
    const ctx = await ownerFrom(t.id, owner, "10.1.2.3");
    const r = await setAllowedRanges(ctx, ranges(["10.0.0.0/8", "office"], ["2001:0DB8::/32", "lab v6"]));
    expect(r).toMatchObject({ ok: true, value: { ranges: [{ cidr: "10.0.0.0/8", label: "office" }, { cidr: "2001:db8::/32", label: "lab v6" }] } });
    expect(await listAllowedRanges(ctx)).toEqual({ ranges: [{ cidr: "10.0.0.0/8", label: "office" }, { cidr: "2001:db8::/32", label: "lab v6" }], yourAddress: "10.1.2.3" });
    const audit = await db().auditEvent.findFirst({ where: { tenantId: t.id, action: "iam.allowed_ranges_set" }, select: { outcome: true, details: true, actorId: true } });
    expect(audit).toMatchObject({ outcome: "SUCCEEDED", actorId: owner.id, details: { before: [], after: [{ cidr: "10.0.0.0/8" }, { cidr: "2001:db8::/32" }], savingFrom: "10.1.2.3" } });
    expect(await setAllowedRanges(ctx, ranges())).toMatchObject({ ok: true, value: { ranges: [] } });
    expect((await listAllowedRanges(ctx)).ranges).toEqual([]);
  });

  it("refuses a list that leaves out the address it is saved from (IAM.RANGES_EXCLUDE_SELF), changing nothing, audited as refused", async () => {
    const { t, owner } = await tenantWithOwner();
    const ctx = await ownerFrom(t.id, owner, "127.0.0.1");
    const r = await setAllowedRanges(ctx, ranges(["10.0.0.0/8", "office"]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violations[0]).toMatchObject({ code: "IAM.RANGES_EXCLUDE_SELF" });
    expect(r.violations[0]!.message.en).toContain("127.0.0.1");
    expect(await db().tenantAllowedRange.count({ where: { tenantId: t.id } })).toBe(0);
    expect(await db().auditEvent.findFirst({ where: { tenantId: t.id, action: "iam.allowed_ranges_set" }, select: { outcome: true } })).toEqual({ outcome: "REFUSED" });
    // Adding the saver's own range makes it acceptable.
    expect(await setAllowedRanges(ctx, ranges(["10.0.0.0/8", "office"], ["127.0.0.0/8", "this machine"]))).toMatchObject({ ok: true });
    // A local caller (the CLI, a script: no address) is not checked: how an operator recovers.
    expect(await setAllowedRanges(await ownerFrom(t.id, owner), ranges(["192.0.2.0/24", "elsewhere"]))).toMatchObject({ ok: true });
  });

  it("through the console: another tenant's settings are not found, and a member without iam:write is forbidden", async () => {
    const a = await tenantWithOwner();
    const b = await tenantWithOwner();
    await setAllowedRanges(await ownerFrom(b.t.id, b.owner), ranges(["192.0.2.0/24", "b's office"]));
    signInAs(a.owner);
    fromAddress("10.1.2.3");
    expect(await setAllowedRangesAction(b.t.id, null, { ranges: [] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db().tenantAllowedRange.findMany({ where: { tenantId: b.t.id }, select: { cidr: true } })).toEqual([{ cidr: "192.0.2.0/24" }]);
    expect(await listAllowedRanges(await ownerFrom(a.t.id, a.owner))).toMatchObject({ ranges: [] });
    const reader = (await createUser(db(), { cost: 4 })) as U;
    await grantMembership(db(), { userId: reader.id, tenantId: a.t.id, permissions: PERMISSIONS.filter((p) => p !== "iam:write") });
    signInAs(reader);
    expect(await setAllowedRangesAction(a.t.id, null, { ranges: [] })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    // The action's own refusal of a lock-out, with the field errors of a bad row named by its path.
    signInAs(a.owner);
    expect(await setAllowedRangesAction(a.t.id, null, { ranges: [{ cidr: "10.0.0.0/33", label: "x" }] })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { "ranges.0.cidr": [expect.stringContaining("CIDR")] } });
    expect(await setAllowedRangesAction(a.t.id, null, { ranges: [{ cidr: "192.0.2.0/24", label: "x" }] })).toMatchObject({ ok: false, code: "REFUSED", violations: [{ code: "IAM.RANGES_EXCLUDE_SELF" }] });
    expect(await setAllowedRangesAction(a.t.id, null, { ranges: [{ cidr: "10.0.0.0/8", label: "office" }] })).toMatchObject({ ok: true });
  });
});

describe("applying the ranges", () => {
  it("refuses a token from outside the ranges with 403 naming the rule and the address, audited once a minute; inside (IPv4-mapped too) it is served", async () => {
    const { t, owner } = await tenantWithOwner();
    await setAllowedRanges(await ownerFrom(t.id, owner), ranges(["10.0.0.0/8", "office"]));
    const { secret } = await memberWithToken(t.id);
    const outside = await call("iam/allowed-ranges", "GET", { token: secret, address: "192.168.2.1" });
    expect(outside.status).toBe(403);
    const body = (await outside.json()) as { code: string; message: string; address: string };
    expect(body).toMatchObject({ code: "IAM.ADDRESS_NOT_ALLOWED", address: "192.168.2.1" });
    expect(body.message).toMatch(/192\.168\.2\.1.*Ask an owner/);
    expect(await refusals(t.id)).toEqual([{ outcome: "DENIED", actorType: "TOKEN", details: { address: "192.168.2.1", via: "token" } }]);
    // A loop from the same address is refused every time but audited once a minute.
    for (let i = 0; i < 3; i++) expect((await call("compute/vms", "GET", { token: secret, address: "192.168.2.1" })).status).toBe(403);
    expect(await refusals(t.id)).toHaveLength(1);
    // Another address is audited on its own. A write is refused the same way, before its body is read.
    expect((await call("iam/allowed-ranges", "PUT", { token: secret, address: "2001:db8::1", body: { ranges: [] } })).status).toBe(403);
    expect(await refusals(t.id)).toHaveLength(2);
    expect(await db().tenantAllowedRange.count({ where: { tenantId: t.id } })).toBe(1);
    // No address known (a request the server could not place): refused too.
    expect((await call("iam/allowed-ranges", "GET", { token: secret })).status).toBe(403);

    const inside = await call("iam/allowed-ranges", "GET", { token: secret, address: "10.9.8.7" });
    expect(inside.status).toBe(200);
    expect(await inside.json()).toEqual({ ranges: [{ cidr: "10.0.0.0/8", label: "office" }], yourAddress: "10.9.8.7" });
    expect((await call("iam/allowed-ranges", "GET", { token: secret, address: "::ffff:10.1.2.3" })).status).toBe(200);
    // The API saves too, with the same lock-out check on the token's own address.
    const locking = await call("iam/allowed-ranges", "PUT", { token: secret, address: "10.9.8.7", body: { ranges: [{ cidr: "172.16.0.0/12", label: "vpn" }] } });
    expect(locking.status).toBe(422);
    expect(await locking.json()).toMatchObject({ code: "IAM.RANGES_EXCLUDE_SELF" });
    const saved = await call("iam/allowed-ranges", "PUT", { token: secret, address: "10.9.8.7", body: { ranges: [{ cidr: "172.16.0.0/12", label: "vpn" }, { cidr: "10.9.8.0/24", label: "ops" }] } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ ranges: [{ cidr: "172.16.0.0/12", label: "vpn" }, { cidr: "10.9.8.0/24", label: "ops" }] });
  });

  it("refuses the console (server actions, its own routes) from outside the ranges with the rule's sentence; another tenant is unaffected", async () => {
    const a = await tenantWithOwner();
    const b = await tenantWithOwner();
    await grantMembership(db(), { userId: a.owner.id, tenantId: b.t.id, permissions: PERMISSIONS });
    await setAllowedRanges(await ownerFrom(a.t.id, a.owner), ranges(["10.0.0.0/8", "office"]));
    signInAs(a.owner);
    fromAddress("203.0.113.9");
    const r = await setAllowedRangesAction(a.t.id, null, { ranges: [] });
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(!r.ok && r.formError).toMatch(/IAM\.ADDRESS_NOT_ALLOWED.*203\.0\.113\.9.*Ask an owner/);
    expect(await db().tenantAllowedRange.count({ where: { tenantId: a.t.id } })).toBe(1);
    const route = await consoleActivities(new Request(`http://localhost/api/console/${a.t.slug}/activities`), { params: Promise.resolve({ tenant: a.t.slug }) });
    expect(route.status).toBe(403);
    expect(await route.json()).toMatchObject({ code: "IAM.ADDRESS_NOT_ALLOWED", address: "203.0.113.9" });
    expect(await refusals(a.t.id)).toEqual([{ outcome: "DENIED", actorType: "USER", details: { address: "203.0.113.9", via: "console" } }]);
    // The same person in a tenant without ranges is served from anywhere.
    expect((await consoleActivities(new Request(`http://localhost/api/console/${b.t.slug}/activities`), { params: Promise.resolve({ tenant: b.t.slug }) })).status).toBe(200);
    // Inside the range, the console answers.
    fromAddress("10.0.0.1");
    expect((await consoleActivities(new Request(`http://localhost/api/console/${a.t.slug}/activities`), { params: Promise.resolve({ tenant: a.t.slug }) })).status).toBe(200);
    // Someone who is no member gets not found from anywhere: the ranges tell a stranger nothing.
    const stranger = (await createUser(db(), { cost: 4 })) as U;
    signInAs(stranger);
    fromAddress("203.0.113.9");
    expect(await setAllowedRangesAction(a.t.id, null, { ranges: [] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("an operator's way back in", () => {
  it("the CLI lifts a restriction that shuts everyone out (as the system: no address), audited", async () => {
    const { t, owner } = await tenantWithOwner();
    await setAllowedRanges(await ownerFrom(t.id, owner), ranges(["192.0.2.0/24", "a closed office"]));
    expect((await authorize({ type: "user", userId: owner.id, email: owner.email, name: owner.name, address: "10.0.0.1" }, { id: t.id })).ok).toBe(false);
    const cli = (...args: string[]) => promisify(execFile)("node", ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "tenant", "allowed-ranges", "--tenant", t.slug, ...args], { env: process.env });
    expect((await cli()).stdout).toContain("192.0.2.0/24\ta closed office");
    expect((await cli("--set", "")).stdout).toContain("no range (no restriction)");
    expect((await authorize({ type: "user", userId: owner.id, email: owner.email, name: owner.name, address: "10.0.0.1" }, { id: t.id })).ok).toBe(true);
    expect(await db().auditEvent.findFirst({ where: { tenantId: t.id, action: "iam.allowed_ranges_set", actorType: "SYSTEM" }, select: { actorLabel: true, details: true } })).toMatchObject({ actorLabel: "system (cli)", details: { after: [] } });
  }, 60_000);
});
