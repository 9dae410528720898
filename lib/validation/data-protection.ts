// What the data-protection area accepts: backup policies per VM (one or a selection), replications
// between AZs, and the query strings of its two lists. One schema each, shared by the forms, the
// server actions and (later) the REST API. Messages are keys of the "validation" namespace.
import { z } from "zod";
import { PAGE_SIZES, defineListQuery, type ListQuery } from "@/lib/list-query";
import { POWER_STATES } from "./vm-list";
import { vmName } from "./vms";

const id = z.string().trim().min(1, "v.required").max(64);
/** A form sends one checked box as a string, several as an array; the API sends an array. */
const vmIds = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(id).min(1, "v.selectVm").max(100));

export const backupPolicyChangeSchema = z.object({ vmId: id, policyId: id });
export type BackupPolicyChangeInput = z.infer<typeof backupPolicyChangeSchema>;

export const bulkBackupPolicySchema = z.object({ vmIds, policyId: id });
export type BulkBackupPolicyInput = z.infer<typeof bulkBackupPolicySchema>;

export const enableVmReplicationSchema = z.object({ vmId: id, standbyAzId: id });
export type EnableVmReplicationInput = z.infer<typeof enableVmReplicationSchema>;

export const STORAGE_MIRROR_KINDS = ["GLOBAL_MIRROR", "METRO_MIRROR"] as const;
export type StorageMirrorKind = (typeof STORAGE_MIRROR_KINDS)[number];
export const enableStorageMirrorSchema = z.object({ datastoreId: id, kind: z.enum(STORAGE_MIRROR_KINDS), standbyAzId: id });
export type EnableStorageMirrorInput = z.infer<typeof enableStorageMirrorSchema>;

export const stopReplicationSchema = z.object({ replicationId: id });
export type StopReplicationInput = z.infer<typeof stopReplicationSchema>;

// ───────────────────────── Lists ─────────────────────────

export const COVERAGE_FILTERS = ["none", "covered"] as const;
/** "coverage" sorts VMs without a policy first (then by name): the view's point. */
export const COVERAGE_SORTS = ["coverage", "name", "powerState"] as const;
export type CoverageSort = (typeof COVERAGE_SORTS)[number];
export const COVERAGE_PAGE_SIZES = PAGE_SIZES;

export const coverageList = defineListQuery({
  sorts: COVERAGE_SORTS,
  defaultSort: "coverage",
  pageSizes: COVERAGE_PAGE_SIZES,
  filters: { q: z.string().trim().max(100), coverage: z.enum(COVERAGE_FILTERS), state: z.enum(POWER_STATES) },
});
export type CoverageQuery = ListQuery<CoverageSort, { q?: string; coverage?: (typeof COVERAGE_FILTERS)[number]; state?: (typeof POWER_STATES)[number] }>;

export const REPLICATION_KINDS = ["VM_REPLICATION", "GLOBAL_MIRROR", "METRO_MIRROR"] as const;
export const RPO_STATUSES = ["initial_copy", "ok", "at_risk", "breach"] as const;
export type RpoStatusName = (typeof RPO_STATUSES)[number];
export const REPLICATION_SORTS = ["subject", "kind", "lastReplicatedAt"] as const;
export type ReplicationSort = (typeof REPLICATION_SORTS)[number];

export const replicationList = defineListQuery({
  sorts: REPLICATION_SORTS,
  defaultSort: "subject",
  pageSizes: PAGE_SIZES,
  // cols: the columns shown, in order (lib/list-views.ts); absent = the defaults.
  filters: { kind: z.enum(REPLICATION_KINDS), rpo: z.enum(RPO_STATUSES), q: z.string().trim().max(100), cols: z.string().trim().max(300) },
});
export type ReplicationListQuery = ListQuery<ReplicationSort, { kind?: (typeof REPLICATION_KINDS)[number]; rpo?: RpoStatusName; q?: string; cols?: string }>;

// ───────────────────────── Backups and restores ─────────────────────────

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** An override of an overridable refusal (memory pressure) when a restore places a new VM: the reason is audited. */
const overrideReason = z.preprocess(blankToUndefined, z.string().trim().min(10, "v.overrideReason").max(500).optional());

export const runBackupSchema = z.object({ vmId: id });
export type RunBackupInput = z.infer<typeof runBackupSchema>;

export const RESTORE_MODES = ["test", "clone", "production"] as const;
export type RestoreModeName = (typeof RESTORE_MODES)[number];
/**
 * A restore from a finished backup: `test` (a copy named `<vm>-restore-test`, powered off), `clone`
 * (a new VM named `name`), or `production` (over the VM itself, confirmed by typing its name).
 */
export const restoreBackupSchema = z.object({
  backupJobId: id,
  mode: z.enum(RESTORE_MODES),
  name: z.preprocess(blankToUndefined, vmName.optional()),
  confirmName: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  overrideReason,
});
export type RestoreBackupInput = z.infer<typeof restoreBackupSchema>;

/** A restore test takes its original's place: confirmed by typing the original's name. */
export const promoteRestoreSchema = z.object({ vmId: id, confirmName: z.string().trim().max(200) });
export type PromoteRestoreInput = z.infer<typeof promoteRestoreSchema>;

export const BACKUP_JOB_STATES = ["RUNNING", "COMPLETED", "FAILED"] as const;
export type BackupJobStateName = (typeof BACKUP_JOB_STATES)[number];
export const BACKUP_JOB_SORTS = ["startedAt"] as const;
export type BackupJobSort = (typeof BACKUP_JOB_SORTS)[number];

export const backupJobList = defineListQuery({
  sorts: BACKUP_JOB_SORTS,
  defaultSort: "startedAt",
  defaultDir: "desc",
  pageSizes: PAGE_SIZES,
  // cols: the columns shown, in order (lib/list-views.ts); absent = the defaults. Not a filter: the export has every column.
  filters: { state: z.enum(BACKUP_JOB_STATES), q: z.string().trim().max(100), vmId: id, cols: z.string().trim().max(300) },
});
export type BackupJobQuery = ListQuery<BackupJobSort, { state?: BackupJobStateName; q?: string; vmId?: string; cols?: string }>;
