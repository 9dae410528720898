import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db/client";
import { loadPoolState, loadPoolStates } from "@/lib/db/capacity";
import { afterWhere, countUnless } from "@/lib/db/keyset";
import type { ActivityType } from "@/lib/activity-types";
import type { AuditAction } from "@/lib/audit-actions";
import { checkAffinityRule } from "@/lib/domain/affinity";
import { decide, type Decision } from "@/lib/domain/result";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { ruleBrokenBy } from "@/lib/domain/pool-plan";
import type { AffinityListQuery, AffinityRuleIdInput, CreateAffinityRuleInput, DeleteAffinityRuleInput } from "@/lib/validation/affinity";
import { change, changeResource, type Accepted, type ChangePlan } from "./change";
import { assertPermission, type TenantContext } from "./context";
import { lockRows } from "./tx";

// Affinity rules: VM-to-VM, inside one pool. A rule that can never hold is refused at
// creation (AFFINITY.UNSATISFIABLE, checked again when enabled); an enabled rule binds every
// placement after it (create, power-on, a host's maintenance), which names it when it refuses.
// Decided under the pool's lock, like the placements it constrains.

// ───────────────────────── Reads ─────────────────────────

export type AffinityRuleListItem = Awaited<ReturnType<typeof listAffinityRules>>["rows"][number];

/** One page of the tenant's rules, with their VMs and whether they hold today. */
export async function listAffinityRules<Q extends AffinityListQuery & Partial<Paging>>(ctx: TenantContext, q: Q) {
  assertPermission(ctx, "compute:read");
  const tenantId = ctx.tenant.id;
  const where: Prisma.AffinityRuleWhereInput = { tenantId, ...(q.pool ? { poolId: q.pool } : {}), ...(q.kind ? { kind: q.kind } : {}) };
  if (q.after && q.sort !== "name") throw new Error(`keyset paging of affinity rules sorted by ${q.sort} is not written`);
  const orderBy: Prisma.AffinityRuleOrderByWithRelationInput[] =
    q.sort === "pool" ? [{ pool: { name: q.dir } }, { name: "asc" }] : q.sort === "kind" ? [{ kind: q.dir }, { name: "asc" }] : [{ name: q.dir }, { id: "asc" }];
  const [total, rows, pools] = await Promise.all([
    countUnless(q, () => db().affinityRule.count({ where })),
    db().affinityRule.findMany({
      // Names are unique per pool only: the id breaks ties.
      where: q.after ? { AND: [where, afterWhere("name", q.dir, "asc", q.after)] } : where,
      orderBy,
      skip: q.after ? 0 : (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true, name: true, kind: true, enabled: true, pool: { select: { id: true, name: true } }, vms: { select: { vm: { select: { id: true, name: true } } } } },
    }),
    db().computePool.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  // Every pool of the page at once, not one read per pool.
  const states = await loadPoolStates(rows.map((r) => ({ tenantId, id: r.pool.id })));
  return { total, pools, rows: rows.map((r) => ({ ...r, vms: r.vms.map((v) => v.vm), brokenBy: ruleBrokenBy(states.get(r.pool.id)!, r.id) })) };
}

// ───────────────────────── Changes ─────────────────────────

async function ruleOrThrow(tx: Tx, tenantId: string, ruleId: string) {
  const rule = await tx.affinityRule.findFirst({ where: { id: ruleId, tenantId }, select: { id: true, name: true, kind: true, enabled: true, poolId: true, vms: { select: { vmId: true } } } });
  if (!rule) throw new NotFoundError("affinity rule", ruleId);
  return rule;
}
type Rule = Awaited<ReturnType<typeof ruleOrThrow>>;

/** The VMs a rule names, with their pools and memory; another tenant's VM is not found. */
async function ruleVms(tx: Tx, tenantId: string, vmIds: readonly string[]) {
  const ids = [...new Set(vmIds)];
  const vms = await tx.vm.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, name: true, poolId: true, memoryGb: true } });
  const missing = ids.find((id) => !vms.some((v) => v.id === id));
  if (missing) throw new NotFoundError("vm", missing);
  return vms;
}

/** A change to one rule, under its pool's lock, refused while another activity changes it. */
function changeRule(ctx: TenantContext, ruleId: string, kind: { action: AuditAction; activity: ActivityType }, decideChange: (tx: Tx, rule: Rule) => Promise<Decision<ChangePlan<undefined>>>): Promise<Decision<Accepted>> {
  const tenantId = ctx.tenant.id;
  return changeResource(
    ctx,
    kind,
    {
      lock: async (tx) => {
        const found = await ruleOrThrow(tx, tenantId, ruleId);
        await lockRows(tx, "ComputePool", tenantId, [found.poolId]);
        return ruleOrThrow(tx, tenantId, ruleId);
      },
      target: (rule) => ({ type: "affinity_rule", id: rule.id, name: rule.name }),
      busy: { activities: true },
    },
    decideChange,
  );
}

export async function createAffinityRule(ctx: TenantContext, input: CreateAffinityRuleInput): Promise<Decision<Accepted & { ruleId: string }>> {
  assertPermission(ctx, "compute:write");
  const tenantId = ctx.tenant.id;
  return change<{ ruleId: string }>(ctx, { action: "affinity.create", activity: "affinity.create" }, async (tx) => {
    if ((await lockRows(tx, "ComputePool", tenantId, [input.poolId])) === 0) throw new NotFoundError("pool", input.poolId);
    const [pool, vms, taken] = await Promise.all([
      loadPoolState(tenantId, input.poolId, tx),
      ruleVms(tx, tenantId, input.vmIds),
      tx.affinityRule.findFirst({ where: { tenantId, poolId: input.poolId, name: input.name }, select: { id: true } }),
    ]);
    if (taken) throw new InvalidInputError({ name: { en: `Pool ${pool.name} already has a rule named ${input.name}.`, fr: `Le pool ${pool.name} a déjà une règle nommée ${input.name}.` } });
    const d = checkAffinityRule(pool, { name: input.name, kind: input.kind, vms });
    if (!d.ok) return { target: { type: "affinity_rule", id: input.name, name: input.name }, decision: d };
    const rule = await tx.affinityRule.create({
      data: { tenantId, poolId: pool.id, name: input.name, kind: input.kind, enabled: true, vms: { create: d.value.vmIds.map((vmId) => ({ vmId })) } },
      select: { id: true },
    });
    return {
      target: { type: "affinity_rule", id: rule.id, name: input.name },
      decision: decide(d.warnings, {
        after: { pool: pool.name ?? pool.id, kind: input.kind, vms: vms.map((v) => v.name) },
        payload: { ruleId: rule.id },
        also: [{ type: "pool", id: pool.id, name: pool.name ?? pool.id }],
        value: { ruleId: rule.id },
      }),
    };
  });
}

/** Enabling asks the domain again (hosts may have gone into maintenance since the rule was made). */
export async function enableAffinityRule(ctx: TenantContext, input: AffinityRuleIdInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeRule(ctx, input.ruleId, { action: "affinity.enable", activity: "affinity.enable" }, async (tx, rule) => {
    if (rule.enabled) throw new ConflictError({ en: `Rule ${rule.name} is already enabled.`, fr: `La règle ${rule.name} est déjà activée.` });
    const [pool, vms] = await Promise.all([loadPoolState(ctx.tenant.id, rule.poolId, tx), ruleVms(tx, ctx.tenant.id, rule.vms.map((v) => v.vmId))]);
    const d = checkAffinityRule(pool, { name: rule.name, kind: rule.kind, vms });
    if (!d.ok) return d;
    await tx.affinityRule.update({ where: { id: rule.id }, data: { enabled: true } });
    return decide(d.warnings, { before: { enabled: false }, after: { enabled: true }, payload: { ruleId: rule.id, before: { enabled: false } } });
  });
}

export async function disableAffinityRule(ctx: TenantContext, input: AffinityRuleIdInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeRule(ctx, input.ruleId, { action: "affinity.disable", activity: "affinity.disable" }, async (tx, rule) => {
    if (!rule.enabled) throw new ConflictError({ en: `Rule ${rule.name} is already disabled.`, fr: `La règle ${rule.name} est déjà désactivée.` });
    await tx.affinityRule.update({ where: { id: rule.id }, data: { enabled: false } });
    return decide([], { before: { enabled: true }, after: { enabled: false }, payload: { ruleId: rule.id, before: { enabled: true } } });
  });
}

/** The rule goes once the cluster has dropped it; until then it still binds placements. */
export async function deleteAffinityRule(ctx: TenantContext, input: DeleteAffinityRuleInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeRule(ctx, input.ruleId, { action: "affinity.delete", activity: "affinity.delete" }, async (_tx, rule) => {
    if (input.confirmName !== rule.name) {
      throw new InvalidInputError({ confirmName: { en: `Type ${rule.name} exactly to confirm.`, fr: `Saisissez exactement ${rule.name} pour confirmer.` } });
    }
    return decide([], { before: { name: rule.name, kind: rule.kind, enabled: rule.enabled }, payload: { ruleId: rule.id } });
  });
}

/** DELETE /compute/affinity-rules/{id}: the request itself is the confirmation the console asks for by name. */
export async function deleteAffinityRuleById(ctx: TenantContext, ruleId: string): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  const rule = await db().affinityRule.findFirst({ where: { id: ruleId, tenantId: ctx.tenant.id }, select: { name: true } });
  if (!rule) throw new NotFoundError("affinity rule", ruleId);
  return deleteAffinityRule(ctx, { ruleId, confirmName: rule.name });
}
