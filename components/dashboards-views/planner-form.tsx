"use client";
import { useState } from "react";
import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { planCapacityAction } from "@/lib/actions/dashboards/plan-capacity";
import type { PlannerResult } from "@/lib/validation/planner";
import { STORAGE_TIER_CODES, STORAGE_TIERS, type StorageTierCode } from "@/lib/domain/catalogue";
import { inputClass } from "@/components/ui/styles";
import { usePreview } from "@/components/actions/use-preview";

// The answer's tables, bars and violations load with the first answer, not with the page.
const ResultView = dynamic(() => import("./planner-result"), {
  ssr: false,
  loading: () => <div className="h-40 animate-pulse rounded-lg bg-slate-100 motion-reduce:animate-none dark:bg-slate-800" />,
});

/**
 * A labelled control with its hint and errors linked (as components/ui/field does), without the
 * class-merging helper: the planner's first load stays small.
 */
function Field({ id, label, hint, errors, children }: { id: string; label: string; hint?: string; errors?: readonly string[]; children: (aria: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => React.ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const described = [hintId, errors?.length ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">{label}</label>
      {children({ id, "aria-describedby": described, ...(errors?.length ? { "aria-invalid": true as const } : {}) })}
      {hint && <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">{hint}</p>}
      <p id={errorId} aria-live="polite" className="text-xs font-medium text-red-700 empty:hidden dark:text-red-300">{errors?.join(" ")}</p>
    </div>
  );
}
const Input = (props: React.ComponentProps<"input">) => <input className={`${inputClass} aria-invalid:border-red-600 dark:aria-invalid:border-red-400`} {...props} />;
const Select = (props: React.ComponentProps<"select">) => <select className={`${inputClass} aria-invalid:border-red-600 dark:aria-invalid:border-red-400`} {...props} />;

export type PlannerOptions = {
  pools: { id: string; name: string; azId: string }[];
  datastores: { id: string; name: string; azId: string; tierCode: string; sizeGib: number }[];
};

type Form = {
  target: "pool" | "datastore";
  poolId: string;
  datastoreId: string;
  vmCount: string;
  vmCpu: string;
  vmMemoryGb: string;
  vmDiskGib: string;
  vmIops: string;
  hostCount: string;
  sizeGib: string;
  tier: string;
};

/**
 * The capacity planner: a pool or a datastore, hypothetical VMs, hosts, a new
 * size or tier — and, as the fields change, the domain's what-if computed by the server
 * (debounced): the figures before and after, the lines they are held to, the rules that would trip.
 */
export function PlannerForm({ tenantId, options }: { tenantId: string; options: PlannerOptions }) {
  const t = useTranslations("dashboardsPlanner");
  const locale = useLocale();
  const [f, setF] = useState<Form>(() => ({
    target: options.pools.length > 0 ? "pool" : "datastore",
    poolId: options.pools[0]?.id ?? "",
    datastoreId: options.pools.length > 0 ? "" : (options.datastores[0]?.id ?? ""),
    vmCount: "0",
    vmCpu: "2",
    vmMemoryGb: "8",
    vmDiskGib: "50",
    vmIops: "100",
    hostCount: "0",
    sizeGib: "",
    tier: "",
  }));
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((cur) => ({ ...cur, [k]: v }));
  const chooseTarget = (target: Form["target"]) =>
    setF((cur) => ({ ...cur, target, datastoreId: target === "datastore" ? cur.datastoreId || (options.datastores[0]?.id ?? "") : "", sizeGib: "", tier: "" }));

  const query = usePreview(planCapacityAction.bind(null, tenantId), f, { debounceMs: 300, staleTime: 5_000 });
  const answer = query.result;
  const result: PlannerResult | null = query.data;
  const errors = query.errors;
  const n = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);
  const ds = options.datastores.find((d) => d.id === f.datastoreId);

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <form noValidate aria-label={t("formLabel")} className="space-y-5" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t("start")}</legend>
          <div className="flex gap-4 text-sm">
            {(["pool", "datastore"] as const).map((k) => (
              <label key={k} className="flex items-center gap-1.5">
                <input type="radio" name="target" value={k} checked={f.target === k} onChange={() => chooseTarget(k)} disabled={k === "pool" ? options.pools.length === 0 : options.datastores.length === 0} />
                {t(`target.${k}`)}
              </label>
            ))}
          </div>
          {f.target === "pool" ? (
            <>
              {/* another pool may be in another AZ: the new VMs' datastore is chosen again */}
              <Field id="planner-pool" label={t("pool")} errors={errors("poolId")}>
                {(a) => (
                  <Select {...a} value={f.poolId} onChange={(e) => setF((cur) => ({ ...cur, poolId: e.target.value, datastoreId: "" }))}>
                    {options.pools.map((p) => (
                      <option key={p.id} value={p.id}>{`${p.name} (${p.azId})`}</option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field id="planner-pool-ds" label={t("poolDatastore")} hint={t("poolDatastoreHint")}>
                {(a) => (
                  <Select {...a} value={f.datastoreId} onChange={(e) => set("datastoreId", e.target.value)}>
                    <option value="">{t("noDatastore")}</option>
                    {options.datastores
                      .filter((d) => d.azId === options.pools.find((p) => p.id === f.poolId)?.azId)
                      .map((d) => (
                        <option key={d.id} value={d.id}>{d.name}</option>
                      ))}
                  </Select>
                )}
              </Field>
            </>
          ) : (
            <Field id="planner-ds" label={t("datastore")} errors={errors("datastoreId")}>
              {(a) => (
                <Select {...a} value={f.datastoreId} onChange={(e) => set("datastoreId", e.target.value)}>
                  {options.datastores.map((d) => (
                    <option key={d.id} value={d.id}>{`${d.name} (${d.azId})`}</option>
                  ))}
                </Select>
              )}
            </Field>
          )}
        </fieldset>

        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">{t("vms")}</legend>
          <div className="grid grid-cols-2 gap-3">
            {(["vmCount", "vmCpu", "vmMemoryGb", "vmDiskGib", "vmIops"] as const).map((k) => (
              <Field key={k} id={`planner-${k}`} label={t(`field.${k}`)} errors={errors(k)}>
                {(a) => <Input {...a} type="number" inputMode="numeric" min={k === "vmCount" || k === "vmDiskGib" || k === "vmIops" ? 0 : 1} value={f[k]} onChange={(e) => set(k, e.target.value)} />}
              </Field>
            ))}
          </div>
        </fieldset>

        {f.target === "pool" ? (
          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold">{t("hosts")}</legend>
            <Field id="planner-hostCount" label={t("field.hostCount")} hint={t("hostHint")} errors={errors("hostCount")}>
              {(a) => <Input {...a} type="number" inputMode="numeric" min={0} value={f.hostCount} onChange={(e) => set("hostCount", e.target.value)} />}
            </Field>
          </fieldset>
        ) : (
          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold">{t("volume")}</legend>
            <Field id="planner-sizeGib" label={t("field.sizeGib")} hint={ds ? t("currentSize", { size: n(ds.sizeGib) }) : undefined} errors={errors("sizeGib")}>
              {(a) => <Input {...a} type="number" inputMode="numeric" min={1} value={f.sizeGib} placeholder={ds ? String(ds.sizeGib) : ""} onChange={(e) => set("sizeGib", e.target.value)} />}
            </Field>
            <Field id="planner-tier" label={t("field.tier")} errors={errors("tier")}>
              {(a) => (
                <Select {...a} value={f.tier} onChange={(e) => set("tier", e.target.value)}>
                  <option value="">{t("keepTier", { tier: ds ? STORAGE_TIERS[ds.tierCode as StorageTierCode]?.label ?? ds.tierCode : "" })}</option>
                  {STORAGE_TIER_CODES.map((c) => (
                    <option key={c} value={c}>{STORAGE_TIERS[c].label}</option>
                  ))}
                </Select>
              )}
            </Field>
          </fieldset>
        )}
      </form>

      <section aria-labelledby="planner-result" aria-busy={query.fetching} className="space-y-4">
        <div className="flex items-center gap-3">
          <h2 id="planner-result" className="text-lg font-semibold">{t("result")}</h2>
          <span role="status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-300">{query.fetching ? t("computing") : ""}</span>
        </div>
        {!answer && <div className="h-40 animate-pulse rounded-lg bg-slate-100 motion-reduce:animate-none dark:bg-slate-800" />}
        {answer && !answer.ok && (
          <p role="alert" data-testid="planner-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">{answer.formError}</p>
        )}
        {result && answer?.ok && <ResultView result={result} warnings={answer.warnings} locale={locale} />}
      </section>
    </div>
  );
}

