import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/audit";
import { listAllowedRanges as listRows, replaceAllowedRanges, type AllowedRangeRow } from "@/lib/db/allowed-ranges";
import { checkAllowedRangesSave } from "@/lib/domain/address-ranges";
import type { Decision } from "@/lib/domain/result";
import type { AllowedRangesInput } from "@/lib/validation/allowed-ranges";
import { actorColumns, assertPermission, type TenantContext } from "./context";

// A tenant's allowed address ranges (the provider's own IAM): its console and its tokens answer
// only clients inside them; none = no restriction. authorize() enforces them on every request;
// here they are read and replaced. An immediate change, like the rest of IAM: no activity.

/** The ranges, and the address the caller acts from (to show it, and to offer its range). */
export async function listAllowedRanges(ctx: TenantContext): Promise<{ ranges: AllowedRangeRow[]; yourAddress: string | null }> {
  assertPermission(ctx, "iam:read");
  return { ranges: await listRows(ctx.tenant.id), yourAddress: ctx.actor.type === "system" ? null : (ctx.actor.address ?? null) };
}

/**
 * Replaces the whole list. Refused (IAM.RANGES_EXCLUDE_SELF, audited as REFUSED) when the list
 * leaves out the address it is saved from: whoever saves it could not come back to undo it. A
 * caller that is no request (the CLI, a script) has no address and is not checked: that is how an
 * operator recovers (README, Security).
 */
export async function setAllowedRanges(ctx: TenantContext, input: AllowedRangesInput): Promise<Decision<{ ranges: AllowedRangeRow[] }>> {
  assertPermission(ctx, "iam:write");
  const savingFrom = ctx.actor.type === "system" ? undefined : ctx.actor.address;
  const after = input.ranges.map((r) => ({ cidr: r.cidr, label: r.label }));
  return db().$transaction(async (tx) => {
    // Two owners saving at once: one list wins whole, never a mix of both.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`allowed-ranges:${ctx.tenant.id}`}))`;
    const before = await listRows(ctx.tenant.id, tx);
    const audit = { organizationId: ctx.tenant.organizationId, tenantId: ctx.tenant.id, ...actorColumns(ctx), action: "iam.allowed_ranges_set" as const, targetType: "tenant", targetId: ctx.tenant.id, targetName: ctx.tenant.name };
    const d = checkAllowedRangesSave({ cidrs: after.map((r) => r.cidr), savingFrom });
    if (!d.ok) {
      await recordAudit({ ...audit, outcome: "REFUSED", details: { violations: d.violations.map((v) => v.code), savingFrom: savingFrom ?? null, attempted: after } }, tx);
      return d;
    }
    await replaceAllowedRanges(ctx.tenant.id, after, tx);
    await recordAudit({ ...audit, details: { before, after, savingFrom: savingFrom ?? null } }, tx);
    return { ok: true, value: { ranges: after }, warnings: [] };
  });
}
