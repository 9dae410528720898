"use client";
import { useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { createAffinityRuleAction } from "@/lib/actions/affinity/create-affinity-rule";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { checkAffinityRule } from "@/lib/domain/affinity";
import type { PoolState } from "@/lib/domain/pool";
import { allViolations } from "@/lib/domain/result";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Violations } from "@/components/ui/violations";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

/** A new rule between VMs of this pool, the domain saying live whether it can ever hold. */
export function AffinityRuleForm({ tenantId, pool, vms }: { tenantId: string; pool: PoolState; vms: { id: string; name: string; memoryGb: number }[] }) {
  const t = useTranslations("affinity");
  const lang = langOf(useLocale());
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"AFFINITY" | "ANTI_AFFINITY">("ANTI_AFFINITY");
  const [picked, setPicked] = useState<string[]>([]);
  const { run, result, pending } = useAction(createAffinityRuleAction.bind(null, tenantId), {
    onDone: () => {
      setName("");
      setPicked([]);
    },
  });
  const verdict = useMemo(
    () => (picked.length === 0 ? [] : allViolations(checkAffinityRule(pool, { name, kind, vms: vms.filter((v) => picked.includes(v.id)).map((v) => ({ ...v, poolId: pool.id })) }))),
    [pool, name, kind, picked, vms],
  );
  const views = toViolationViews(verdict, lang);
  const errors = (f: string) => (result && !result.ok ? result.fieldErrors?.[f] : undefined);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        run({ poolId: pool.id, name, kind, vmIds: picked });
      }}
    >
      <div className="flex flex-wrap items-start gap-4">
        <Field id="rule-name" label={t("name")} hint={t("nameHint")} errors={errors("name")}>
          {(aria) => <Input {...aria} value={name} onChange={(e) => setName(e.target.value)} maxLength={63} autoComplete="off" />}
        </Field>
        <fieldset className="flex flex-col gap-1">
          <legend className="text-xs font-medium text-slate-700 dark:text-slate-300">{t("kind")}</legend>
          {(["ANTI_AFFINITY", "AFFINITY"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <fieldset>
        <legend className="text-xs font-medium text-slate-700 dark:text-slate-300">{t("vms", { count: picked.length })}</legend>
        <div className="mt-1 grid max-h-56 grid-cols-2 gap-x-4 gap-y-0.5 overflow-y-auto rounded-md border border-slate-200 p-2 text-sm sm:grid-cols-3 dark:border-slate-700">
          {vms.map((v) => (
            <label key={v.id} className="flex items-center gap-2">
              <input type="checkbox" checked={picked.includes(v.id)} onChange={(e) => setPicked((p) => (e.target.checked ? [...p, v.id] : p.filter((x) => x !== v.id)))} />
              {v.name} <span className="text-xs text-slate-500 dark:text-slate-400">{t("gb", { value: v.memoryGb })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div aria-live="polite">
        <Violations items={views} title={t("verdictRefused")} />
      </div>
      <ActionResultView result={result} accepted={t("created")} progress />
      <Button type="submit" variant="primary" size="md" pending={pending} disabled={views.some((v) => v.severity === "refuse")}>
        {t("create")}
      </Button>
    </form>
  );
}
