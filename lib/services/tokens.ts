import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { findTokenByHash, listTenantTokens } from "@/lib/db/tokens";
import { recordAudit } from "@/lib/db/audit";
import { msg, type Decision } from "@/lib/domain/result";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { hasPermission, toPermissions, type Permission } from "@/lib/permissions";
import type { Actor } from "@/lib/auth/context";
import type { CreateTokenInput, RevokeTokenInput } from "@/lib/validation/tokens";
import { actorColumns, type TenantContext } from "./context";

// Personal access tokens. A token is bound to one user and one tenant; it carries a
// subset of what its creator held in that tenant at creation, and authorize() narrows it again to
// what the user holds at each use. The secret is shown once: only its SHA-256 is stored (a token
// is 256 random bits, so a fast hash is enough: there is nothing to brute-force).

/** Every secret starts with this, so a leaked one is recognisable by secret scanners. */
export const TOKEN_SCHEME = "scp_";
const PREFIX_LENGTH = TOKEN_SCHEME.length + 8;

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export type CreatedToken = { tokenId: string; secret: string; prefix: string; expiresAt: Date; permissions: Permission[] };

/**
 * Makes a token for the acting user in ctx's tenant. Permissions: those asked, which must all be
 * held by the creator here; none asked → everything the creator holds. Only a person makes
 * tokens: a token cannot mint another one (it would outlive its own expiry).
 */
export async function createToken(ctx: TenantContext, input: CreateTokenInput, now = new Date()): Promise<Decision<CreatedToken>> {
  if (ctx.actor.type !== "user") throw new ForbiddenError("iam:write");
  const held = [...ctx.permissions];
  const asked = input.permissions ?? held;
  const beyond = asked.filter((p) => !hasPermission(held, p));
  if (beyond.length > 0) {
    throw new InvalidInputError({
      permissions: msg(
        () => `You can only give a token permissions you hold in ${ctx.tenant.name}; you do not hold ${beyond.join(", ")}.`,
        () => `Un jeton ne peut recevoir que des permissions que vous détenez dans ${ctx.tenant.name} ; vous ne détenez pas ${beyond.join(", ")}.`,
      ),
    });
  }
  if (asked.length === 0) {
    throw new InvalidInputError({
      permissions: msg(
        () => "A token needs at least one permission, and you hold none in this tenant.",
        () => "Un jeton doit avoir au moins une permission, et vous n’en détenez aucune dans ce tenant.",
      ),
    });
  }
  const secret = TOKEN_SCHEME + randomBytes(32).toString("base64url");
  const prefix = secret.slice(0, PREFIX_LENGTH);
  const expiresAt = new Date(now.getTime() + input.days * 86_400_000);
  const permissions = [...new Set(asked)];
  const token = await db().$transaction(async (tx) => {
    const t = await tx.personalAccessToken.create({
      data: { userId: ctx.actor.type === "user" ? ctx.actor.userId : "", tenantId: ctx.tenant.id, name: input.name, prefix, tokenHash: hashToken(secret), permissions, expiresAt },
    });
    await recordAudit(
      { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "token.create", targetType: "token", targetId: t.id, targetName: input.name, details: { permissions, expiresAt: expiresAt.toISOString(), prefix } },
      tx,
    );
    return t;
  });
  return { ok: true, value: { tokenId: token.id, secret, prefix, expiresAt, permissions }, warnings: [] };
}

/**
 * Revokes a token of this tenant: one's own, or anyone's with iam:write (or the system's CLI). Another tenant's token,
 * or one the actor may not see, is not found.
 */
export async function revokeToken(ctx: TenantContext, input: RevokeTokenInput, now = new Date()): Promise<Decision<{ tokenId: string }>> {
  const mayAll = mayRevokeAnyToken(ctx);
  const where = { id: input.tokenId, tenantId: ctx.tenant.id, ...(mayAll || ctx.actor.type === "system" ? {} : { userId: ctx.actor.userId }) };
  await db().$transaction(async (tx) => {
    const t = await tx.personalAccessToken.findFirst({ where, select: { id: true, name: true, revokedAt: true } });
    if (!t) throw new NotFoundError("token", input.tokenId);
    if (t.revokedAt) return;
    await tx.personalAccessToken.update({ where: { id: t.id }, data: { revokedAt: now } });
    await recordAudit({ organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "token.revoke", targetType: "token", targetId: t.id, targetName: t.name }, tx);
  });
  return { ok: true, value: { tokenId: input.tokenId }, warnings: [] };
}

export type TokenView = Awaited<ReturnType<typeof listTokens>>[number];

/** Anyone's token of the tenant, not only one's own: iam:write, or the system (the CLI holds every permission). */
function mayRevokeAnyToken(ctx: TenantContext): boolean {
  return ctx.actor.type === "system" || hasPermission(ctx.permissions, "iam:write");
}

/**
 * The actor's own tokens in this tenant; every member's with iam:read. Never a secret or a hash.
 * `revocable` is what revokeToken() would accept, so a reader is not offered a button the server refuses.
 */
export async function listTokens(ctx: TenantContext) {
  if (ctx.actor.type === "system") return [];
  const { userId } = ctx.actor;
  const rows = await listTenantTokens(ctx.tenant.id, hasPermission(ctx.permissions, "iam:read") ? undefined : userId);
  const mayAll = mayRevokeAnyToken(ctx);
  return rows.map((r) => ({ ...r, permissions: toPermissions(r.permissions), revocable: mayAll || r.user.id === userId }));
}

/** Do not write lastUsedAt on every request of a busy script: once a minute says "last used" well enough. */
const LAST_USE_GRANULARITY_MS = 60_000;

export type TokenActor = { actor: Extract<Actor, { type: "token" }>; tenantId: string; tenantSlug: string };

/**
 * The actor a bearer secret stands for, or null: unknown, revoked or expired. A disabled user is
 * turned away by authorize() (unauthenticated), like a session. Records the use.
 */
export async function resolveToken(secret: string, now = new Date()): Promise<TokenActor | null> {
  if (!secret.startsWith(TOKEN_SCHEME) || secret.length > 200) return null;
  const t = await findTokenByHash(hashToken(secret));
  if (!t || t.revokedAt || t.expiresAt <= now) return null;
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() >= LAST_USE_GRANULARITY_MS) {
    await db().personalAccessToken.update({ where: { id: t.id }, data: { lastUsedAt: now } });
  }
  return {
    actor: { type: "token", tokenId: t.id, tokenName: t.name, userId: t.user.id, email: t.user.email, permissions: toPermissions(t.permissions) },
    tenantId: t.tenantId,
    tenantSlug: t.tenant.slug,
  };
}
