"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { setAlertSubscriptionAction } from "@/lib/actions/alerts/set-alert-subscription";
import type { AlertKind } from "@/lib/domain/alerts";
import { Button } from "@/components/ui/button";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

type Row = { kind: AlertKind; subscribed: boolean; email: boolean };

/** The caller's own subscriptions to this tenant's alerts, one row per kind (each saved through setAlertSubscription). */
export function SubscriptionsForm({ tenantId, rows, mail }: { tenantId: string; rows: Row[]; mail: { enabled: boolean; address: string } }) {
  const t = useTranslations("alerts");
  const { run, pending, result } = useAction(setAlertSubscriptionAction.bind(null, tenantId));
  const [state, setState] = useState(rows);
  const [saved, setSaved] = useState(false);
  const set = (kind: AlertKind, patch: Partial<Row>) => {
    setSaved(false);
    setState((cur) => cur.map((r) => (r.kind === kind ? { ...r, ...patch } : r)));
  };
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        const changed = state.filter((r) => {
          const before = rows.find((x) => x.kind === r.kind)!;
          return before.subscribed !== r.subscribed || (r.subscribed && before.email !== r.email);
        });
        for (const r of changed) {
          const answer = await run({ kind: r.kind, subscribed: r.subscribed, email: r.email });
          if (!answer.ok) return;
        }
        setSaved(true);
      }}
    >
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("subscriptionsHelp")}</p>
      <p role="note" className={mail.enabled ? "text-xs text-slate-600 dark:text-slate-400" : "text-xs text-amber-800 dark:text-amber-300"}>
        {mail.enabled ? t("mailOn", { email: mail.address }) : t("mailOff")}
      </p>
      <fieldset className="flex flex-col gap-2">
        <legend className="sr-only">{t("subscriptions")}</legend>
        {state.map((r) => (
          <div key={r.kind} className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <label className="flex min-w-64 items-center gap-2">
              <input type="checkbox" checked={r.subscribed} onChange={(e) => set(r.kind, { subscribed: e.target.checked, email: e.target.checked ? r.email || mail.enabled : false })} />
              {t(`kind.${r.kind}`)}
            </label>
            <label className="flex items-center gap-2 text-slate-700 dark:text-slate-300">
              <input type="checkbox" checked={r.email} disabled={!r.subscribed || !mail.enabled} onChange={(e) => set(r.kind, { email: e.target.checked })} aria-label={`${t("byEmail")}: ${t(`kind.${r.kind}`)}`} />
              {t("byEmail")}
            </label>
          </div>
        ))}
      </fieldset>
      <ActionResultView result={result} accepted={saved ? t("subscriptionsSaved") : undefined} />
      <div>
        <Button type="submit" variant="primary" size="md" pending={pending}>
          {t("subscriptionsSave")}
        </Button>
      </div>
    </form>
  );
}
