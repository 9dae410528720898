"use client";
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { planCapacityAction } from "@/lib/actions/dashboards/plan-capacity";
import type { PlannerResult } from "@/lib/validation/planner";
import { MEMORY_PRESSURE_LIMIT, SNAPSHOT_RESERVE_RATIO, STORAGE_TIER_CODES, STORAGE_TIERS, type StorageTierCode } from "@/lib/domain/catalogue";
import type { DatastoreFigures } from "@/lib/domain/storage";
import type { PoolMemory } from "@/lib/domain/pool";
import { Field, Input, Select } from "@/components/ui/field";
import { UsageBar } from "@/components/ui/usage-bar";
import { Violations } from "@/components/ui/violations";

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

function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * The capacity planner (views, issue 9): a pool or a datastore, hypothetical VMs, hosts, a new
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

  const key = useDebounced(JSON.stringify(f), 300);
  const query = useQuery({
    queryKey: ["planner", tenantId, key],
    queryFn: () => planCapacityAction(tenantId, null, JSON.parse(key)),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  const answer = query.data;
  const result: PlannerResult | null = answer?.ok ? answer.data : null;
  const errors = (k: string) => (answer && !answer.ok ? answer.fieldErrors?.[k] : undefined);
  const n = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);
  const pct = (x: number) => (Number.isFinite(x) ? new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(x) : "—");
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
              {(a) => <Input {...a} type="number" inputMode="numeric" min={0} max={32} value={f.hostCount} onChange={(e) => set("hostCount", e.target.value)} />}
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

      <section aria-labelledby="planner-result" aria-busy={query.isFetching} className="space-y-4">
        <div className="flex items-center gap-3">
          <h2 id="planner-result" className="text-lg font-semibold">{t("result")}</h2>
          <span role="status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-300">{query.isFetching ? t("computing") : ""}</span>
        </div>
        {!answer && <div className="h-40 animate-pulse rounded-lg bg-slate-100 motion-reduce:animate-none dark:bg-slate-800" />}
        {answer && !answer.ok && (
          <p role="alert" data-testid="planner-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">{answer.formError}</p>
        )}
        {result && (
          <>
            {result.changes === 0 ? (
              <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300">{t("noChange")}</p>
            ) : result.fits ? (
              <p role="status" data-testid="planner-verdict" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-100">
                {t("fits", { vms: result.addedVms, vcpu: result.addedVcpu, memory: n(result.addedMemoryGb) })}
              </p>
            ) : (
              <p data-testid="planner-verdict" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-semibold text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">{t("refused")}</p>
            )}
            <Violations items={answer?.ok ? answer.warnings : []} title={t("rules")} />
            {result.before.pool && result.after.pool && <PoolFigures before={result.before.pool} after={result.after.pool} n={n} pct={pct} />}
            {result.before.datastore && result.after.datastore && <DatastoreFiguresView before={result.before.datastore} after={result.after.datastore} n={n} pct={pct} />}
          </>
        )}
      </section>
    </div>
  );
}

type Fmt = (x: number) => string;

function Row({ label, before, after }: { label: string; before: React.ReactNode; after: React.ReactNode }) {
  return (
    <tr>
      <th scope="row" className="px-3 py-1.5 text-left text-sm font-medium">{label}</th>
      <td className="px-3 py-1.5 text-sm tabular-nums">{before}</td>
      <td className="px-3 py-1.5 text-sm tabular-nums">{after}</td>
    </tr>
  );
}

function FiguresTable({ label, children }: { label: string; children: React.ReactNode }) {
  const t = useTranslations("dashboardsPlanner");
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        <caption className="px-3 pt-2 text-left text-sm font-semibold">{label}</caption>
        <thead>
          <tr>
            <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold text-slate-600 dark:text-slate-300">{t("figure")}</th>
            <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold text-slate-600 dark:text-slate-300">{t("before")}</th>
            <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold text-slate-600 dark:text-slate-300">{t("after")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

function PoolFigures({ before, after, n, pct }: { before: PoolMemory; after: PoolMemory; n: Fmt; pct: Fmt }) {
  const t = useTranslations("dashboardsPlanner");
  const limit = pct(MEMORY_PRESSURE_LIMIT);
  const bar = (m: PoolMemory) => <UsageBar ratio={m.usedRatio} limit={MEMORY_PRESSURE_LIMIT} label={t("memoryBar", { used: n(m.usedGb), capacity: n(m.capacityGb), percent: pct(m.usedRatio) })} />;
  const yes = (b: boolean) => (b ? t("yes") : t("no"));
  return (
    <FiguresTable label={t("poolFigures", { limit })}>
      <Row label={t("memoryVsLine", { limit })} before={bar(before)} after={bar(after)} />
      <Row label={t("hostsRow")} before={n(before.hostCount)} after={n(after.hostCount)} />
      <Row label={t("activated")} before={`${n(before.activatedGb)} GB`} after={`${n(after.activatedGb)} GB`} />
      <Row label={t("line85", { limit })} before={`${n(before.pressureLimitGb)} GB`} after={`${n(after.pressureLimitGb)} GB`} />
      <Row label={t("headroom", { limit })} before={`${n(before.headroomGbBefore85)} GB`} after={`${n(after.headroomGbBefore85)} GB`} />
      <Row label={t("nPlusOne")} before={yes(before.nPlusOneOk)} after={yes(after.nPlusOneOk)} />
      <Row label={t("sla")} before={yes(before.slaEligible)} after={yes(after.slaEligible)} />
    </FiguresTable>
  );
}

function DatastoreFiguresView({ before, after, n, pct }: { before: DatastoreFigures; after: DatastoreFigures; n: Fmt; pct: Fmt }) {
  const t = useTranslations("dashboardsPlanner");
  const iops = (f: DatastoreFigures) =>
    f.iopsLimit === null ? t("noIopsLimit") : <UsageBar ratio={f.iopsLimit > 0 ? f.iopsDemand / f.iopsLimit : 0} limit={1} label={t("iopsBar", { demand: n(f.iopsDemand), limit: n(f.iopsLimit) })} />;
  const space = (f: DatastoreFigures) => (
    <UsageBar ratio={f.sizeGib > 0 ? (f.sizeGib - f.freeGib) / f.sizeGib : 0} limit={1 - SNAPSHOT_RESERVE_RATIO} label={t("spaceBar", { free: n(f.freeGib), size: n(f.sizeGib) })} />
  );
  return (
    <FiguresTable label={t("datastoreFigures")}>
      <Row label={t("iopsVsLimit")} before={iops(before)} after={iops(after)} />
      <Row label={t("freeSpace")} before={space(before)} after={space(after)} />
      <Row label={t("available")} before={`${n(before.availableGib)} GiB`} after={`${n(after.availableGib)} GiB`} />
      <Row label={t("swap")} before={`${n(before.swapGib)} GiB`} after={`${n(after.swapGib)} GiB`} />
      <Row label={t("reserve")} before={`${n(before.snapshotReserveGib)} GiB`} after={`${n(after.snapshotReserveGib)} GiB`} />
      <Row label={t("overcommit")} before={pct(before.overcommitRatio)} after={pct(after.overcommitRatio)} />
    </FiguresTable>
  );
}
