import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AlertKind } from "@/lib/domain/alerts";
import type { AlertView } from "@/lib/alert-view";
import { AlertTable } from "./alert-table";
import { ThresholdsForm } from "./thresholds-form";

type Line = { kind: AlertKind; defaultPct: number; levelPct: number | null };

/** A pool's or datastore's open alerts on its dashboard, and its alert lines (editable with compute:management). */
export function ResourceAlerts({ kind, tenant, resourceId, alerts, lines, canEdit }: { kind: "pool" | "datastore"; tenant: { id: string; slug: string }; resourceId: string; alerts: AlertView[]; lines: Line[]; canEdit: boolean }) {
  const t = useTranslations("alerts");
  return (
    <section aria-labelledby="resource-alerts" className="mb-6" data-testid="resource-alerts">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="resource-alerts" className="font-semibold">
          {t("resourceAlerts", { kind })}
        </h2>
        <Link className="text-sm underline underline-offset-2" href={`/t/${tenant.slug}/dashboards/alerts?view=all&resourceId=${resourceId}`}>
          {t("allAlerts")}
        </Link>
      </div>
      {alerts.length > 0 ? (
        <AlertTable alerts={alerts} tenant={tenant} canAcknowledge label={t("table")} empty={t("resourceAlertsNone", { kind })} />
      ) : (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
          {t("resourceAlertsNone", { kind })}
        </p>
      )}
      <details className="mt-3 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
        <summary className="cursor-pointer text-sm font-medium">{t("thresholds")}</summary>
        <div className="mt-3">
          {canEdit ? (
            <ThresholdsForm tenantId={tenant.id} resourceId={resourceId} lines={lines} />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-300">{t("thresholdReadOnly", { lines: lines.map((l) => `${t(`kindShort.${l.kind}`)} ${l.levelPct ?? l.defaultPct} %`).join(", ") })}</p>
          )}
        </div>
      </details>
    </section>
  );
}
