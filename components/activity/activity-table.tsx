import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ActivityView } from "@/lib/activity-types";
import { langOf } from "@/lib/decision-view";
import { Table, THead, TBody, Tr, Th, Td } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { ActivityProgress } from "./activity-tracker";

export const STATE_TONE = { WAITING: "grey", RUNNING: "blue", COMPLETED: "green", FAILED: "red" } as const;
export const resourceLinkClass = "font-medium text-brand-700 hover:underline dark:text-brand-300";

/**
 * Where the console shows a resource named by an activity, an audit event or an order: its own page, or the
 * list filtered on its name where it has none. Null when the console has no place for it.
 */
export function resourceHref(tenantSlug: string, r: { type: string; id: string; name?: string } | null): string | null {
  if (!r) return null;
  const base = `/t/${tenantSlug}`;
  const named = (list: string) => (r.name ? `${base}/${list}?q=${encodeURIComponent(r.name)}` : `${base}/${list}`);
  switch (r.type) {
    case "vm": return `${base}/compute/vms/${r.id}`;
    case "pool": return `${base}/compute/pools/${r.id}`;
    case "datastore": return `${base}/storage/${r.id}`;
    case "order": return `${base}/orders/${r.id}`;
    case "user": return `${base}/iam/users/${r.id}`;
    case "host": return named("compute/hosts");
    case "vlan": return named("network");
    case "affinity_rule": return `${base}/compute/affinity-rules`;
    case "replication": return `${base}/data-protection/replications`;
    default: return null;
  }
}

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
