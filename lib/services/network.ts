import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import { db, type Tx } from "@/lib/db/client";
import { findPropagation, findPropagations, listVlans as listVlanRows, lockVlan, lockVlans } from "@/lib/db/vlans";
import { getTenantRef, listUserTenants } from "@/lib/db/tenancy";
import { authorize } from "@/lib/auth/authorize";
import { actorUserId } from "@/lib/auth/context";
import { checkVlanPropagation } from "@/lib/domain/network";
import { checkNetworkCount } from "@/lib/domain/orders";
import { allViolations, decide, type Decision } from "@/lib/domain/result";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { PropagateVlansInput, VlanListQuery, VlanPropagationInput } from "@/lib/validation/network";
import { ACTIVITY_SELECT, toActivityView } from "./activities";
import { audit } from "./audit";
import { change, changeResource, type Accepted } from "./change";
import { assertPermission, type TenantContext } from "./context";

// Level-2 VLANs: a tenant's own VLANs reach every AZ and pool of the tenant, and may be propagated
// to sibling tenants of the same organization (VLAN.CROSS_ORGANIZATION otherwise). A propagation
// changes the receiving tenant's network too, so the actor must hold network:write there as well,
// and the receiving tenant's audit trail records it. New VLANs are orders (the orders area).

// ───────────────────────── Reads ─────────────────────────

export type VlanRow = Awaited<ReturnType<typeof listVlans>>["rows"][number];

export async function listVlans<Q extends VlanListQuery & Partial<Paging>>(ctx: TenantContext, q: Q) {
  assertPermission(ctx, "network:read");
  const { total, rows } = await listVlanRows(ctx.tenant.id, q);
  // The activities of propagations under way are the owning tenant's: only its own page follows them.
  const ids = rows.flatMap((v) => (v.own ? v.propagations.flatMap((p) => (p.busyActivityId ? [p.busyActivityId] : [])) : []));
  const activities = ids.length ? await db().activity.findMany({ where: { tenantId: ctx.tenant.id, id: { in: ids } }, select: ACTIVITY_SELECT }) : [];
  const byId = new Map(activities.map((a) => [a.id, toActivityView(a)]));
  return {
    total,
    rows: rows.map((v) => ({
      ...v,
      propagations: v.propagations.map(({ busyActivityId, ...p }) => ({ ...p, pending: busyActivityId !== null, busy: v.own && busyActivityId ? (byId.get(busyActivityId) ?? null) : null })),
    })),
  };
}

/**
 * The tenants a VLAN may be offered to: every other tenant the person can see, with its
 * organization. One of another organization is offered too and refused with the rule's reason.
 */
export async function propagationTargets(ctx: TenantContext) {
  assertPermission(ctx, "network:read");
  const userId = actorUserId(ctx.actor);
  if (!userId) return [];
  const memberships = await listUserTenants(userId);
  return memberships
    .filter((m) => m.tenant.id !== ctx.tenant.id)
    .map((m) => ({ id: m.tenant.id, name: m.tenant.name, organization: m.tenant.organization.name, sameOrganization: m.tenant.organizationId === ctx.tenant.organizationId }));
}

// ───────────────────────── Changes ─────────────────────────

/**
 * The receiving tenant, as far as this actor may know it: the rule speaks first (another
 * organization is refused, named only by the id the caller gave); then the actor must be a member
 * there (else not found, like a tenant that does not exist) holding network:write.
 */
async function receivingTenant(ctx: TenantContext, targetTenantId: string) {
  const target = await getTenantRef({ id: targetTenantId });
  if (!target) throw new NotFoundError("tenant", targetTenantId);
  if (target.id === ctx.tenant.id) {
    throw new InvalidInputError({ targetTenantId: { en: "A VLAN already reaches every AZ and pool of its own tenant: choose another tenant.", fr: "Un VLAN dessert déjà toutes les AZ et tous les pools de son propre tenant : choisissez un autre tenant." } });
  }
  return target;
}

async function assertCanWriteThere(ctx: TenantContext, target: { id: string; organizationId: string }) {
  // A token is bound to one tenant: reaching into another is beyond what it was issued for.
  if (ctx.actor.type === "token") throw new ForbiddenError("network:write");
  const there = await authorize(ctx.actor, { id: target.id }, "network:write");
  if (there.ok) return there.ctx;
  if (there.reason === "FORBIDDEN") throw new ForbiddenError("network:write");
  // The receiving tenant's allowed address ranges hold for this act too: its sentence says so.
  if (there.reason === "ADDRESS_NOT_ALLOWED" || there.reason === "TOTP_REQUIRED") throw new ConflictError(there.message, there.code);
  throw new NotFoundError("tenant", target.id);
}

/**
 * One propagation: up to 20 of the tenant's VLANs offered to one sibling tenant at once
 * (ORDER.NETWORK_COUNT), in one activity. All are reserved together; the activity's failure takes
 * them all back, so the receiving tenant gets every VLAN of the propagation or none.
 */
export async function propagateVlan(ctx: TenantContext, input: PropagateVlansInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "network:write");
  const tenantId = ctx.tenant.id;
  const ids = [...new Set(input.vlanIds)];
  return change(ctx, { action: "vlan.propagate", activity: "vlan.propagate" }, async (tx) => {
    const count = checkNetworkCount(ids.length, "propagation");
    if (!count.ok) return { target: { type: "vlan", id: ids[0]!, name: `${ids.length} VLANs` }, decision: count };
    const locked = await lockVlans(tx, tenantId, ids);
    const missing = ids.find((id) => !locked.some((v) => v.id === id));
    if (missing) throw new NotFoundError("vlan", missing);
    // In the order the caller gave them.
    const vlans = ids.map((id) => locked.find((v) => v.id === id)!);
    // Named as one VLAN is ("front (100)"), each in turn: the activity's and the audit's sentences read the same.
    const t = { type: "vlan", id: vlans[0]!.id, name: vlans.map((v) => `${v.name} (${v.tag})`).join(", ") };
    const target = await receivingTenant(ctx, input.targetTenantId);
    // No name for the other tenant: the refusal says only what the rule says.
    const d = decide(
      vlans.flatMap((vlan) =>
        allViolations(
          checkVlanPropagation({
            vlan: { id: vlan.id, tag: vlan.tag, tenantId, organizationId: ctx.tenant.organizationId },
            target: { tenantId: input.targetTenantId, organizationId: target.organizationId },
          }),
        ),
      ),
      undefined,
    );
    if (!d.ok) return { target: t, decision: d };
    const there = await assertCanWriteThere(ctx, target);
    const already = await findPropagations(tx, tenantId, ids, target.id);
    if (already.length > 0) {
      const tags = vlans.filter((v) => already.some((p) => p.vlanId === v.id)).map((v) => v.tag).join(", ");
      throw new ConflictError({ en: `VLAN ${tags} already reaches ${target.name}.`, fr: `Le VLAN ${tags} dessert déjà ${target.name}.` });
    }
    // Reserved at once: the receiving tenant sees them coming; a failed activity takes them back.
    const made = await tx.vlanPropagation.createManyAndReturn({ data: vlans.map((v) => ({ vlanId: v.id, tenantId: target.id })), select: { id: true } });
    const propagationIds = made.map((p) => p.id);
    const others = vlans.slice(1).map((v) => ({ type: "vlan", id: v.id, name: `${v.name} (${v.tag})` }));
    return {
      target: t,
      decision: decide(d.warnings, {
        after: { tenant: target.name, tenantId: target.id, vlans: vlans.map((v) => ({ id: v.id, tag: v.tag, name: v.name })) },
        payload: { propagationIds },
        also: [{ type: "tenant", id: target.id, name: target.name }, ...others],
        onStarted: async (tx2: Tx, activityId: string) => {
          await tx2.vlanPropagation.updateMany({ where: { id: { in: propagationIds } }, data: { busyActivityId: activityId } });
          await audit(tx2, there, { action: "vlan.propagate", target: t, after: { from: ctx.tenant.name, fromTenantId: tenantId, vlans: vlans.map((v) => ({ tag: v.tag, name: v.name })) }, activityId });
        },
      }),
    };
  });
}

export async function unpropagateVlan(ctx: TenantContext, input: VlanPropagationInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "network:write");
  const tenantId = ctx.tenant.id;
  return changeResource(
    ctx,
    { action: "vlan.unpropagate", activity: "vlan.unpropagate" },
    {
      lock: async (tx) => {
        const vlan = await lockVlan(tx, tenantId, input.vlanId);
        if (!vlan) throw new NotFoundError("vlan", input.vlanId);
        const p = await findPropagation(tx, tenantId, vlan.id, input.targetTenantId);
        if (!p) throw new NotFoundError("vlan propagation", `${vlan.id}/${input.targetTenantId}`);
        return { vlan, p };
      },
      target: ({ vlan }) => ({ type: "vlan", id: vlan.id, name: `${vlan.name} (${vlan.tag})` }),
      // The VLAN is the change's subject; the propagation to that one tenant is what an activity holds.
      busy: { column: ({ p }) => p.busyActivityId, mark: (tx, { p }, activityId) => tx.vlanPropagation.update({ where: { id: p.id }, data: { busyActivityId: activityId } }) },
      busyName: ({ vlan, p }) => `VLAN ${vlan.tag} → ${p.tenant.name}`,
    },
    async (_tx, { vlan, p }) => {
      const t = { type: "vlan", id: vlan.id, name: `${vlan.name} (${vlan.tag})` };
      const receiver = await getTenantRef({ id: p.tenant.id });
      return decide([], {
        before: { tenant: p.tenant.name, tenantId: p.tenant.id },
        payload: { propagationId: p.id },
        also: [{ type: "tenant", id: p.tenant.id, name: p.tenant.name }],
        // The receiving tenant's trail says its network lost the VLAN, whoever withdrew it.
        onStarted: async (tx2: Tx, activityId: string) => {
          if (receiver) await audit(tx2, { ...ctx, tenant: receiver }, { action: "vlan.unpropagate", target: t, before: { from: ctx.tenant.name, fromTenantId: tenantId }, activityId });
        },
      });
    },
  );
}
