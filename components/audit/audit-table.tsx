import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AuditEventView } from "@/lib/audit-view";
import { Table, THead, TBody, Tr, Th, Td } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { resourceHref, resourceLinkClass } from "@/components/activity/activity-table";

export const OUTCOME_TONE = { SUCCEEDED: "green", REFUSED: "amber", DENIED: "red" } as const;

const json = (v: unknown) => JSON.stringify(v, null, 1).replace(/\n\s*/g, " ");

/**
 * The audit trail as a table: when (UTC, as auditors compare it with other logs), who, what, the
 * outcome, on what, and why — each refusal by its code with its figures, the change's before and
 * after, the permission a denied attempt lacked.
 */
export async function AuditTable({ rows, tenantSlug, label, showTarget = true }: { rows: AuditEventView[]; tenantSlug: string; label: string; showTarget?: boolean }) {
  const t = await getTranslations("auditLog");
  return (
    <Table label={label}>
      <THead>
        <Th>{t("columns.time")}</Th>
        <Th>{t("columns.actor")}</Th>
        <Th>{t("columns.action")}</Th>
        <Th>{t("columns.outcome")}</Th>
        {showTarget && <Th>{t("columns.target")}</Th>}
        <Th>{t("columns.details")}</Th>
      </THead>
      <TBody>
        {rows.map((e) => {
          const href = e.target && e.target.id && e.action !== "vm.delete" ? resourceHref(tenantSlug, { type: e.target.type, id: e.target.id }) : null;
          const hasChange = e.before !== null || e.after !== null;
          return (
            <Tr key={e.id}>
              <Td className="align-top text-slate-600 tabular-nums dark:text-slate-300">
                {/* ISO in UTC, whatever the reader's language: an audit line is compared with other logs */}
                <time dateTime={e.createdAt}>{e.createdAt.slice(0, 19).replace("T", " ")}</time>
              </Td>
              <Td className="align-top">
                <span className="block">{e.actorLabel ?? "—"}</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">{t(`actorType.${e.actorType}`)}</span>
              </Td>
              <Td className="align-top">
                <span className="block font-medium">{t(`actions.${e.action.replace(".", "_")}`)}</span>
                <code className="block text-[11px] text-slate-500 dark:text-slate-400">{e.action}</code>
              </Td>
              <Td className="align-top">
                <Badge tone={OUTCOME_TONE[e.outcome]} dot>{t(`outcome.${e.outcome}`)}</Badge>
              </Td>
              {showTarget && (
                <Td className="align-top">
                  {e.target ? (
                    href ? <Link href={href} className={resourceLinkClass}>{e.target.name ?? e.target.id}</Link> : <span>{e.target.name ?? e.target.id}</span>
                  ) : (
                    <span className="text-slate-500 dark:text-slate-400">—</span>
                  )}
                  {e.target && <span className="block text-xs text-slate-500 dark:text-slate-400">{e.target.type}</span>}
                </Td>
              )}
              <Td className="max-w-xl align-top whitespace-normal">
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
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
