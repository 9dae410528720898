import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { AlertView } from "@/lib/alert-view";
import { Badge } from "@/components/ui/badge";
import { EmptyRow, RowHeader, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { AcknowledgeButton } from "./acknowledge-button";

const TONE = { OPEN: "red", ACKNOWLEDGED: "amber", RESOLVED: "green" } as const;

function resourceHref(slug: string, a: AlertView): string | null {
  if (a.resourceType === "POOL") return `/t/${slug}/dashboards/pools/${a.resourceId}`;
  if (a.resourceType === "DATASTORE") return `/t/${slug}/dashboards/datastores/${a.resourceId}`;
  return `/t/${slug}/data-protection/replications`;
}

/** Alerts as a table: state, kind, resource (linked to its dashboard), figure against line, when, who acknowledged. */
export function AlertTable({ alerts, tenant, canAcknowledge, label, empty }: { alerts: AlertView[]; tenant: { id: string; slug: string }; canAcknowledge: boolean; label: string; empty: string }) {
  const t = useTranslations("alerts");
  const format = useFormatter();
  const lang = useLocale() === "fr" ? "fr" : "en";
  const n = (x: number) => format.number(Math.round(x * 100) / 100);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Table label={label}>
      <THead>
        <Th>{t("columns.state")}</Th>
        <Th>{t("columns.resource")}</Th>
        <Th>{t("columns.kind")}</Th>
        <Th align="right">{t("columns.figure")}</Th>
        <Th align="right">{t("columns.line")}</Th>
        <Th align="right">{t("columns.peak")}</Th>
        <Th>{t("columns.opened")}</Th>
        <Th>{t("columns.handled")}</Th>
      </THead>
      <TBody>
        {alerts.length === 0 ? (
          <EmptyRow colSpan={8}>{empty}</EmptyRow>
        ) : (
          alerts.map((a) => {
            const href = resourceHref(tenant.slug, a);
            return (
              <Tr key={a.id}>
                <Td>
                  <Badge tone={TONE[a.state]} dot>
                    {t(`state.${a.state}`)}
                  </Badge>
                </Td>
                <RowHeader>{href ? <Link className="underline-offset-2 hover:underline" href={href}>{a.resourceName}</Link> : a.resourceName}</RowHeader>
                <Td className="whitespace-normal">
                  <span title={a.text[lang]}>{t(`kind.${a.kind}`)}</span>
                </Td>
                <Td align="right">
                  {n(a.lastValue)} {a.unit}
                </Td>
                <Td align="right">
                  {n(a.limit)} {a.unit}
                </Td>
                <Td align="right">
                  {n(a.peak)} {a.unit}
                </Td>
                <Td>{when(a.openedAt)}</Td>
                <Td className="whitespace-normal">
                  {a.state === "OPEN" && canAcknowledge ? (
                    <AcknowledgeButton tenantId={tenant.id} alertId={a.id} resource={a.resourceName} />
                  ) : (
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      {a.acknowledgedAt && t("acknowledgedBy", { who: a.acknowledgedByName ?? "—", when: when(a.acknowledgedAt) })}
                      {a.acknowledgedAt && a.resolvedAt && " · "}
                      {a.resolvedAt && t("resolvedAt", { when: when(a.resolvedAt) })}
                    </span>
                  )}
                </Td>
              </Tr>
            );
          })
        )}
      </TBody>
    </Table>
  );
}
