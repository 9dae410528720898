import "server-only";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import { msg, type Decision } from "@/lib/domain/result";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS, ROLE_BUNDLES, toPermissions, type Permission } from "@/lib/permissions";
import { actorLabel, AUDIT_ACTOR_TYPE, actorUserId } from "@/lib/auth/context";
import { PASSWORD_MIN, type CreateMemberInput, type SetMemberPermissionsInput, type SetOwnerInput, type SetUserDisabledInput } from "@/lib/validation/iam";
import { actorColumns, assertOrganizationRole, assertPermission, type OrganizationContext, type TenantContext } from "./context";

// IAM: permissions, not roles, granted per tenant; every tenant keeps at least one
// owner. authorize() reads a user's standing on every request, so what is changed here takes
// effect at the next request of every open session and token.

const BCRYPT_COST = 10;

export type MemberView = Awaited<ReturnType<typeof listMembers>>[number];

/** The tenant's members, with their permissions here and their account's standing. */
export async function listMembers(ctx: TenantContext) {
  assertPermission(ctx, "iam:read");
  const rows = await db().membership.findMany({
    where: { tenantId: ctx.tenant.id },
    orderBy: { user: { email: "asc" } },
    take: 500,
    select: { isOwner: true, permissions: true, createdAt: true, user: { select: { id: true, email: true, name: true, disabledAt: true } } },
  });
  return rows.map((r) => ({ ...r, permissions: toPermissions(r.permissions) }));
}

/** Creates an account and makes it a member of this tenant, or invites an existing account. */
export async function createMember(ctx: TenantContext, input: CreateMemberInput): Promise<Decision<{ userId: string; invited: boolean }>> {
  assertPermission(ctx, "iam:write");
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) {
      const already = await tx.membership.findUnique({ where: { userId_tenantId: { userId: existing.id, tenantId: ctx.tenant.id } }, select: { id: true } });
      if (already) throw new InvalidInputError({ email: msg(() => `${input.email} is already a member of ${ctx.tenant.name}.`, () => `${input.email} est déjà membre de ${ctx.tenant.name}.`) });
    } else if (!input.password) {
      throw new InvalidInputError({ password: msg(() => `A new account needs a first password (${PASSWORD_MIN} characters or more).`, () => `Un nouveau compte a besoin d’un premier mot de passe (${PASSWORD_MIN} caractères ou plus).`) });
    }
    const user =
      existing ??
      (await tx.user.create({ data: { email: input.email, name: input.name ?? input.email.split("@")[0]!, passwordHash: await bcrypt.hash(input.password!, BCRYPT_COST) }, select: { id: true } }));
    await tx.membership.create({ data: { userId: user.id, tenantId: ctx.tenant.id, permissions: input.permissions } });
    await recordAudit(
      { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "iam.user_create", targetType: "user", targetId: user.id, targetName: input.email, details: { invited: !!existing, permissions: input.permissions } },
      tx,
    );
    return { ok: true, value: { userId: user.id, invited: !!existing }, warnings: [] };
  });
}

/** Replaces a member's permissions in this tenant (grant and revoke at once). */
export async function setMemberPermissions(ctx: TenantContext, input: SetMemberPermissionsInput): Promise<Decision<{ userId: string }>> {
  assertPermission(ctx, "iam:write");
  return db().$transaction(async (tx) => {
    const m = await tx.membership.findUnique({ where: { userId_tenantId: { userId: input.userId, tenantId: ctx.tenant.id } }, select: { id: true, permissions: true, user: { select: { email: true } } } });
    if (!m) throw new NotFoundError("user", input.userId);
    const next = [...new Set(input.permissions)];
    await tx.membership.update({ where: { id: m.id }, data: { permissions: next } });
    await recordAudit(
      { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "iam.permissions_set", targetType: "user", targetId: input.userId, targetName: m.user.email, details: { before: m.permissions, after: next } },
      tx,
    );
    return { ok: true, value: { userId: input.userId }, warnings: [] };
  });
}

export const LAST_OWNER = "IAM.LAST_OWNER";

/** Makes a member an owner of this tenant or not; the last owner cannot step down. */
export async function setOwner(ctx: TenantContext, input: SetOwnerInput): Promise<Decision<{ userId: string }>> {
  assertPermission(ctx, "iam:write");
  return db().$transaction(async (tx) => {
    // Serialise owner changes of one tenant: two admins removing the last two owners at once would each see one left.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`owners:${ctx.tenant.id}`}))`;
    const m = await tx.membership.findUnique({ where: { userId_tenantId: { userId: input.userId, tenantId: ctx.tenant.id } }, select: { id: true, isOwner: true, user: { select: { email: true } } } });
    if (!m) throw new NotFoundError("user", input.userId);
    if (m.isOwner && !input.owner) {
      const owners = await tx.membership.count({ where: { tenantId: ctx.tenant.id, isOwner: true, user: { disabledAt: null } } });
      if (owners <= 1) {
        throw new ConflictError(
          msg(
            () => `${m.user.email} is the last owner of ${ctx.tenant.name}: every tenant keeps at least one owner. Make another member an owner first.`,
            () => `${m.user.email} est le dernier propriétaire de ${ctx.tenant.name} : chaque tenant garde au moins un propriétaire. Nommez d’abord un autre membre propriétaire.`,
          ),
          LAST_OWNER,
        );
      }
    }
    await tx.membership.update({ where: { id: m.id }, data: { isOwner: input.owner } });
    await recordAudit(
      { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "iam.owner_set", targetType: "user", targetId: input.userId, targetName: m.user.email, details: { owner: input.owner } },
      tx,
    );
    return { ok: true, value: { userId: input.userId }, warnings: [] };
  });
}

/** The organization's people: every account with a role in it or a membership in one of its tenants. */
export async function listOrganizationUsers(org: OrganizationContext) {
  assertOrganizationRole(org, "OWNER");
  return db().user.findMany({
    where: { OR: [{ organizationMembers: { some: { organizationId: org.organization.id } } }, { memberships: { some: { tenant: { organizationId: org.organization.id } } } }] },
    orderBy: { email: "asc" },
    take: 500,
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      organizationMembers: { where: { organizationId: org.organization.id }, select: { role: true } },
      memberships: { where: { tenant: { organizationId: org.organization.id } }, select: { isOwner: true, tenant: { select: { slug: true, name: true } } } },
    },
  });
}

/**
 * Disables (or enables again) an account of the organization: every session and token of it is
 * refused from its next request. An owner of the organization only; nobody disables themselves,
 * nor the last active owner of one of its tenants.
 */
export async function setUserDisabled(org: OrganizationContext, input: SetUserDisabledInput, now = new Date()): Promise<Decision<{ userId: string }>> {
  assertOrganizationRole(org, "OWNER");
  return db().$transaction(async (tx) => {
    const u = await tx.user.findFirst({
      where: { id: input.userId, OR: [{ organizationMembers: { some: { organizationId: org.organization.id } } }, { memberships: { some: { tenant: { organizationId: org.organization.id } } } }] },
      select: { id: true, email: true, memberships: { where: { isOwner: true }, select: { tenantId: true, tenant: { select: { name: true } } } } },
    });
    if (!u) throw new NotFoundError("user", input.userId);
    if (input.disabled && actorUserId(org.actor) === u.id) {
      throw new ConflictError(msg(() => "You cannot disable your own account.", () => "Vous ne pouvez pas désactiver votre propre compte."), "IAM.SELF_DISABLE");
    }
    if (input.disabled && u.memberships.length > 0) {
      // The other active owners of every tenant this user owns, counted in one statement.
      const others = await tx.membership.groupBy({
        by: ["tenantId"],
        where: { tenantId: { in: u.memberships.map((m) => m.tenantId) }, isOwner: true, userId: { not: u.id }, user: { disabledAt: null } },
        _count: { _all: true },
      });
      for (const m of u.memberships) {
        if (!others.some((o) => o.tenantId === m.tenantId && o._count._all > 0)) {
          throw new ConflictError(
            msg(
              () => `${u.email} is the last owner of ${m.tenant.name}: every tenant keeps at least one owner. Make another member an owner first.`,
              () => `${u.email} est le dernier propriétaire de ${m.tenant.name} : chaque tenant garde au moins un propriétaire. Nommez d’abord un autre membre propriétaire.`,
            ),
            LAST_OWNER,
          );
        }
      }
    }
    // Disabling also ends the account's sessions for good: enabling it again does not revive an old cookie.
    await tx.user.update({ where: { id: u.id }, data: { disabledAt: input.disabled ? now : null, ...(input.disabled ? { sessionVersion: { increment: 1 } } : {}) } });
    await recordAudit(
      { organizationId: org.organization.id, tenantId: null, actorType: AUDIT_ACTOR_TYPE[org.actor.type], actorId: actorUserId(org.actor), actorLabel: actorLabel(org.actor), action: input.disabled ? "iam.user_disable" : "iam.user_enable", targetType: "user", targetId: u.id, targetName: u.email },
      tx,
    );
    return { ok: true, value: { userId: u.id }, warnings: [] };
  });
}

export type PermissionSource = { kind: "grant"; since: Date } | { kind: "token-narrowed" };
export type EffectivePermission = { permission: Permission; granted: boolean; effective: boolean; why: "granted" | "not-granted" | "account-disabled"; bundles: string[] };

/**
 * What a member may do in this tenant and why: each permission, whether it is granted on their
 * membership here (the only source of a right: roles are bundles of the forms), and whether it is
 * in force (a disabled account holds nothing). Also which role bundles contain it, and the tokens
 * narrowed from it.
 */
export async function effectivePermissions(ctx: TenantContext, userId: string) {
  assertPermission(ctx, "iam:read");
  const m = await db().membership.findUnique({
    where: { userId_tenantId: { userId, tenantId: ctx.tenant.id } },
    select: { isOwner: true, permissions: true, createdAt: true, user: { select: { id: true, email: true, name: true, disabledAt: true } } },
  });
  if (!m) throw new NotFoundError("user", userId);
  const tokens = await db().personalAccessToken.findMany({
    where: { userId, tenantId: ctx.tenant.id, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, name: true, prefix: true, permissions: true },
  });
  const held = toPermissions(m.permissions);
  const disabled = m.user.disabledAt !== null;
  const rows: EffectivePermission[] = PERMISSIONS.map((p) => ({
    permission: p,
    granted: held.includes(p),
    effective: !disabled && held.includes(p),
    why: disabled ? "account-disabled" : held.includes(p) ? "granted" : "not-granted",
    bundles: Object.entries(ROLE_BUNDLES).filter(([, ps]) => (ps as readonly string[]).includes(p)).map(([b]) => b),
  }));
  return {
    user: m.user,
    isOwner: m.isOwner,
    memberSince: m.createdAt,
    rows,
    tokens: tokens.map((t) => ({ ...t, effective: disabled ? [] : toPermissions(t.permissions).filter((p) => held.includes(p)) })),
  };
}

// ───────────────────────── bootstrap (the CLI) ─────────────────────────

/** A new installation's first accounts (`npm run cli -- user create`): no actor yet, so no tenant check. */
export async function bootstrapUser(input: { email: string; name?: string; password: string; tenantSlug?: string; permissions?: Permission[]; owner?: boolean }) {
  const email = input.email.trim().toLowerCase();
  if (input.password.length < PASSWORD_MIN) throw new Error(`The password needs ${PASSWORD_MIN} characters or more.`);
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new Error(`An account with the email ${email} already exists.`);
    const tenant = input.tenantSlug ? await tx.tenant.findUnique({ where: { slug: input.tenantSlug }, select: { id: true, organizationId: true } }) : null;
    if (input.tenantSlug && !tenant) throw new Error(`No tenant has the slug ${input.tenantSlug}.`);
    const user = await tx.user.create({ data: { email, name: input.name ?? email.split("@")[0]!, passwordHash: await bcrypt.hash(input.password, BCRYPT_COST) }, select: { id: true, email: true } });
    if (tenant) {
      const permissions = input.permissions ?? [...PERMISSIONS];
      await tx.membership.create({ data: { userId: user.id, tenantId: tenant.id, permissions, isOwner: input.owner ?? false } });
      await recordAudit({ organizationId: tenant.organizationId, tenantId: tenant.id, actorType: "SYSTEM", actorLabel: "system (cli)", action: "iam.user_create", targetType: "user", targetId: user.id, targetName: email, details: { permissions, owner: input.owner ?? false } }, tx);
    }
    return user;
  });
}

/** Sets a password; every session of the account ends at its next request (whoever knew the old one is out). */
export async function setUserPassword(email: string, password: string): Promise<void> {
  if (password.length < PASSWORD_MIN) throw new Error(`The password needs ${PASSWORD_MIN} characters or more.`);
  const r = await db().user.updateMany({ where: { email: email.trim().toLowerCase() }, data: { passwordHash: await bcrypt.hash(password, BCRYPT_COST), sessionVersion: { increment: 1 } } });
  if (r.count === 0) throw new Error(`No account has the email ${email}.`);
}
