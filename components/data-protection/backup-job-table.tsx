import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/styles";

export type BackupJobTableRow = { id: string; vmId: string | null; vmName: string; policyName: string; sourceAzId: string; targetAzId: string; state: "RUNNING" | "COMPLETED" | "FAILED"; sizeGib: number; startedAt: Date; finishedAt: Date | null };

const STATE_TONE = { RUNNING: "blue", COMPLETED: "green", FAILED: "red" } as const;

/** Backup runs, newest first: the data-protection page's list and the VM page's latest (without the VM column). */
export async function BackupJobTable({ rows, tenantSlug, label, showVm = true }: { rows: readonly BackupJobTableRow[]; tenantSlug: string; label: string; showVm?: boolean }) {
  const [t, format] = await Promise.all([getTranslations("backupJobs"), getFormatter()]);
  const base = `/t/${tenantSlug}`;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Table label={label}>
      <THead>
        <Th>{t("columns.startedAt")}</Th>
        {showVm && <Th>{t("columns.vm")}</Th>}
        <Th>{t("columns.policy")}</Th>
        <Th>{t("columns.zones")}</Th>
        <Th>{t("columns.state")}</Th>
        <Th align="right">{t("columns.size")}</Th>
        <Th>{t("columns.finishedAt")}</Th>
      </THead>
      <TBody>
        {rows.map((j) => (
          <Tr key={j.id}>
            <RowHeader>
              <Link href={`${base}/data-protection/jobs/${j.id}`} className={linkClass} aria-label={t("openJob", { vm: j.vmName, date: when(j.startedAt) })}>
                {when(j.startedAt)}
              </Link>
            </RowHeader>
            {showVm && <Td>{j.vmId ? <Link href={`${base}/compute/vms/${j.vmId}`} className={linkClass}>{j.vmName}</Link> : j.vmName}</Td>}
            <Td>{j.policyName}</Td>
            <Td>
              {j.sourceAzId} → {j.targetAzId}
            </Td>
            <Td>
              <Badge tone={STATE_TONE[j.state]} dot>{t(`states.${j.state}`)}</Badge>
            </Td>
            <Td align="right">{j.state === "COMPLETED" ? t("gib", { value: format.number(j.sizeGib) }) : "—"}</Td>
            <Td>{j.finishedAt ? when(j.finishedAt) : "—"}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
