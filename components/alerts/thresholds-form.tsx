"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { setAlertThresholdAction } from "@/lib/actions/alerts/set-alert-threshold";
import type { AlertKind } from "@/lib/domain/alerts";
import { Button } from "@/components/ui/button";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

type Line = { kind: AlertKind; defaultPct: number; levelPct: number | null };

/** A resource's own alert lines (percent of each kind's reference), empty = the default. */
export function ThresholdsForm({ tenantId, resourceId, lines }: { tenantId: string; resourceId: string; lines: Line[] }) {
  const t = useTranslations("alerts");
  const router = useRouter();
  const { run, pending, result, errors } = useAction(setAlertThresholdAction.bind(null, tenantId));
  const [values, setValues] = useState(() => Object.fromEntries(lines.map((l) => [l.kind, l.levelPct === null ? "" : String(l.levelPct)])));
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        for (const l of lines) {
          const v = values[l.kind] ?? "";
          if (v === (l.levelPct === null ? "" : String(l.levelPct))) continue;
          const r = await run({ resourceId, kind: l.kind, levelPct: v });
          if (!r.ok) return;
        }
        setSaved(true);
        router.refresh();
      }}
    >
      <p className="text-xs text-slate-600 dark:text-slate-400">{t("thresholdsHelp")}</p>
      {lines.map((l) => {
        const id = `line-${l.kind}`;
        const err = errors("levelPct");
        return (
          <div key={l.kind} className="flex flex-wrap items-center gap-2 text-sm">
            <label htmlFor={id} className="min-w-64">
              {t("thresholdLabel", { kind: t(`kindShort.${l.kind}`), pct: l.defaultPct })}
            </label>
            <input
              id={id}
              inputMode="decimal"
              className="w-24 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950"
              placeholder={String(l.defaultPct)}
              value={values[l.kind] ?? ""}
              aria-describedby={`${id}-ref`}
              onChange={(e) => {
                setSaved(false);
                setValues((cur) => ({ ...cur, [l.kind]: e.target.value }));
              }}
            />
            <span id={`${id}-ref`} className="text-xs text-slate-600 dark:text-slate-400">
              % {t(`reference.${l.kind}`)}
            </span>
            {err && <span className="sr-only">{err.join(" ")}</span>}
          </div>
        );
      })}
      <ActionResultView result={result} accepted={saved ? t("thresholdSaved") : undefined} fieldErrorsHere />
      <div>
        <Button type="submit" size="md" pending={pending}>
          {t("thresholdSave")}
        </Button>
      </div>
    </form>
  );
}
