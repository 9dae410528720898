import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import type { Decision } from "@/lib/domain/result";
import type { SetTotpRequiredInput } from "@/lib/validation/iam";
import { actorColumns, assertPermission, type TenantContext } from "./context";

// Whether a tenant requires two-factor authentication of its members (the provider's own IAM).
// authorize() enforces it for people on every request (IAM.TOTP_REQUIRED); tokens are not asked.

export type TotpRequirement = { required: boolean; membersWithout: number; members: number };

/** The setting, and how many members would be (or are) sent to turn two-factor on. */
export async function getTotpRequirement(ctx: TenantContext): Promise<TotpRequirement> {
  assertPermission(ctx, "iam:read");
  const [tenant, members, membersWithout] = await Promise.all([
    db().tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { requireTotp: true } }),
    db().membership.count({ where: { tenantId: ctx.tenant.id, user: { disabledAt: null } } }),
    db().membership.count({ where: { tenantId: ctx.tenant.id, user: { disabledAt: null, totpEnabledAt: null } } }),
  ]);
  return { required: tenant.requireTotp, members, membersWithout };
}

/** Turns the requirement on or off; audited with the value before and after (also when unchanged). */
export async function setTotpRequired(ctx: TenantContext, input: SetTotpRequiredInput): Promise<Decision<{ required: boolean }>> {
  assertPermission(ctx, "iam:write");
  return db().$transaction(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { requireTotp: true } });
    await tx.tenant.update({ where: { id: ctx.tenant.id }, data: { requireTotp: input.required } });
    await recordAudit(
      { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "iam.totp_required_set", targetType: "tenant", targetId: ctx.tenant.id, targetName: ctx.tenant.name, details: { before: before.requireTotp, after: input.required } },
      tx,
    );
    return { ok: true, value: { required: input.required }, warnings: [] };
  });
}

/**
 * For the account page a member is sent to: the name of the tenant (named by its slug) that requires
 * two-factor, if the user is a member of it and it does. Anything else answers null (no oracle).
 */
export async function tenantRequiringTotp(userId: string, slug: string): Promise<string | null> {
  const m = await db().membership.findFirst({ where: { userId, tenant: { slug, requireTotp: true } }, select: { tenant: { select: { name: true } } } });
  return m?.tenant.name ?? null;
}
