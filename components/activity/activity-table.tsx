import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ActivityView } from "@/lib/activity-types";
import { langOf } from "@/lib/decision-view";
import { Table, THead, TBody, Tr, Th, Td, rowLinkClass, cellLinkClass } from "@/components/ui/table";
import { LIST_COLUMNS, type ListColumn } from "@/lib/list-views";
import { Badge } from "@/components/ui/badge";
import { ActivityProgress } from "./activity-tracker";
import { resourceHref } from "./resource-href";

export const STATE_TONE = { WAITING: "grey", RUNNING: "blue", COMPLETED: "green", FAILED: "red" } as const;
export const resourceLinkClass = "font-medium text-brand-700 hover:underline dark:text-brand-300";

// Kept exported here too: pages and the audit table import it from this module.
export { resourceHref };

/**
 * Activities as a table, newest first: what, on which resource, in which state (live progress
 * while it runs, the reason when it failed), who asked and when. Used by the activities page and
 * by each resource's own history. `columns`: the person's choice on the activities page (lib/list-views.ts);
 * the whole row opens the activity.
 */
export async function ActivityTable({ rows, tenantSlug, label, showResource = true, now = new Date(), columns = LIST_COLUMNS.activities.all }: { rows: ActivityView[]; tenantSlug: string; label: string; showResource?: boolean; now?: Date; columns?: readonly ListColumn<"activities">[] }) {
  const [t, a, format, locale] = await Promise.all([getTranslations("activityLog"), getTranslations("activity"), getFormatter(), getLocale()]);
  const lang = langOf(locale);
  const when = (iso: string) => (
    <time dateTime={iso} title={format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }) + " UTC"}>
      {format.relativeTime(new Date(iso), now)}
    </time>
  );
  const shown = columns.filter((c) => showResource || c !== "resource");
  const head = (c: ListColumn<"activities">) => t(`columns.${c}`);
  return (
    <Table label={label} stack>
      <THead>
        {shown.map((c) => (
          <Th key={c} align={c === "duration" ? "right" : "left"}>{head(c)}</Th>
        ))}
      </THead>
      <TBody>
        {rows.map((r) => {
          const item = r.concernedItems[0];
          // A deleted VM has no page any more: its name stays, without a link.
          const href = r.type === "vm.delete" && r.state === "COMPLETED" ? null : resourceHref(tenantSlug, r.resource);
          const running = r.state === "WAITING" || r.state === "RUNNING";
          const seconds = r.startedAt && r.completedAt ? (Date.parse(r.completedAt) - Date.parse(r.startedAt)) / 1000 : null;
          const cell: Record<ListColumn<"activities">, React.ReactNode> = {
            createdAt: <Td key="createdAt" label={head("createdAt")} className="text-slate-600 tabular-nums dark:text-slate-300">{when(r.createdAt)}</Td>,
            // The row opens the activity: this link's box covers it (rowLinkClass).
            type: (
              <Td key="type" label={head("type")} className="font-medium">
                <Link href={`/t/${tenantSlug}/activities/${r.id}`} className={`${resourceLinkClass} ${rowLinkClass}`}>{a(`types.${r.type.replace(".", "_")}`)}</Link>
              </Td>
            ),
            resource: (
              <Td key="resource" label={head("resource")}>
                {item ? (
                  href ? <Link href={href} className={`${resourceLinkClass} ${cellLinkClass}`}>{item.name}</Link> : <span>{item.name}</span>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">—</span>
                )}
              </Td>
            ),
            state: (
              <Td key="state" label={head("state")} className="whitespace-normal">
                {running ? (
                  <ActivityProgress activity={r} />
                ) : (
                  <span className="flex flex-col items-start gap-0.5">
                    <Badge tone={STATE_TONE[r.state]} dot>
                      <span className="capitalize">{a(`states.${r.state}`)}</span>
                    </Badge>
                    {r.state === "FAILED" && r.failure && <span className="max-w-md text-xs text-red-800 dark:text-red-300">{r.failure.message[lang]}</span>}
                  </span>
                )}
              </Td>
            ),
            initiator: <Td key="initiator" label={head("initiator")}>{r.initiator ? <span title={r.initiator.email}>{r.initiator.name}</span> : <span className="text-slate-500 dark:text-slate-400">{t(`actor.${r.actorType}`)}</span>}</Td>,
            duration: <Td key="duration" label={head("duration")} align="right" className="text-slate-600 dark:text-slate-300">{seconds === null ? "—" : t("seconds", { value: format.number(seconds, { maximumFractionDigits: 1 }) })}</Td>,
          };
          return (
            <Tr key={r.id} linked>
              {shown.map((c) => cell[c])}
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
