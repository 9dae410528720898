import { describe, it, expect, beforeAll } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { db } from "@/lib/db/client";
import { createOrganization, createTenant, createUser, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import { memberContext } from "@/test/integration/context";
import { createTokenSchema } from "@/lib/validation/tokens";
import { InvalidInputError } from "@/lib/errors";
import { createToken, hashToken, listTokens, resolveToken, revokeToken } from "./tokens";

const run = promisify(execFile);
let tenant: { id: string; slug: string };

beforeAll(async () => {
  const org = await createOrganization(db());
  tenant = await createTenant(db(), { organizationId: org.id });
});

const input = (o: Record<string, unknown> = {}) => createTokenSchema.parse({ name: "ci", ...o });

describe("personal access tokens", () => {
  it("shows the secret once and stores only its SHA-256 and a prefix", async () => {
    const ctx = await memberContext(tenant.id, ["compute:read", "vm:power"]);
    const r = await createToken(ctx, input({ permissions: "compute:read" }));
    if (!r.ok) throw new Error("refused");
    const row = await db().personalAccessToken.findUniqueOrThrow({ where: { id: r.value.tokenId } });
    expect(r.value.secret).toMatch(/^scp_[A-Za-z0-9_-]{43}$/);
    expect(row.tokenHash).toBe(hashToken(r.value.secret));
    expect(JSON.stringify(row)).not.toContain(r.value.secret);
    expect(r.value.secret.startsWith(row.prefix)).toBe(true);
    expect(row.permissions).toEqual(["compute:read"]);
    expect(await db().auditEvent.count({ where: { tenantId: tenant.id, action: "token.create", targetId: row.id } })).toBe(1);
  });

  it("refuses permissions the creator does not hold, and more than 365 days", async () => {
    const ctx = await memberContext(tenant.id, ["compute:read"]);
    await expect(createToken(ctx, input({ permissions: ["compute:read", "compute:write"] }))).rejects.toBeInstanceOf(InvalidInputError);
    expect(createTokenSchema.safeParse({ name: "x", days: 366 }).success).toBe(false);
    const r = await createToken(ctx, input({ days: 365 }), new Date("2026-01-01T00:00:00Z"));
    expect(r.ok && r.value.expiresAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(r.ok && r.value.permissions).toEqual(["compute:read"]);
  });

  it("resolves to its user, records the last use, narrows to what the user holds today, and stops when revoked, expired or disabled", async () => {
    const user = await createUser(db(), { cost: 4 });
    const ctx = await memberContext(tenant.id, ["compute:read", "compute:write"], user);
    const r = await createToken(ctx, input());
    if (!r.ok) throw new Error("refused");
    const resolved = await resolveToken(r.value.secret);
    expect(resolved?.actor).toMatchObject({ type: "token", userId: user.id, permissions: ["compute:read", "compute:write"] });
    expect((await db().personalAccessToken.findUniqueOrThrow({ where: { id: r.value.tokenId } })).lastUsedAt).not.toBeNull();
    // A permission revoked from the user is gone from the token at the next request.
    await grantMembership(db(), { userId: user.id, tenantId: tenant.id, permissions: ["compute:read"] });
    const a = await authorize(resolved!.actor, { id: tenant.id }, "compute:write");
    expect(a).toMatchObject({ ok: false, reason: "FORBIDDEN" });
    // A disabled account: unauthenticated at the next request.
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await authorize(resolved!.actor, { id: tenant.id }, "compute:read")).toMatchObject({ ok: false, reason: "UNAUTHENTICATED" });
    await db().user.update({ where: { id: user.id }, data: { disabledAt: null } });
    // Expired, then revoked.
    expect(await resolveToken(r.value.secret, new Date(Date.now() + 91 * 86_400_000))).toBeNull();
    await revokeToken(ctx, { tokenId: r.value.tokenId });
    expect(await resolveToken(r.value.secret)).toBeNull();
    expect(await resolveToken("scp_not-a-token")).toBeNull();
  });

  it("lets a member revoke only their own token unless they hold iam:write", async () => {
    const owner = await memberContext(tenant.id, ["compute:read"]);
    const other = await memberContext(tenant.id, ["compute:read"]);
    const r = await createToken(owner, input());
    if (!r.ok) throw new Error("refused");
    await expect(revokeToken(other, { tokenId: r.value.tokenId })).rejects.toMatchObject({ name: "NotFoundError" });
    // The list offers Revoke exactly where the service accepts it: a reader sees the token, not the button.
    const reader = await memberContext(tenant.id, ["iam:read"]);
    const revocable = async (c: typeof owner) => (await listTokens(c)).find((t) => t.id === r.value.tokenId)?.revocable;
    expect(await revocable(reader)).toBe(false);
    await expect(revokeToken(reader, { tokenId: r.value.tokenId })).rejects.toMatchObject({ name: "NotFoundError" });
    expect(await revocable(owner)).toBe(true);
    const admin = await memberContext(tenant.id, ["iam:write"]);
    expect(await revocable(await memberContext(tenant.id, ["iam:read", "iam:write"]))).toBe(true);
    await revokeToken(admin, { tokenId: r.value.tokenId });
    expect(await resolveToken(r.value.secret)).toBeNull();
  });
});

describe("npm run cli", () => {
  const cli = (...args: string[]) => run("node", ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], { env: { ...process.env }, cwd: process.cwd() });

  it("creates an account, sets its password, makes a token whose secret works, and revokes it", async () => {
    const email = `cli-${Date.now()}@example.test`;
    const created = await cli("user", "create", "--email", email, "--password", "first-password-1", "--tenant", tenant.slug, "--permissions", "compute:read,vm:power", "--owner");
    expect(created.stdout).toContain(`Account ${email} created`);
    const m = await db().membership.findFirstOrThrow({ where: { user: { email } } });
    expect(m).toMatchObject({ isOwner: true, permissions: ["compute:read", "vm:power"] });
    await cli("user", "set-password", "--email", email, "--password", "second-password-2");
    const { verifyCredentials } = await import("./auth");
    expect(await verifyCredentials(email, "second-password-2")).toMatchObject({ email });

    const t = await cli("token", "create", "--email", email, "--tenant", tenant.slug, "--permissions", "compute:read", "--days", "30");
    const secret = t.stdout.trim();
    expect(secret).toMatch(/^scp_/);
    const resolved = await resolveToken(secret);
    expect(resolved?.actor.permissions).toEqual(["compute:read"]);
    await expect(cli("token", "create", "--email", email, "--tenant", tenant.slug, "--permissions", "iam:write")).rejects.toMatchObject({ stderr: expect.stringContaining("you do not hold iam:write") });
    await expect(cli("token", "create", "--email", email, "--tenant", tenant.slug, "--days", "400")).rejects.toMatchObject({ code: 1 });
    await cli("token", "revoke", "--id", resolved!.actor.tokenId);
    expect(await resolveToken(secret)).toBeNull();
  }, 240_000);
});
