"use client";
import { useMemo, useState } from "react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { setActivatedMemoryAction } from "@/lib/actions/pools/set-activated-memory";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { activatedMemoryRange, checkActivatedMemoryChange, type PoolState } from "@/lib/domain/pool";
import { allViolations } from "@/lib/domain/result";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Violations } from "@/components/ui/violations";
import { inputClass } from "@/components/ui/styles";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

/**
 * Activated memory within its range, with the domain's verdict as the figure changes. Below what
 * keeps the running VMs at 85 % the rules refuse unless an admin overrides with a reason, which the
 * form then asks for and the audit trail keeps.
 */
export function ActivatedMemoryForm({ tenantId, pool, disabled }: { tenantId: string; pool: PoolState; disabled?: boolean }) {
  const t = useTranslations("poolPage");
  const format = useFormatter();
  const lang = langOf(useLocale());
  const [value, setValue] = useState(String(pool.activatedMemoryGb));
  const [reason, setReason] = useState("");
  const { run, result, pending } = useAction(setActivatedMemoryAction.bind(null, tenantId));
  const range = activatedMemoryRange(pool.nodeType, pool.hosts.length);
  const asked = Number(value);
  const valid = value.trim() !== "" && Number.isInteger(asked) && asked >= 0;
  const verdict = useMemo(() => (valid ? checkActivatedMemoryChange(pool, asked) : null), [pool, asked, valid]);
  const views = verdict ? toViolationViews(allViolations(verdict), lang) : [];
  // A hard refusal beside an advisory one: no reason would pass it, so none is asked for.
  const blocked = views.some((v) => v.severity === "refuse" && !v.overridable);
  const needsReason = !blocked && views.some((v) => v.overridable);
  const reasonErrors = result && !result.ok ? result.fieldErrors?.overrideReason : undefined;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run({ poolId: pool.id, activatedMemoryGb: value, overrideReason: needsReason ? reason : "" });
      }}
    >
      <Field id="activated-memory" label={t("activatedLabel")} hint={t("activatedRange", { min: format.number(range.minGb), max: format.number(range.maxGb), hosts: pool.hosts.length })} errors={result && !result.ok ? result.fieldErrors?.activatedMemoryGb : undefined}>
        {(aria) => <Input {...aria} type="number" inputMode="numeric" min={0} step={1} value={value} onChange={(e) => setValue(e.target.value)} className="w-40" />}
      </Field>
      <div aria-live="polite">
        <Violations items={views} title={blocked || needsReason ? t("verdictRefused") : t("verdictWarnings")} />
      </div>
      {needsReason && (
        <Field id="override-reason" label={t("overrideReason")} hint={t("overrideHint")} errors={reasonErrors}>
          {(aria) => <textarea {...aria} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />}
        </Field>
      )}
      <ActionResultView result={result} accepted={t("activatedAccepted")} progress />
      <Button type="submit" variant="primary" size="md" pending={pending} disabled={disabled || !valid || blocked || asked === pool.activatedMemoryGb}>
        {needsReason ? t("applyWithOverride") : t("apply")}
      </Button>
    </form>
  );
}
