import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ActivityView } from "@/lib/activity-types";
import { langOf } from "@/lib/decision-view";
import { Table, THead, TBody, Tr, Th, Td } from "@/components/ui/table";
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
 * by each resource's own history.
 */
export async function ActivityTable({ rows, tenantSlug, label, showResource = true, now = new Date() }: { rows: ActivityView[]; tenantSlug: string; label: string; showResource?: boolean; now?: Date }) {
  const [t, a, format, locale] = await Promise.all([getTranslations("activityLog"), getTranslations("activity"), getFormatter(), getLocale()]);
  const lang = langOf(locale);
  const when = (iso: string) => (
    <time dateTime={iso} title={format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }) + " UTC"}>
      {format.relativeTime(new Date(iso), now)}
    </time>
  );
  return (
    <Table label={label}>
      <THead>
        <Th>{t("columns.createdAt")}</Th>
        <Th>{t("columns.type")}</Th>
        {showResource && <Th>{t("columns.resource")}</Th>}
        <Th>{t("columns.state")}</Th>
        <Th>{t("columns.initiator")}</Th>
        <Th align="right">{t("columns.duration")}</Th>
      </THead>
      <TBody>
        {rows.map((r) => {
          const item = r.concernedItems[0];
          // A deleted VM has no page any more: its name stays, without a link.
          const href = r.type === "vm.delete" && r.state === "COMPLETED" ? null : resourceHref(tenantSlug, r.resource);
          const running = r.state === "WAITING" || r.state === "RUNNING";
          const seconds = r.startedAt && r.completedAt ? (Date.parse(r.completedAt) - Date.parse(r.startedAt)) / 1000 : null;
          return (
            <Tr key={r.id}>
              <Td className="text-slate-600 tabular-nums dark:text-slate-300">{when(r.createdAt)}</Td>
              <Td className="font-medium">
                <Link href={`/t/${tenantSlug}/activities/${r.id}`} className={resourceLinkClass}>{a(`types.${r.type.replace(".", "_")}`)}</Link>
              </Td>
              {showResource && (
                <Td>
                  {item ? (
                    href ? <Link href={href} className={resourceLinkClass}>{item.name}</Link> : <span>{item.name}</span>
                  ) : (
                    <span className="text-slate-500 dark:text-slate-400">—</span>
                  )}
                </Td>
              )}
              <Td className="whitespace-normal">
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
              <Td>{r.initiator ? <span title={r.initiator.email}>{r.initiator.name}</span> : <span className="text-slate-500 dark:text-slate-400">{t(`actor.${r.actorType}`)}</span>}</Td>
              <Td align="right" className="text-slate-600 dark:text-slate-300">{seconds === null ? "—" : t("seconds", { value: format.number(seconds, { maximumFractionDigits: 1 }) })}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
