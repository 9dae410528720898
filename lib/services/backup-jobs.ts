import "server-only";
import type { Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import { backupJobBatches, getBackupJobOrThrow, listBackupJobs as listJobRows } from "@/lib/db/backup-jobs";
import { loadDatastoreState, loadPoolState } from "@/lib/db/capacity";
import { lockVmOrThrow } from "@/lib/db/vms";
import { backupFiles } from "@/lib/infra/backup-files";
import { backedUpDisks, checkBackupNow, restoreTestName, type RestoreMode } from "@/lib/domain/backup";
import { checkVmFootprint } from "@/lib/domain/vm";
import { decide, type Decision, type LocalizedText } from "@/lib/domain/result";
import type { ActivityType } from "@/lib/activity-types";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { BackupJobQuery, PromoteRestoreInput, RestoreBackupInput, RunBackupInput } from "@/lib/validation/data-protection";
import { db } from "@/lib/db/client";
import { change, type Accepted } from "./change";
import { assertPermission, type TenantContext } from "./context";
import { changeVm } from "./vms";
import { lockRows, onceMoreOnUniqueRace } from "./tx";

// Backups run from the console ("Backup now"), their jobs, and restores from them. A backup is a
// change to its VM (locked, one activity at a time, audited) that writes a job row at once; the
// activity's handler finishes the job (size, log) or marks it failed. A restore as a test or a
// clone is a creation decided by the creation's rules (checkVmFootprint); a restore in production
// is a change to the VM, confirmed by its name typed back; a promotion puts a restore test in the
// original's place.

/** What a backup recorded, for a restore to rebuild the VM and for its file listing. */
export type BackupContents = {
  guestOs: string;
  templateCode: string | null;
  cpu: number;
  memoryGb: number;
  iopsDemand: number;
  writeRateMbps: number;
  poolId: string;
  datastoreId: string;
  disks: { label: string; sizeGib: number; usedGib: number; provisioning: "THIN" | "THICK"; controllerType: "LSI_LOGIC" | "LSI_LOGIC_SAS" | "VMWARE_PARAVIRTUAL" | "BUSLOGIC" | "NVME"; controllerBus: number }[];
};

export type BackupLogLine = { at: string } & LocalizedText;

const line = (at: Date, en: string, fr: string): BackupLogLine => ({ at: at.toISOString(), en, fr });

function contentsOf(json: Prisma.JsonValue): BackupContents {
  return json as unknown as BackupContents;
}

// ───────────────────────── Reads ─────────────────────────

export async function listBackupJobs<Q extends BackupJobQuery & Partial<Paging>>(ctx: TenantContext, q: Q) {
  assertPermission(ctx, "backup:read");
  return listJobRows(ctx.tenant.id, q);
}

export type BackupJobDetail = Awaited<ReturnType<typeof getBackupJob>>;

/** One job: its log, the files it holds (the simulated catalogue), and the restore tests made from it. */
export async function getBackupJob(ctx: TenantContext, jobId: string) {
  assertPermission(ctx, "backup:read");
  const job = await getBackupJobOrThrow(ctx.tenant.id, jobId);
  const contents = contentsOf(job.contents);
  const [vm, restored] = await Promise.all([
    job.vmId ? db().vm.findFirst({ where: { id: job.vmId, tenantId: ctx.tenant.id }, select: { id: true, name: true, busyActivityId: true } }) : null,
    db().vm.findMany({ where: { tenantId: ctx.tenant.id, restoredFromJobId: job.id }, orderBy: { name: "asc" }, select: { id: true, name: true, restoreTestOfId: true, powerState: true, busyActivityId: true } }),
  ]);
  const { contents: _c, log, ...row } = job;
  return {
    ...row,
    vm,
    log: (Array.isArray(log) ? log : []) as unknown as BackupLogLine[],
    guestOs: contents.guestOs ?? null,
    disks: contents.disks ?? [],
    files: job.state === "COMPLETED" && contents.disks ? backupFiles({ id: job.id, guestOs: contents.guestOs, disks: contents.disks }) : [],
    restored,
  };
}

/** The CSV export: every job the filters match, in batches. */
export function exportBackupJobs(ctx: TenantContext, q: Pick<BackupJobQuery, "state" | "q" | "vmId">) {
  assertPermission(ctx, "backup:read");
  return backupJobBatches(ctx.tenant.id, q);
}

export const BACKUP_JOB_CSV_HEADER = ["id", "vm", "policy", "source_zone", "target_zone", "state", "size_gib", "started_at", "finished_at"] as const;

export function backupJobCsvRow(j: { id: string; vmName: string; policyName: string; sourceAzId: string; targetAzId: string; state: string; sizeGib: number; startedAt: Date; finishedAt: Date | null }) {
  return [j.id, j.vmName, j.policyName, j.sourceAzId, j.targetAzId, j.state, j.sizeGib, j.startedAt.toISOString(), j.finishedAt?.toISOString() ?? ""];
}

// ───────────────────────── Backup now ─────────────────────────

export async function runBackup(ctx: TenantContext, input: RunBackupInput): Promise<Decision<Accepted & { backupJobId: string }>> {
  assertPermission(ctx, "backup:write");
  const tenantId = ctx.tenant.id;
  return changeVm<{ backupJobId: string }>(ctx, input.vmId, { action: "backup.run", activity: "backup.run" }, async (tx, vm) => {
    const [full, policies, completed] = await Promise.all([
      tx.vm.findFirstOrThrow({
        where: { id: vm.id, tenantId },
        select: {
          guestOs: true,
          templateCode: true,
          writeRateMbps: true,
          pool: { select: { azId: true } },
          disks: { orderBy: { createdAt: "asc" }, select: { label: true, sizeGib: true, usedGib: true, provisioning: true, controllerType: true, controllerBus: true, mode: true, excludedFromBackup: true } },
        },
      }),
      tx.backupPolicyAssignment.findMany({ where: { tenantId, vmId: vm.id }, orderBy: { policy: { name: "asc" } }, select: { policy: { select: { id: true, name: true, targetAzId: true } } } }),
      tx.backupJob.count({ where: { tenantId, vmId: vm.id, state: "COMPLETED" } }),
    ]);
    const decision = checkBackupNow({
      vm: { id: vm.id, name: vm.name, azId: full.pool.azId, snapshotCount: vm._count.snapshots },
      policies: policies.map((p) => p.policy),
      completedBackups: completed,
    });
    if (!decision.ok) return decision;
    const policy = policies[0]!.policy;
    const disks = backedUpDisks(full.disks).map(({ mode: _m, excludedFromBackup: _e, ...d }) => d);
    const contents: BackupContents = {
      guestOs: full.guestOs,
      templateCode: full.templateCode,
      cpu: vm.cpu,
      memoryGb: vm.memoryGb,
      iopsDemand: vm.iopsDemand,
      writeRateMbps: full.writeRateMbps,
      poolId: vm.poolId,
      datastoreId: vm.datastoreId,
      disks,
    };
    const now = new Date();
    const job = await tx.backupJob.create({
      data: {
        tenantId,
        vmId: vm.id,
        vmName: vm.name,
        policyId: policy.id,
        policyName: policy.name,
        sourceAzId: full.pool.azId,
        targetAzId: policy.targetAzId,
        contents: contents as unknown as Prisma.InputJsonValue,
        log: [
          line(
            now,
            `Backup of ${vm.name} requested under the policy ${policy.name}: ${disks.length} disk(s), from ${full.pool.azId} to the backup store of ${policy.targetAzId}.`,
            `Sauvegarde de ${vm.name} demandée sous la politique ${policy.name} : ${disks.length} disque(s), de ${full.pool.azId} vers le stockage de sauvegarde de ${policy.targetAzId}.`,
          ),
        ] as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    return decide(decision.warnings, {
      value: { backupJobId: job.id },
      after: { backupJob: job.id, policy: policy.name, targetAz: policy.targetAzId, disks: disks.length },
      payload: { backupJobId: job.id },
      also: [{ type: "backup_job", id: job.id, name: vm.name }],
      onStarted: (t: Tx, activityId: string) => t.backupJob.update({ where: { id: job.id }, data: { activityId } }),
    });
  });
}

// ───────────────────────── Restore ─────────────────────────

const RESTORE_KIND: Record<RestoreMode, { action: "backup.restore_test" | "backup.restore_clone" | "backup.restore_production"; activity: ActivityType }> = {
  test: { action: "backup.restore_test", activity: "backup.restore_test" },
  clone: { action: "backup.restore_clone", activity: "backup.restore_clone" },
  production: { action: "backup.restore_production", activity: "backup.restore_production" },
};

async function finishedJob(tenantId: string, jobId: string) {
  const job = await getBackupJobOrThrow(tenantId, jobId);
  if (job.state !== "COMPLETED")
    throw new ConflictError({
      en: `The backup of ${job.vmName} started at ${job.startedAt.toISOString()} has not finished (${job.state.toLowerCase()}): only a finished backup can be restored.`,
      fr: `La sauvegarde de ${job.vmName} lancée à ${job.startedAt.toISOString()} n’est pas terminée (${job.state.toLowerCase()}) : seule une sauvegarde terminée peut être restaurée.`,
    });
  return job;
}

export async function restoreBackup(ctx: TenantContext, input: RestoreBackupInput): Promise<Decision<Accepted & { vmId: string }>> {
  assertPermission(ctx, "backup:write");
  const job = await finishedJob(ctx.tenant.id, input.backupJobId);
  if (input.mode === "production") return restoreInProduction(ctx, job, input);
  return restoreAsNewVm(ctx, job, input);
}

type FinishedJob = Awaited<ReturnType<typeof finishedJob>>;

/** A restore test or a clone: a new VM, powered off, placed by the creation's rules on the original's pool and datastore. */
async function restoreAsNewVm(ctx: TenantContext, job: FinishedJob, input: RestoreBackupInput): Promise<Decision<Accepted & { vmId: string }>> {
  const tenantId = ctx.tenant.id;
  const c = contentsOf(job.contents);
  const test = input.mode === "test";
  if (test && !job.vmId)
    throw new ConflictError({
      en: `${job.vmName} no longer exists, so there is nothing to test the restore against: restore it as a clone.`,
      fr: `${job.vmName} n’existe plus : il n’y a rien à quoi comparer une restauration de test. Restaurez-la en clone.`,
    });
  const name = test ? restoreTestName(job.vmName) : input.name;
  if (!name) throw new InvalidInputError({ name: { en: "Name the clone.", fr: "Nommez le clone." } });
  const kind = RESTORE_KIND[input.mode];
  return onceMoreOnUniqueRace(() =>
    change<{ vmId: string }>(ctx, kind, async (tx) => {
      await lockRows(tx, "ComputePool", tenantId, [c.poolId]);
      await lockRows(tx, "Datastore", tenantId, [c.datastoreId]);
      const taken = await tx.vm.findFirst({ where: { tenantId, name }, select: { id: true } });
      if (taken)
        throw new InvalidInputError({
          name: test
            ? { en: `A VM named ${name} already exists: promote or delete the earlier restore test first.`, fr: `Une VM nommée ${name} existe déjà : promouvez ou supprimez d’abord la restauration de test précédente.` }
            : { en: `A VM named ${name} already exists in this tenant.`, fr: `Une VM nommée ${name} existe déjà dans ce tenant.` },
        });
      const [pool, datastore] = await Promise.all([loadPoolState(tenantId, c.poolId, tx), loadDatastoreState(tenantId, c.datastoreId, tx)]);
      // The creation's rules, on the backup's disks: snapshot reserve, thin over-commit, a host for it.
      const decision = checkVmFootprint({
        pool,
        datastore,
        vm: { id: "new-vm", name, memoryGb: c.memoryGb, iopsDemand: c.iopsDemand, encryption: "NONE", backupPolicyCount: 0 },
        newDisks: c.disks.map((d) => ({ sizeGib: d.sizeGib, provisioning: d.provisioning })),
        start: false,
        override: input.overrideReason ? { reason: input.overrideReason } : undefined,
      });
      if (!decision.ok) return { target: { type: "vm", id: name, name }, decision };
      const vm = await tx.vm.create({
        data: {
          tenantId,
          poolId: c.poolId,
          datastoreId: c.datastoreId,
          hostId: decision.value.hostId,
          name,
          guestOs: c.guestOs,
          templateCode: c.templateCode,
          cpu: c.cpu,
          memoryGb: c.memoryGb,
          powerState: "POWERED_OFF",
          status: "PROVISIONING",
          iopsDemand: c.iopsDemand,
          writeRateMbps: c.writeRateMbps,
          restoreTestOfId: test ? job.vmId : null,
          restoredFromJobId: job.id,
          // No network adapter: a restored copy starts isolated (its original's MACs are the original's).
          disks: { create: c.disks.map((d) => ({ tenantId, datastoreId: c.datastoreId, label: d.label, sizeGib: d.sizeGib, usedGib: d.provisioning === "THICK" ? d.sizeGib : d.usedGib, provisioning: d.provisioning, controllerType: d.controllerType, controllerBus: d.controllerBus })) },
        },
        select: { id: true, name: true },
      });
      return {
        target: { type: "vm", id: vm.id, name: vm.name },
        decision: decide(decision.warnings, {
          after: { mode: input.mode, backupJob: job.id, from: job.vmName, startedAt: job.startedAt.toISOString(), cpu: c.cpu, memoryGb: c.memoryGb, disks: c.disks.length },
          payload: { vmId: vm.id },
          also: [{ type: "backup_job", id: job.id, name: job.vmName }, ...(job.vmId ? [{ type: "vm", id: job.vmId, name: job.vmName }] : [])],
          value: { vmId: vm.id },
          onStarted: (t: Tx, activityId: string) => t.vm.update({ where: { id: vm.id }, data: { busyActivityId: activityId } }),
        }),
      };
    }),
  );
}

/** In production: the VM takes the backup's state (its disks, CPU and memory) and is left powered off. Confirmed by its name. */
async function restoreInProduction(ctx: TenantContext, job: FinishedJob, input: RestoreBackupInput): Promise<Decision<Accepted & { vmId: string }>> {
  const tenantId = ctx.tenant.id;
  const c = contentsOf(job.contents);
  if (!job.vmId)
    throw new ConflictError({ en: `${job.vmName} no longer exists: restore it as a clone.`, fr: `${job.vmName} n’existe plus : restaurez-la en clone.` });
  const vmId = job.vmId;
  return changeVm<{ vmId: string }>(ctx, vmId, RESTORE_KIND.production, async (tx, vm) => {
    if (input.confirmName !== vm.name) throw new InvalidInputError({ confirmName: { en: `Type ${vm.name} exactly to confirm.`, fr: `Saisissez exactement ${vm.name} pour confirmer.` } });
    await lockRows(tx, "ComputePool", tenantId, [vm.poolId]);
    await lockRows(tx, "Datastore", tenantId, [vm.datastoreId]);
    const [pool, datastore] = await Promise.all([loadPoolState(tenantId, vm.poolId, tx), loadDatastoreState(tenantId, vm.datastoreId, tx)]);
    // The VM stops, then takes the backup's memory: a stopped VM need only fit one host (the creation's rules).
    const decision = checkVmFootprint({
      pool: { ...pool, vms: pool.vms.map((v) => (v.id === vm.id ? { ...v, poweredOn: false } : v)) },
      datastore,
      vm: { id: vm.id, name: vm.name, memoryGb: c.memoryGb, iopsDemand: vm.iopsDemand, encryption: vm.encryption, backupPolicyCount: vm._count.backups },
      override: input.overrideReason ? { reason: input.overrideReason } : undefined,
    });
    if (!decision.ok) return decision;
    const before = { powerState: vm.powerState, hostId: vm.hostId, cpu: vm.cpu, memoryGb: vm.memoryGb };
    await tx.vm.update({ where: { id: vm.id }, data: { powerState: "POWERED_OFF", cpu: c.cpu, memoryGb: c.memoryGb } });
    return decide(decision.warnings, {
      value: { vmId },
      before,
      after: { powerState: "POWERED_OFF", cpu: c.cpu, memoryGb: c.memoryGb, backupJob: job.id, startedAt: job.startedAt.toISOString() },
      payload: { before },
      also: [{ type: "backup_job", id: job.id, name: job.vmName }],
    });
  });
}

// ───────────────────────── Promote a restore test ─────────────────────────

/** The restore test takes the original's place and name; the original is removed. Confirmed by the original's name. */
export async function promoteRestoreTest(ctx: TenantContext, input: PromoteRestoreInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "backup:write");
  const tenantId = ctx.tenant.id;
  return changeVm(ctx, input.vmId, { action: "backup.promote_restore", activity: "backup.promote_restore" }, async (tx, copy) => {
    const { restoreTestOfId } = await tx.vm.findFirstOrThrow({ where: { id: copy.id, tenantId }, select: { restoreTestOfId: true } });
    if (!restoreTestOfId)
      throw new ConflictError({ en: `${copy.name} is not a restore test: only a restore test can be promoted.`, fr: `${copy.name} n’est pas une restauration de test : seule une restauration de test peut être promue.` });
    const original = await lockVmOrThrow(tx, tenantId, restoreTestOfId).catch((e: unknown) => {
      if (e instanceof NotFoundError) throw new ConflictError({ en: `The VM ${copy.name} was a test of no longer exists.`, fr: `La VM dont ${copy.name} était le test n’existe plus.` });
      throw e;
    });
    if (input.confirmName !== original.name) throw new InvalidInputError({ confirmName: { en: `Type ${original.name} exactly to confirm.`, fr: `Saisissez exactement ${original.name} pour confirmer.` } });
    if (original.busyActivityId) throw new ConflictError({ en: `${original.name} is being changed by another activity; try again when it has ended.`, fr: `${original.name} est en cours de modification par une autre activité ; réessayez quand elle sera terminée.` });
    const replicated = await tx.replication.count({ where: { tenantId, vmId: original.id } });
    if (replicated > 0)
      throw new ConflictError({ en: `${original.name} is replicated to another zone: stop its replication before a restore test takes its place.`, fr: `${original.name} est répliquée vers une autre zone : arrêtez sa réplication avant qu’une restauration de test prenne sa place.` });
    return decide([], {
      before: { original: original.id, name: original.name, copy: copy.name },
      after: { name: original.name, vm: copy.id },
      payload: { originalId: original.id, originalName: original.name },
      also: [{ type: "vm", id: original.id, name: original.name }],
      onStarted: (t: Tx, activityId: string) => t.vm.update({ where: { id: original.id }, data: { busyActivityId: activityId } }),
    });
  });
}

/** The VM page's backup section: its latest jobs, its restore tests, which VM it is a restore test of, and the policies it may be given. */
export async function vmBackupState(ctx: TenantContext, vmId: string, latest = 5) {
  assertPermission(ctx, "backup:read");
  const tenantId = ctx.tenant.id;
  const [jobs, self, tests, policies] = await Promise.all([
    listJobRows(tenantId, { sort: "startedAt", dir: "desc", page: 1, pageSize: latest, vmId }),
    db().vm.findFirst({ where: { id: vmId, tenantId }, select: { restoreTestOf: { select: { id: true, name: true, busyActivityId: true } } } }),
    db().vm.findMany({ where: { tenantId, restoreTestOfId: vmId }, orderBy: { name: "asc" }, select: { id: true, name: true, busyActivityId: true } }),
    db().backupPolicy.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true, targetAzId: true } }),
  ]);
  return { jobs: jobs.rows, jobCount: jobs.total, restoreTestOf: self?.restoreTestOf ?? null, restoreTests: tests, policies };
}
