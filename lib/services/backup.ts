import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import { db } from "@/lib/db/client";
import { coverageSummary, listBackupPolicies as listPolicyRows, listCoverage as listCoverageRows } from "@/lib/db/backup";
import { checkRemoveBackupPolicy } from "@/lib/domain/vm";
import { checkBackupPolicyZone } from "@/lib/domain/backup";
import { rpoStatus } from "@/lib/domain/replication";
import { decide, type Decision } from "@/lib/domain/result";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { BackupPolicyChangeInput, BulkBackupPolicyInput, CoverageQuery } from "@/lib/validation/data-protection";
import { ACTIVITY_SELECT, toActivityView } from "./activities";
import type { Accepted } from "./change";
import { assertPermission, type TenantContext } from "./context";
import { changeVm, type BulkItem } from "./vms";

// Backup policies per VM. Under SecNumCloud a VM may not start without one (the power service
// asks lib/domain's checkPowerOn), and a running VM keeps its last one (checkRemoveBackupPolicy).
// Assigning or removing is a change to the VM: locked, one activity at a time, audited.

// ───────────────────────── Reads ─────────────────────────

export async function listBackupPolicies(ctx: TenantContext) {
  assertPermission(ctx, "backup:read");
  return listPolicyRows(ctx.tenant.id);
}

export type CoverageRow = Awaited<ReturnType<typeof listCoverage>>["rows"][number];

/** The coverage view: VMs without a policy first, each with its policies, its replication's RPO status and its running activity. */
export async function listCoverage<Q extends CoverageQuery & Partial<Paging>>(ctx: TenantContext, q: Q, now = new Date()) {
  assertPermission(ctx, "backup:read");
  const [{ total, rows }, summary] = await Promise.all([listCoverageRows(ctx.tenant.id, q), coverageSummary(ctx.tenant.id)]);
  const busyIds = rows.flatMap((r) => (r.busyActivityId ? [r.busyActivityId] : []));
  const busy = busyIds.length ? await db().activity.findMany({ where: { tenantId: ctx.tenant.id, id: { in: busyIds } }, select: ACTIVITY_SELECT }) : [];
  const busyById = new Map(busy.map((a) => [a.id, toActivityView(a)]));
  return {
    total,
    summary,
    rows: rows.map(({ backups, replications, ...r }) => ({
      ...r,
      policies: backups.map((b) => b.policy),
      busy: r.busyActivityId ? (busyById.get(r.busyActivityId) ?? null) : null,
      replication: replications[0] ? { ...replications[0], rpo: rpoStatus(replications[0].promisedRpoMinutes, replications[0].lastReplicatedAt, now) } : null,
    })),
  };
}

// ───────────────────────── Changes ─────────────────────────

async function policyOrThrow(tenantId: string, policyId: string) {
  const policy = await db().backupPolicy.findFirst({ where: { id: policyId, tenantId }, select: { id: true, name: true, targetAzId: true } });
  if (!policy) throw new NotFoundError("backup policy", policyId);
  return policy;
}

export async function assignBackupPolicy(ctx: TenantContext, input: BackupPolicyChangeInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "backup:write");
  const policy = await policyOrThrow(ctx.tenant.id, input.policyId);
  return changeVm(ctx, input.vmId, { action: "backup.policy_assign", activity: "backup.policy_assign" }, async (tx, vm) => {
    const taken = await tx.backupPolicyAssignment.findFirst({ where: { tenantId: ctx.tenant.id, vmId: vm.id, policyId: policy.id }, select: { id: true } });
    if (taken) throw new ConflictError({ en: `${vm.name} already has the backup policy ${policy.name}.`, fr: `${vm.name} a déjà la politique de sauvegarde ${policy.name}.` });
    // Its backups must land in another zone than the VM's (BACKUP.SAME_AZ).
    const { azId } = await tx.computePool.findFirstOrThrow({ where: { id: vm.poolId, tenantId: ctx.tenant.id }, select: { azId: true } });
    const zone = checkBackupPolicyZone({ id: vm.id, name: vm.name, azId }, policy);
    if (!zone.ok) return zone;
    // The assignment counts at once (the VM stays busy until the backup service has it).
    const a = await tx.backupPolicyAssignment.create({ data: { tenantId: ctx.tenant.id, vmId: vm.id, policyId: policy.id }, select: { id: true } });
    return decide([], {
      before: { policies: vm._count.backups },
      after: { policies: vm._count.backups + 1, policy: policy.name },
      payload: { assignmentId: a.id },
      also: [{ type: "backup_policy", id: policy.id, name: policy.name }],
    });
  });
}

export async function removeBackupPolicy(ctx: TenantContext, input: BackupPolicyChangeInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "backup:write");
  const policy = await policyOrThrow(ctx.tenant.id, input.policyId);
  return changeVm(ctx, input.vmId, { action: "backup.policy_remove", activity: "backup.policy_remove" }, async (tx, vm) => {
    const a = await tx.backupPolicyAssignment.findFirst({ where: { tenantId: ctx.tenant.id, vmId: vm.id, policyId: policy.id }, select: { id: true } });
    if (!a) throw new NotFoundError("backup policy assignment", `${vm.id}/${policy.id}`);
    const d = checkRemoveBackupPolicy({ id: vm.id, name: vm.name, powerState: vm.powerState, backupPolicyCount: vm._count.backups });
    if (!d.ok) return d;
    // The assignment stays until the backup service has let the VM go: a failure changes nothing.
    return decide(d.warnings, {
      before: { policies: vm._count.backups, policy: policy.name },
      after: { policies: vm._count.backups - 1 },
      payload: { assignmentId: a.id },
      also: [{ type: "backup_policy", id: policy.id, name: policy.name }],
    });
  });
}

/** Each selected VM in turn, each with its own decision, audit row and activity; another tenant's ids are skipped. */
async function bulk(ctx: TenantContext, input: BulkBackupPolicyInput, one: (ctx: TenantContext, i: BackupPolicyChangeInput) => Promise<Decision<Accepted>>): Promise<Decision<BulkItem[]>> {
  assertPermission(ctx, "backup:write");
  await policyOrThrow(ctx.tenant.id, input.policyId);
  const names = new Map((await db().vm.findMany({ where: { tenantId: ctx.tenant.id, id: { in: input.vmIds } }, select: { id: true, name: true } })).map((v) => [v.id, v.name]));
  const out: BulkItem[] = [];
  for (const vmId of [...new Set(input.vmIds)]) {
    const name = names.get(vmId);
    if (name === undefined) continue;
    try {
      const d = await one(ctx, { vmId, policyId: input.policyId });
      out.push(d.ok ? { vmId, name, ok: true, activityId: d.value.activityId, violations: d.warnings } : { vmId, name, ok: false, violations: d.violations });
    } catch (e) {
      if (e instanceof NotFoundError && e.resource === "vm") continue;
      if (e instanceof NotFoundError) {
        out.push({ vmId, name, ok: false, violations: [], conflict: { en: `${name} does not have this policy.`, fr: `${name} n’a pas cette politique.` } });
        continue;
      }
      if (!(e instanceof ConflictError)) throw e;
      out.push({ vmId, name, ok: false, violations: [], conflict: e.text });
    }
  }
  return decide([], out);
}

export const bulkAssignBackupPolicy = (ctx: TenantContext, input: BulkBackupPolicyInput) => bulk(ctx, input, assignBackupPolicy);
export const bulkRemoveBackupPolicy = (ctx: TenantContext, input: BulkBackupPolicyInput) => bulk(ctx, input, removeBackupPolicy);
