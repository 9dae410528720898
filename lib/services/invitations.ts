import "server-only";
import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import { msg, type Decision } from "@/lib/domain/result";
import { INVITATION_SETTINGS } from "@/lib/domain/catalogue";
import { checkInvitationOpen, invitationExpiry, invitationState, type InvitationState } from "@/lib/domain/invitations";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { toPermissions } from "@/lib/permissions";
import { actorLabel, actorUserId } from "@/lib/auth/context";
import { PASSWORD_MIN } from "@/lib/validation/iam";
import type { AcceptInvitationInput, CreateInvitationInput, InvitationIdInput } from "@/lib/validation/invitations";
import { actorColumns, assertPermission, type TenantContext } from "./context";
import { consoleBaseUrl, invitationMailConfig, sendInvitationMail } from "./invitation-mail";

// Invitations: an IAM admin invites an e-mail with permissions; the person opens the mailed link
// (a single-use token; only its SHA-256 is stored), sets a password — or, with an account already,
// signs in as it — and becomes a member with exactly those permissions. Nobody joins a tenant
// without one (no self-sign-up).

const BCRYPT_COST = 10;

export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
const linkOf = (token: string) => `${consoleBaseUrl()}/invitations/${token}`;

export type InvitationView = Awaited<ReturnType<typeof listInvitations>>[number];

/** The tenant's invitations, newest first, each with its state now (pending, accepted, expired, revoked). */
export async function listInvitations(ctx: TenantContext, now = new Date()) {
  assertPermission(ctx, "iam:read");
  const rows = await db().invitation.findMany({
    where: { tenantId: ctx.tenant.id },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, email: true, permissions: true, expiresAt: true, acceptedAt: true, revokedAt: true, createdAt: true, lastSentAt: true, sentCount: true, invitedBy: { select: { email: true } } },
  });
  return rows.map((r) => ({ ...r, permissions: toPermissions(r.permissions), state: invitationState(r, now) as InvitationState }));
}

/** What the inviter learns: whether the mail left; the link itself only when it could not be mailed (to hand over another way). */
export type Sent = { invitationId: string; email: string; expiresAt: Date; mailed: boolean; link?: string };

async function mail(ctx: TenantContext, to: string, token: string, expiresAt: Date): Promise<{ mailed: boolean; link?: string }> {
  const config = invitationMailConfig();
  const link = linkOf(token);
  const mailed = config ? await sendInvitationMail(config, { to, tenantName: ctx.tenant.name, inviter: actorLabel(ctx.actor), link, expiresAt, hours: INVITATION_SETTINGS.validHours }) : false;
  return mailed ? { mailed } : { mailed, link };
}

/**
 * Invites an e-mail into this tenant with a set of permissions. A pending invitation of the same
 * e-mail here is replaced (revoked): one live link per person and tenant. A member already is refused.
 */
export async function createInvitation(ctx: TenantContext, input: CreateInvitationInput, now = new Date()): Promise<Decision<Sent>> {
  assertPermission(ctx, "iam:write");
  const token = newToken();
  const expiresAt = invitationExpiry(now);
  const row = await db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { tenantId: ctx.tenant.id, user: { email: input.email } }, select: { id: true } });
    if (member) throw new InvalidInputError({ email: msg(() => `${input.email} is already a member of ${ctx.tenant.name}.`, () => `${input.email} est déjà membre de ${ctx.tenant.name}.`) });
    await tx.invitation.updateMany({ where: { tenantId: ctx.tenant.id, email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const inv = await tx.invitation.create({
      data: { tenantId: ctx.tenant.id, email: input.email, permissions: [...new Set(input.permissions)], tokenHash: hashInvitationToken(token), expiresAt, invitedById: actorUserId(ctx.actor), sentCount: 1, lastSentAt: now },
      select: { id: true },
    });
    await recordAudit(
      { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "iam.invitation_create", targetType: "invitation", targetId: inv.id, targetName: input.email, details: { permissions: input.permissions, expiresAt: expiresAt.toISOString() } },
      tx,
    );
    return inv;
  });
  return { ok: true, value: { invitationId: row.id, email: input.email, expiresAt, ...(await mail(ctx, input.email, token, expiresAt)) }, warnings: [] };
}

async function findOrThrow(ctx: TenantContext, invitationId: string) {
  const inv = await db().invitation.findFirst({ where: { id: invitationId, tenantId: ctx.tenant.id }, select: { id: true, email: true, expiresAt: true, acceptedAt: true, revokedAt: true } });
  if (!inv) throw new NotFoundError("invitation", invitationId);
  return inv;
}

/** Whether an invitation may be sent again: expiry is what a resend cures, so it is judged as if still in time. */
const stillOpen = (ctx: TenantContext, inv: { acceptedAt: Date | null; revokedAt: Date | null }, now: Date) =>
  checkInvitationOpen({ ...inv, expiresAt: new Date(8.64e15), tenantName: ctx.tenant.name }, now);

/** Sends a pending or expired invitation again: a new link (the old one stops working), valid the full time from now. */
export async function resendInvitation(ctx: TenantContext, input: InvitationIdInput, now = new Date()): Promise<Decision<Sent>> {
  assertPermission(ctx, "iam:write");
  const inv = await findOrThrow(ctx, input.invitationId);
  const open = stillOpen(ctx, inv, now);
  if (!open.ok) return open as Decision<never>;
  const token = newToken();
  const expiresAt = invitationExpiry(now);
  const updated = await db().$transaction(async (tx) => {
    const r = await tx.invitation.updateMany({ where: { id: inv.id, tenantId: ctx.tenant.id, acceptedAt: null, revokedAt: null }, data: { tokenHash: hashInvitationToken(token), expiresAt, lastSentAt: now, sentCount: { increment: 1 } } });
    if (r.count === 1) {
      await recordAudit({ organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "iam.invitation_resend", targetType: "invitation", targetId: inv.id, targetName: inv.email, details: { expiresAt: expiresAt.toISOString() } }, tx);
    }
    return r.count;
  });
  // Accepted or revoked between the read and the write: say which, as if it had been so before.
  if (updated === 0) return stillOpen(ctx, await findOrThrow(ctx, inv.id), now) as Decision<never>;
  return { ok: true, value: { invitationId: inv.id, email: inv.email, expiresAt, ...(await mail(ctx, inv.email, token, expiresAt)) }, warnings: [] };
}

/** Revokes an invitation not yet accepted: its link opens nothing from now on. */
export async function revokeInvitation(ctx: TenantContext, input: InvitationIdInput, now = new Date()): Promise<Decision<{ invitationId: string }>> {
  assertPermission(ctx, "iam:write");
  const inv = await findOrThrow(ctx, input.invitationId);
  if (inv.acceptedAt) return checkInvitationOpen({ ...inv, tenantName: ctx.tenant.name }, now) as Decision<never>;
  if (!inv.revokedAt) {
    await db().$transaction(async (tx) => {
      const r = await tx.invitation.updateMany({ where: { id: inv.id, tenantId: ctx.tenant.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
      if (r.count === 1) await recordAudit({ organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "iam.invitation_revoke", targetType: "invitation", targetId: inv.id, targetName: inv.email }, tx);
    });
  }
  return { ok: true, value: { invitationId: inv.id }, warnings: [] };
}

// ───────────────────────── the link (no tenant context: the token is the credential) ─────────────────────────

export type InvitationLink =
  | { found: false }
  | { found: true; email: string; tenantName: string; tenantSlug: string; permissions: string[]; expiresAt: Date; accountExists: boolean; refusal: Decision<undefined>; sso: { passwordAllowed: boolean } | null };

/** What the acceptance page shows for a token: the tenant, the e-mail, whether an account exists, and why it no longer opens if so. */
export async function describeInvitationLink(token: string, now = new Date()): Promise<InvitationLink> {
  const inv = await db().invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, select: { email: true, permissions: true, expiresAt: true, acceptedAt: true, revokedAt: true, tenant: { select: { name: true, slug: true } } } });
  if (!inv) return { found: false };
  const domain = inv.email.slice(inv.email.lastIndexOf("@") + 1);
  // Single sign-on of the tenant's organization covering the address: the page offers it (and only it, when passwords are not allowed).
  const [account, sso] = await Promise.all([
    db().user.findUnique({ where: { email: inv.email }, select: { id: true } }),
    db().organizationSso.findFirst({ where: { domains: { has: domain }, organization: { tenants: { some: { slug: inv.tenant.slug } } } }, select: { passwordAllowed: true } }),
  ]);
  return { found: true, email: inv.email, tenantName: inv.tenant.name, tenantSlug: inv.tenant.slug, permissions: inv.permissions, expiresAt: inv.expiresAt, accountExists: !!account, refusal: checkInvitationOpen({ ...inv, tenantName: inv.tenant.name }, now), sso };
}

/**
 * Accepts an invitation by its token. A new e-mail sets a name and password and gets an account;
 * an e-mail with an account must be signed in as it (the link alone never opens someone's existing
 * account). The invitation row is locked: two clicks cannot both accept.
 */
export async function acceptInvitation(sessionUser: { id: string; email: string } | null, input: AcceptInvitationInput, now = new Date()): Promise<Decision<{ tenantSlug: string; email: string; created: boolean }>> {
  return db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Invitation" WHERE "tokenHash" = ${hashInvitationToken(input.token)} FOR UPDATE`;
    if (!locked) throw new NotFoundError("invitation");
    const inv = await tx.invitation.findUniqueOrThrow({ where: { id: locked.id }, select: { id: true, email: true, permissions: true, expiresAt: true, acceptedAt: true, revokedAt: true, tenant: { select: { id: true, name: true, slug: true, organizationId: true } } } });
    const open = checkInvitationOpen({ ...inv, tenantName: inv.tenant.name }, now);
    if (!open.ok) return open as Decision<never>;
    const existing = await tx.user.findUnique({ where: { email: inv.email }, select: { id: true, disabledAt: true } });
    let userId: string;
    if (existing) {
      if (!sessionUser || sessionUser.id !== existing.id) {
        throw new InvalidInputError({ email: msg(() => `An account with ${inv.email} exists: sign in as it, then open the link again.`, () => `Un compte ${inv.email} existe : connectez-vous avec, puis rouvrez le lien.`) });
      }
      userId = existing.id;
    } else {
      if (!input.password) throw new InvalidInputError({ password: msg(() => `Choose a password of ${PASSWORD_MIN} characters or more.`, () => `Choisissez un mot de passe de ${PASSWORD_MIN} caractères ou plus.`) });
      const user = await tx.user.create({ data: { email: inv.email, name: input.name ?? inv.email.split("@")[0]!, passwordHash: await bcrypt.hash(input.password, BCRYPT_COST) }, select: { id: true } });
      userId = user.id;
    }
    await tx.membership.upsert({
      where: { userId_tenantId: { userId, tenantId: inv.tenant.id } },
      create: { userId, tenantId: inv.tenant.id, permissions: inv.permissions },
      update: {},
    });
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: now, acceptedById: userId } });
    await recordAudit(
      { organizationId: inv.tenant.organizationId, tenantId: inv.tenant.id, actorType: "USER", actorId: userId, actorLabel: inv.email, action: "iam.invitation_accept", targetType: "invitation", targetId: inv.id, targetName: inv.email, details: { permissions: inv.permissions, newAccount: !existing } },
      tx,
    );
    return { ok: true, value: { tenantSlug: inv.tenant.slug, email: inv.email, created: !existing }, warnings: [] };
  });
}
