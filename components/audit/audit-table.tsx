import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AuditEventView } from "@/lib/audit-view";
import { Table, THead, TBody, Tr, Th, Td } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { resourceHref, resourceLinkClass } from "@/components/activity/activity-table";
import { LIST_COLUMNS, type ListColumn } from "@/lib/list-views";

export const OUTCOME_TONE = { SUCCEEDED: "green", REFUSED: "amber", DENIED: "red" } as const;

const json = (v: unknown) => JSON.stringify(v, null, 1).replace(/\n\s*/g, " ");

/**
 * The audit trail as a table: when (UTC, as auditors compare it with other logs), who, what, the
 * outcome, on what, and why — each refusal by its code with its figures, the change's before and
 * after, the permission a denied attempt lacked.
 */
export async function AuditTable({ rows, tenantSlug, label, showTarget = true, columns = LIST_COLUMNS.audit.all }: { rows: AuditEventView[]; tenantSlug: string; label: string; showTarget?: boolean; columns?: readonly ListColumn<"audit">[] }) {
  const t = await getTranslations("auditLog");
  const shown = columns.filter((c) => showTarget || c !== "target");
  const head = (c: ListColumn<"audit">) => t(`columns.${c}`);
  return (
    <Table label={label} stack>
      <THead>
        {shown.map((c) => (
          <Th key={c}>{head(c)}</Th>
        ))}
      </THead>
      <TBody>
        {rows.map((e) => {
          const href = e.target && e.target.id && e.action !== "vm.delete" ? resourceHref(tenantSlug, { type: e.target.type, id: e.target.id }) : null;
          const hasChange = e.before !== null || e.after !== null;
          const cell: Record<ListColumn<"audit">, React.ReactNode> = {
            time: (
              <Td key="time" label={head("time")} className="align-top text-slate-600 tabular-nums dark:text-slate-300">
                {/* ISO in UTC, whatever the reader's language: an audit line is compared with other logs */}
                <time dateTime={e.createdAt}>{e.createdAt.slice(0, 19).replace("T", " ")}</time>
              </Td>
            ),
            actor: (
              <Td key="actor" label={head("actor")} className="align-top whitespace-normal">
                <span className="block break-all">{e.actorLabel ?? "—"}</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">{t(`actorType.${e.actorType}`)}</span>
              </Td>
            ),
            action: (
              <Td key="action" label={head("action")} className="align-top whitespace-normal">
                <span className="block font-medium">{t(`actions.${e.action.replace(".", "_")}`)}</span>
                <code className="block text-[11px] text-slate-500 dark:text-slate-400">{e.action}</code>
              </Td>
            ),
            outcome: (
              <Td key="outcome" label={head("outcome")} className="align-top">
                <Badge tone={OUTCOME_TONE[e.outcome]} dot>{t(`outcome.${e.outcome}`)}</Badge>
              </Td>
            ),
            target: (
              <Td key="target" label={head("target")} className="align-top whitespace-normal">
                {e.target ? (
                  href ? <Link href={href} className={resourceLinkClass}>{e.target.name ?? e.target.id}</Link> : <span>{e.target.name ?? e.target.id}</span>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">—</span>
                )}
                {e.target && <span className="block text-xs text-slate-500 dark:text-slate-400">{e.target.type}</span>}
              </Td>
            ),
            details: (
              <Td key="details" label={head("details")} className="max-w-md min-w-48 align-top whitespace-normal">
                {e.permission && <p className="text-xs">{t("missingPermission", { permission: e.permission })}</p>}
                {e.violations.length > 0 && (
                  <ul className="space-y-0.5 text-xs">
                    {e.violations.map((v, i) => (
                      <li key={i}>
                        <code className="mr-1 font-mono font-semibold">{v.code}</code>
                        {v.message}
                        {(v.limit !== undefined || v.actual !== undefined) && (
                          <span className="text-slate-500 tabular-nums dark:text-slate-400">
                            {" "}({[v.limit !== undefined ? t("limit", { value: v.limit }) : null, v.actual !== undefined ? t("actual", { value: v.actual }) : null].filter(Boolean).join(" · ")})
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {hasChange && (
                  <details className="mt-0.5 text-xs">
                    <summary className="cursor-pointer text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">{t("change")}</summary>
                    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 font-mono text-[11px]">
                      {e.before !== null && (
                        <>
                          <dt className="text-slate-500">{t("before")}</dt>
                          <dd className="break-all">{json(e.before)}</dd>
                        </>
                      )}
                      {e.after !== null && (
                        <>
                          <dt className="text-slate-500">{t("after")}</dt>
                          <dd className="break-all">{json(e.after)}</dd>
                        </>
                      )}
                    </dl>
                  </details>
                )}
                {!e.permission && e.violations.length === 0 && !hasChange && <span className="text-slate-500 dark:text-slate-400">—</span>}
              </Td>
            ),
          };
          return <Tr key={e.id}>{shown.map((c) => cell[c])}</Tr>;
        })}
      </TBody>
    </Table>
  );
}
