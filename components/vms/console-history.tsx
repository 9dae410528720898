import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Table, THead, TBody, Tr, Th, Td } from "@/components/ui/table";
import { linkClass } from "@/components/ui/styles";
import { Badge } from "@/components/ui/badge";
import { CONSOLE_LIMITS } from "@/lib/domain/console";

export type ConsoleHistoryRow = { id: string; line: string; actorLabel: string | null; createdAt: Date };

/** A keyset cursor for the VM page's link to older commands: the last row shown. */
export const consoleCursor = (r: { id: string; createdAt: Date }) => `${r.createdAt.toISOString()}~${r.id}`;

export function parseConsoleCursor(v: unknown): { key: [Date]; id: string } | undefined {
  if (typeof v !== "string") return undefined;
  const [at, id] = v.split("~");
  const date = new Date(at ?? "");
  return id && !Number.isNaN(date.getTime()) ? { key: [date], id } : undefined;
}

/** The VM page's "Console history": what was typed at its console, by whom and when, newest first. */
export async function ConsoleHistory({ vmName, rows, olderHref, newestHref }: { vmName: string; rows: readonly ConsoleHistoryRow[] | null; olderHref: string | null; newestHref: string | null }) {
  const [t, format] = await Promise.all([getTranslations("webConsole"), getFormatter()]);
  const empty = (text: string) => <p className="rounded-lg border border-dashed border-slate-300 px-3 py-4 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">{text}</p>;
  return (
    <section aria-labelledby="vm-console-history" className="min-w-0">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="vm-console-history" className="flex items-center gap-2 text-sm font-semibold">
          {t("historyTitle")}
          <Badge tone="amber">{t("simulated")}</Badge>
        </h2>
        <span className="flex gap-3 text-xs">
          {newestHref && <Link href={newestHref} className={linkClass}>{t("newest")}</Link>}
          {olderHref && <Link href={olderHref} className={linkClass}>{t("older")}</Link>}
        </span>
      </div>
      {rows === null ? (
        empty(t("historyNeedsAudit"))
      ) : rows.length === 0 ? (
        empty(t("historyEmpty"))
      ) : (
        <>
          <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{t("historyIntro", { limit: format.number(CONSOLE_LIMITS.historyPerVm) })}</p>
          <Table label={t("historyCaption", { name: vmName })}>
            <THead>
              <Th>{t("columns.at")}</Th>
              <Th>{t("columns.who")}</Th>
              <Th>{t("columns.line")}</Th>
            </THead>
            <TBody>
              {rows.map((r) => (
                <Tr key={r.id}>
                  <Td className="whitespace-nowrap tabular-nums">{format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "medium" })}</Td>
                  <Td className="break-all">{r.actorLabel ?? "—"}</Td>
                  <Td><code className="break-all">{r.line}</code></Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </section>
  );
}
