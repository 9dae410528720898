import type { LocalizedText } from "@/lib/domain/result";

// Every kind of activity (asynchronous task), once. Each has a handler in lib/jobs/handlers/,
// checked by the compiler, and a label in the message files (activityTypes.*).
export const ACTIVITY_TYPES = [
  "vm.create",
  "vm.power_on",
  "vm.power_off",
  "vm.restart",
  "vm.suspend",
  "vm.resize",
  "vm.disk_add",
  "vm.disk_grow",
  "vm.disk_delete",
  "vm.snapshot_create",
  "vm.snapshot_delete",
  "vm.snapshot_revert",
  "vm.nic_add",
  "vm.nic_edit",
  "vm.nic_remove",
  "vm.migrate",
  "vm.tags_set",
  "vm.delete",
  "vm.encrypt",
  // the tenant's catalogue: a VM's CD/DVD drive, a VM exported as a template
  "vm.iso_mount",
  "vm.iso_unmount",
  "vm.template_export",
  // a disk detached from a VM (kept on its datastore) and attached to another
  "vm.disk_detach",
  "vm.disk_attach",
  // orders: submitted, withdrawn or refused, and each kind of delivery
  "order.submit",
  "order.cancel",
  "order.reject",
  "order.deliver_pool",
  "order.deliver_hosts",
  "order.deliver_datastore",
  "order.resize_datastore",
  "order.retier_datastore",
  "order.deliver_vlan",
  // pools and hosts
  "pool.set_activated_memory",
  "pool.set_ha",
  "host.enter_maintenance",
  "host.exit_maintenance",
  // affinity rules
  "affinity.create",
  "affinity.enable",
  "affinity.disable",
  "affinity.delete",
  // data protection: backup policies per VM, replications between AZs
  "backup.policy_assign",
  "backup.policy_remove",
  "backup.run",
  "backup.restore_test",
  "backup.restore_clone",
  "backup.restore_production",
  "backup.promote_restore",
  "replication.vm_enable",
  "replication.global_mirror_enable",
  "replication.metro_mirror_enable",
  "replication.stop",
  // network: VLAN propagation between tenants of one organization
  "vlan.propagate",
  "vlan.unpropagate",
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export function isActivityType(value: string): value is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(value);
}

/** Seeded history rows carry a type of their own that no handler runs. */
export const HISTORY_ONLY_TYPES = ["tenant.seed"] as const;

export const ACTIVITY_STATES = ["WAITING", "RUNNING", "COMPLETED", "FAILED"] as const;
export type ActivityStateName = (typeof ACTIVITY_STATES)[number];

export type ConcernedItem = { type: string; id: string; name: string };

/** An activity as every caller sees it (a page, the browser's poll, the REST API): plain JSON. */
export type ActivityView = {
  id: string;
  type: string;
  state: "WAITING" | "RUNNING" | "COMPLETED" | "FAILED";
  progress: number;
  step: string | null;
  /** The step under way, as people read it. */
  stepLabel: LocalizedText | null;
  initiator: { id: string; name: string; email: string } | null;
  actorType: "USER" | "TOKEN" | "SYSTEM";
  concernedItems: ConcernedItem[];
  resource: { type: string; id: string } | null;
  resultId: string | null;
  failure: { code: string; message: LocalizedText } | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
};

/**
 * One step of an activity's plan on its page: when it began and ended, as the runner logged it. A resumed
 * activity starts its plan again, so a step may appear twice, the first time "interrupted"; the steps it has
 * not reached are "pending" while it runs and "skipped" once it failed.
 */
export type ActivityStepView = {
  key: string;
  label: LocalizedText;
  state: "done" | "running" | "failed" | "interrupted" | "pending" | "skipped";
  startedAt: string | null;
  endedAt: string | null;
};

/** An activity with its steps and attempts: its own page and `GET /api/v1/activities/{id}`. */
export type ActivityDetailView = ActivityView & { attempts: number; steps: ActivityStepView[] };
