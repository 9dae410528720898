import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import type { ActivityType } from "@/lib/activity-types";
import { INFRA_PLANS } from "@/lib/infra/driver";
import { payloadOf, required, type ActivityHandler, type ActivityRecord } from "./handler";
import { VM_ACTIVITY_HANDLERS, vmHandler } from "./vms";

// How a VM's backup activities end (lib/services/backup.ts and backup-jobs.ts reserve them): assigning
// or removing a policy, a backup run (its job finished or failed, with its log), a restore (a new VM
// made final, or the VM put back), and a restore test's promotion.

// `id: undefined` would be no filter at all: an assignment is always named, and always the VM's own.
const dropAssignment = (tx: Tx, vm: { id: string; tenantId: string }, p: { assignmentId?: string }) =>
  tx.backupPolicyAssignment.deleteMany({ where: { id: p.assignmentId ?? "", vmId: vm.id, tenantId: vm.tenantId } });

type LogLine = { at: string; en: string; fr: string };

/** The job's log: what it had, then each step of the activity as the runner logged it, then how it ended. */
async function endJob(tx: Tx, a: ActivityRecord, ok: boolean) {
  const jobId = required(payloadOf<{ backupJobId: string }>(a).backupJobId, "backup job");
  const [job, activity] = await Promise.all([
    tx.backupJob.findFirst({ where: { id: jobId, tenantId: a.tenantId }, select: { log: true, contents: true } }),
    tx.activity.findFirst({ where: { id: a.id, tenantId: a.tenantId }, select: { stepLog: true } }),
  ]);
  if (!job) return;
  const labels = new Map(INFRA_PLANS["backup.run"].map((s) => [s.key, s.label]));
  const steps = (Array.isArray(activity?.stepLog) ? activity.stepLog : []) as { key: string; at: string }[];
  const disks = (job.contents as { disks?: { usedGib: number }[] }).disks ?? [];
  const sizeGib = disks.reduce((s, d) => s + d.usedGib, 0);
  const now = new Date().toISOString();
  // The runner reverts before it records the failure: the step that failed is the last one begun.
  const last = steps.length ? labels.get(steps[steps.length - 1]!.key) : undefined;
  const log: LogLine[] = [
    ...((Array.isArray(job.log) ? job.log : []) as LogLine[]),
    ...steps.map((s) => ({ at: s.at, en: labels.get(s.key)?.en ?? s.key, fr: labels.get(s.key)?.fr ?? s.key })),
    ok
      ? { at: now, en: `Backup completed: ${sizeGib} GiB written.`, fr: `Sauvegarde terminée : ${sizeGib} Gio écrits.` }
      : { at: now, en: `Backup failed during: ${last?.en ?? "its first step"}. Nothing was kept.`, fr: `Sauvegarde échouée pendant : ${last?.fr ?? "sa première étape"}. Rien n’a été gardé.` },
  ];
  await tx.backupJob.updateMany({
    where: { id: jobId, tenantId: a.tenantId },
    data: { state: ok ? "COMPLETED" : "FAILED", sizeGib: ok ? sizeGib : 0, finishedAt: new Date(), log: log as unknown as Prisma.InputJsonValue },
  });
}

const backupRun = vmHandler({});

type PromotePayload = { originalId?: string; originalName?: string };

export const BACKUP_ACTIVITY_HANDLERS = {
  "backup.policy_assign": vmHandler({ revert: dropAssignment }),
  "backup.policy_remove": vmHandler({ complete: dropAssignment }),
  "backup.run": {
    complete: async (tx, a) => {
      await endJob(tx, a, true);
      await backupRun.complete(tx, a);
    },
    revert: async (tx, a) => {
      await endJob(tx, a, false);
      await backupRun.revert(tx, a);
    },
  },
  // A restored copy is a new VM: made final, or taken away, as a creation is.
  "backup.restore_test": VM_ACTIVITY_HANDLERS["vm.create"],
  "backup.restore_clone": VM_ACTIVITY_HANDLERS["vm.create"],
  // The VM took the backup's state at the decision; a failed restore puts its power, host, CPU and memory back.
  "backup.restore_production": VM_ACTIVITY_HANDLERS["vm.resize"],
  // The copy takes the original's policies, backup history and name; the original goes. A failure changes nothing.
  "backup.promote_restore": {
    complete: async (tx, a) => {
      const copy = { id: required(a.resourceId, "VM"), tenantId: a.tenantId };
      const p = payloadOf<PromotePayload>(a);
      const originalId = required(p.originalId, "original VM");
      const original = { id: originalId, tenantId: a.tenantId };
      const held = await tx.backupPolicyAssignment.findMany({ where: { tenantId: a.tenantId, vmId: copy.id }, select: { policyId: true } });
      await tx.backupPolicyAssignment.deleteMany({ where: { tenantId: a.tenantId, vmId: originalId, policyId: { in: held.map((h) => h.policyId) } } });
      await tx.backupPolicyAssignment.updateMany({ where: { tenantId: a.tenantId, vmId: originalId }, data: { vmId: copy.id } });
      await tx.backupJob.updateMany({ where: { tenantId: a.tenantId, vmId: originalId }, data: { vmId: copy.id } });
      await tx.vm.deleteMany({ where: original });
      await tx.vm.updateMany({ where: copy, data: { name: required(p.originalName, "original name"), restoreTestOfId: null, busyActivityId: null } });
    },
    revert: async (tx, a) => {
      const p = payloadOf<PromotePayload>(a);
      await tx.vm.updateMany({ where: { id: required(p.originalId, "original VM"), tenantId: a.tenantId }, data: { busyActivityId: null } });
      await tx.vm.updateMany({ where: { id: required(a.resourceId, "VM"), tenantId: a.tenantId }, data: { busyActivityId: null } });
    },
  },
} satisfies Record<Extract<ActivityType, `backup.${string}`>, ActivityHandler>;
