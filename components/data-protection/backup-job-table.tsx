import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Table, THead, TBody, Tr, Th, Td, RowHeader } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/styles";
import { LIST_COLUMNS, type ListColumn } from "@/lib/list-views";

export type BackupJobTableRow = { id: string; vmId: string | null; vmName: string; policyName: string; sourceAzId: string; targetAzId: string; state: "RUNNING" | "COMPLETED" | "FAILED"; sizeGib: number; startedAt: Date; finishedAt: Date | null };

const STATE_TONE = { RUNNING: "blue", COMPLETED: "green", FAILED: "red" } as const;

/**
 * Backup runs, newest first: the data-protection page's list (its columns the person's choice,
 * lib/list-views.ts) and the VM page's latest (without the VM column).
 */
export async function BackupJobTable({ rows, tenantSlug, label, showVm = true, columns = LIST_COLUMNS.backupJobs.all }: { rows: readonly BackupJobTableRow[]; tenantSlug: string; label: string; showVm?: boolean; columns?: readonly ListColumn<"backupJobs">[] }) {
  const [t, format] = await Promise.all([getTranslations("backupJobs"), getFormatter()]);
  const base = `/t/${tenantSlug}`;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const shown = columns.filter((c) => showVm || c !== "vm");
  const head = (c: ListColumn<"backupJobs">) => t(`columns.${c}`);
  return (
    <Table label={label} stack>
      <THead>
        {shown.map((c) => (
          <Th key={c} align={c === "size" ? "right" : "left"}>{head(c)}</Th>
        ))}
      </THead>
      <TBody>
        {rows.map((j) => {
          const cell: Record<ListColumn<"backupJobs">, React.ReactNode> = {
            startedAt: (
              <RowHeader key="startedAt" label={head("startedAt")}>
                <Link href={`${base}/data-protection/jobs/${j.id}`} className={linkClass} aria-label={t("openJob", { vm: j.vmName, date: when(j.startedAt) })}>
                  {when(j.startedAt)}
                </Link>
              </RowHeader>
            ),
            vm: <Td key="vm" label={head("vm")}>{j.vmId ? <Link href={`${base}/compute/vms/${j.vmId}`} className={linkClass}>{j.vmName}</Link> : j.vmName}</Td>,
            policy: <Td key="policy" label={head("policy")}>{j.policyName}</Td>,
            zones: (
              <Td key="zones" label={head("zones")}>
                {j.sourceAzId} → {j.targetAzId}
              </Td>
            ),
            state: (
              <Td key="state" label={head("state")}>
                <Badge tone={STATE_TONE[j.state]} dot>{t(`states.${j.state}`)}</Badge>
              </Td>
            ),
            size: <Td key="size" label={head("size")} align="right">{j.state === "COMPLETED" ? t("gib", { value: format.number(j.sizeGib) }) : "—"}</Td>,
            finishedAt: <Td key="finishedAt" label={head("finishedAt")}>{j.finishedAt ? when(j.finishedAt) : "—"}</Td>,
          };
          return <Tr key={j.id}>{shown.map((c) => cell[c])}</Tr>;
        })}
      </TBody>
    </Table>
  );
}
