import "server-only";
import type { Tx } from "@/lib/db/client";
import type { ActivityType } from "@/lib/activity-types";
import type { ActivityHandler } from "./handler";
import { vmHandler } from "./vms";

// How assigning or removing a VM's backup policy ends (lib/services/backup.ts reserves it): a change to the VM.

// `id: undefined` would be no filter at all: an assignment is always named, and always the VM's own.
const dropAssignment = (tx: Tx, vm: { id: string; tenantId: string }, p: { assignmentId?: string }) =>
  tx.backupPolicyAssignment.deleteMany({ where: { id: p.assignmentId ?? "", vmId: vm.id, tenantId: vm.tenantId } });

export const BACKUP_ACTIVITY_HANDLERS = {
  "backup.policy_assign": vmHandler({ revert: dropAssignment }),
  "backup.policy_remove": vmHandler({ complete: dropAssignment }),
} satisfies Record<Extract<ActivityType, `backup.${string}`>, ActivityHandler>;
