import "server-only";
import type { Counted, Paging } from "@/lib/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/errors";
import type { BackupJobQuery } from "@/lib/validation/data-protection";
import { db, type Tx } from "./client";
import { likeLiteral } from "./like";
import { afterWhere, countUnless } from "./keyset";

// Backup jobs: one row per run of a VM's backup, newest first. Every query names the tenant: another
// tenant's job is not found. Paged in the database, by offset for the console's numbered pages and by
// keyset (startedAt, id) for the API's cursors and the CSV export.

export const BACKUP_JOB_ROW = {
  id: true,
  vmId: true,
  vmName: true,
  policyId: true,
  policyName: true,
  sourceAzId: true,
  targetAzId: true,
  state: true,
  sizeGib: true,
  activityId: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.BackupJobSelect;

export type BackupJobRow = Prisma.BackupJobGetPayload<{ select: typeof BACKUP_JOB_ROW }>;

function whereOf(tenantId: string, q: Partial<Pick<BackupJobQuery, "state" | "q" | "vmId">>): Prisma.BackupJobWhereInput {
  return {
    tenantId,
    ...(q.state ? { state: q.state } : {}),
    ...(q.vmId ? { vmId: q.vmId } : {}),
    ...(q.q ? { vmName: { contains: likeLiteral(q.q), mode: "insensitive" } } : {}),
  };
}

/** One page of the tenant's backup jobs, newest first (the id breaks ties), counted unless told not to. */
export async function listBackupJobs<Q extends BackupJobQuery & Partial<Paging>>(tenantId: string, q: Q, tx: Tx = db()): Promise<{ total: Counted<Q>; rows: BackupJobRow[] }> {
  const where = whereOf(tenantId, q);
  const [total, rows] = await Promise.all([
    countUnless(q, () => tx.backupJob.count({ where })),
    tx.backupJob.findMany({
      where: q.after ? { AND: [where, afterWhere("startedAt", q.dir, q.dir, q.after)] } : where,
      orderBy: [{ startedAt: q.dir }, { id: q.dir }],
      skip: q.after ? 0 : (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: BACKUP_JOB_ROW,
    }),
  ]);
  return { total, rows };
}

/** Every job the filters match, newest first, a batch at a time (the CSV export): a keyset walk, never an offset. */
export async function* backupJobBatches(tenantId: string, q: Pick<BackupJobQuery, "state" | "q" | "vmId">, batch = 500, tx: Tx = db()): AsyncGenerator<BackupJobRow[]> {
  const where = whereOf(tenantId, q);
  let after: { key: [Date]; id: string } | undefined;
  for (;;) {
    const rows = await tx.backupJob.findMany({
      where: after ? { AND: [where, afterWhere("startedAt", "desc", "desc", after)] } : where,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: batch,
      select: BACKUP_JOB_ROW,
    });
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    after = { key: [last.startedAt], id: last.id };
  }
}

/** One job with its log and what it holds; another tenant's is not found. */
export async function getBackupJobOrThrow(tenantId: string, jobId: string, tx: Tx = db()) {
  const job = await tx.backupJob.findFirst({ where: { id: jobId, tenantId }, select: { ...BACKUP_JOB_ROW, contents: true, log: true } });
  if (!job) throw new NotFoundError("backup job", jobId);
  return job;
}
