import { getSessionActor } from "@/lib/auth/session";
import { authorize } from "@/lib/auth/authorize";
import { consoleRouteRefusal } from "@/lib/auth/route-refusal";
import { BACKUP_JOB_CSV_HEADER, backupJobCsvRow, exportBackupJobs } from "@/lib/services/backup-jobs";
import { backupJobList } from "@/lib/validation/data-protection";
import { csvDownload, csvLine } from "@/lib/csv";

/**
 * The backup jobs as CSV: exactly the rows the page's filters show (its own URL parameters), all
 * pages of them, read from the database in keyset batches as the download goes.
 */
export async function GET(req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const slug = (await params).tenant;
  const authz = await authorize(await getSessionActor(), { slug }, "backup:read");
  if (!authz.ok) return consoleRouteRefusal(req, authz);
  const q = backupJobList.parse(Object.fromEntries(new URL(req.url).searchParams));
  const batches = exportBackupJobs(authz.ctx, { state: q.state, q: q.q, vmId: q.vmId });
  const day = new Date().toISOString().slice(0, 10);
  return csvDownload({ filename: `backup-jobs-${authz.ctx.tenant.slug}-${day}.csv`, header: BACKUP_JOB_CSV_HEADER, batches, line: (j) => csvLine(backupJobCsvRow(j)), label: "backup jobs" });
}
