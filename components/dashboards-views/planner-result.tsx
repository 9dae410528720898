"use client";
import { useTranslations } from "next-intl";
import type { ViolationView } from "@/lib/decision-view";
import type { PlannerResult } from "@/lib/validation/planner";
import { MEMORY_PRESSURE_LIMIT, SNAPSHOT_RESERVE_RATIO } from "@/lib/domain/catalogue";
import type { DatastoreFigures } from "@/lib/domain/storage";
import type { PoolMemory } from "@/lib/domain/pool";
import { UsageBar } from "@/components/ui/usage-bar";
import { Violations } from "@/components/ui/violations";

// The planner's answer, loaded once the first answer arrives: the page's first
// load carries the form only.

export default function PlannerResultView({ result, warnings, locale }: { result: PlannerResult; warnings: ViolationView[]; locale: string }) {
  const t = useTranslations("dashboardsPlanner");
  const n = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);
  const pct = (x: number) => (Number.isFinite(x) ? new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(x) : "—");
  return (
    <>
      {result.changes === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300">{t("noChange")}</p>
      ) : result.fits && warnings.length > 0 ? (
        // Accepted, but not "it fits": the warnings below are rules that trip without refusing.
        <p role="status" data-testid="planner-verdict" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
          {t("fitsWithWarnings", { vms: result.addedVms, vcpu: result.addedVcpu, memory: n(result.addedMemoryGb), count: warnings.length })}
        </p>
      ) : result.fits ? (
        <p role="status" data-testid="planner-verdict" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-100">
          {t("fits", { vms: result.addedVms, vcpu: result.addedVcpu, memory: n(result.addedMemoryGb) })}
        </p>
      ) : (
        <p data-testid="planner-verdict" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-semibold text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">{t("refused")}</p>
      )}
      <Violations items={warnings} title={result.fits ? t("warningsTitle") : t("rules")} />
      {result.before.pool && result.after.pool && <PoolFigures before={result.before.pool} after={result.after.pool} n={n} pct={pct} />}
      {result.before.datastore && result.after.datastore && <DatastoreFiguresView before={result.before.datastore} after={result.after.datastore} n={n} pct={pct} />}
    </>
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
    <>
    <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="planner-basis">{t("basis", { limit })}</p>
    <FiguresTable label={t("poolFigures", { limit })}>
      <Row label={t("memoryVsLine", { limit })} before={bar(before)} after={bar(after)} />
      <Row label={t("hostsRow")} before={n(before.hostCount)} after={n(after.hostCount)} />
      <Row label={t("activated")} before={`${n(before.activatedGb)} GB`} after={`${n(after.activatedGb)} GB`} />
      <Row label={t("line85", { limit })} before={`${n(before.pressureLimitGb)} GB`} after={`${n(after.pressureLimitGb)} GB`} />
      <Row label={t("headroom", { limit })} before={`${n(before.headroomGbBefore85)} GB`} after={`${n(after.headroomGbBefore85)} GB`} />
      <Row label={t("nPlusOne")} before={yes(before.nPlusOneOk)} after={yes(after.nPlusOneOk)} />
      <Row label={t("sla")} before={yes(before.slaEligible)} after={yes(after.slaEligible)} />
    </FiguresTable>
    </>
  );
}

function DatastoreFiguresView({ before, after, n, pct }: { before: DatastoreFigures; after: DatastoreFigures; n: Fmt; pct: Fmt }) {
  const t = useTranslations("dashboardsPlanner");
  const iops = (f: DatastoreFigures) =>
    f.iopsLimit === null ? t("noIopsLimit") : <UsageBar ratio={f.iopsLimit > 0 ? f.iopsDemand / f.iopsLimit : 0} limit={1} label={t("iopsBar", { demand: n(f.iopsDemand), limit: n(f.iopsLimit) })} />;
  const gibOrShort = (x: number) => (x < 0 ? t("short", { short: n(-x) }) : `${n(x)} GiB`);
  const space = (f: DatastoreFigures) => (
    // Past the datastore's size there is nothing free: say what is missing, never "-1 356 GiB free".
    <UsageBar
      ratio={f.sizeGib > 0 ? (f.sizeGib - f.freeGib) / f.sizeGib : 0}
      limit={1 - SNAPSHOT_RESERVE_RATIO}
      label={f.freeGib < 0 ? t("spaceShort", { short: n(-f.freeGib), size: n(f.sizeGib) }) : t("spaceBar", { free: n(f.freeGib), size: n(f.sizeGib) })}
    />
  );
  return (
    <FiguresTable label={t("datastoreFigures")}>
      <Row label={t("iopsVsLimit")} before={iops(before)} after={iops(after)} />
      <Row label={t("freeSpace")} before={space(before)} after={space(after)} />
      <Row label={t("available")} before={gibOrShort(before.availableGib)} after={gibOrShort(after.availableGib)} />
      <Row label={t("swap")} before={`${n(before.swapGib)} GiB`} after={`${n(after.swapGib)} GiB`} />
      <Row label={t("reserve")} before={`${n(before.snapshotReserveGib)} GiB`} after={`${n(after.snapshotReserveGib)} GiB`} />
      <Row label={t("overcommit")} before={pct(before.overcommitRatio)} after={pct(after.overcommitRatio)} />
    </FiguresTable>
  );
}
