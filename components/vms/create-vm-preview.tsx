"use client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { previewVmCreateAction } from "@/lib/actions/vms/preview-vm-create";
import { MEMORY_PRESSURE_LIMIT } from "@/lib/domain/catalogue";
import { langOf, toViolationViews, type ViolationView } from "@/lib/decision-view";
import { cn } from "@/lib/cn";
import { Violations } from "@/components/ui/violations";
import { Badge } from "@/components/ui/badge";

type PreviewResult = Awaited<ReturnType<typeof previewVmCreateAction>>;
export type VmCreatePreviewData = Extract<PreviewResult, { ok: true }>["data"];

/** Memory before and after against the 85 % line: what is there, what the VM adds, where the line is. */
function MemoryBar({ before, after, capacity, label }: { before: number; after: number; capacity: number; label: string }) {
  const pct = (x: number) => `${Math.min(100, Math.max(0, capacity > 0 ? (x / capacity) * 100 : 0))}%`;
  const over = after > capacity * MEMORY_PRESSURE_LIMIT;
  return (
    <div role="img" aria-label={label} className="relative mt-1 h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
      <div className={cn("absolute inset-y-0 left-0", over ? "bg-red-300 dark:bg-red-800" : "bg-emerald-300 dark:bg-emerald-800")} style={{ width: pct(after) }} />
      <div className={cn("absolute inset-y-0 left-0", over ? "bg-red-600" : "bg-emerald-600")} style={{ width: pct(before) }} />
      <div className="absolute inset-y-0 w-0.5 bg-slate-900 dark:bg-white" style={{ left: `${MEMORY_PRESSURE_LIMIT * 100}%` }} />
    </div>
  );
}

/** The preview's one-line answer: would Submit be refused, accepted with warnings, or accepted. */
export function useVerdict(violations: readonly ViolationView[]): { refused: boolean; text: string } {
  const t = useTranslations("vmForm");
  const refusing = violations.filter((v) => v.severity === "refuse").length;
  if (refusing > 0) return { refused: true, text: t("preview.refused", { count: refusing }) };
  return { refused: false, text: violations.length > 0 ? t("preview.warned", { count: violations.length }) : t("preview.accepted") };
}

function Row({ label, before, after, warn }: { label: string; before?: string; after: string; warn?: boolean }) {
  return (
    <div className="flex items-baseline justify-between gap-3 py-1">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className={cn("text-right text-sm font-medium tabular-nums", warn && "text-red-700 dark:text-red-300")}>
        {before !== undefined && <span className="font-normal text-slate-500 dark:text-slate-400">{before} → </span>}
        {after}
      </dd>
    </div>
  );
}

/**
 * What Submit would do, decided by the same code that decides Submit: the pool's memory against
 * its 85 % line, the datastore's free space, swap and IOPS, the monthly cost, and every rule
 * that would refuse or warn.
 */
export function CreateVmPreview({ data, fetching, failed }: { data: VmCreatePreviewData | null; fetching: boolean; failed: boolean }) {
  const t = useTranslations("vmForm");
  const format = useFormatter();
  const lang = langOf(useLocale());
  const gb = (x: number) => t("gb", { value: format.number(x, { maximumFractionDigits: 1 }) });
  const gib = (x: number) => t("gib", { value: format.number(x, { maximumFractionDigits: 0 }) });
  const percent = (x: number) => format.number(x, { style: "percent", maximumFractionDigits: 1 });
  const violations = data ? toViolationViews(data.violations, lang) : [];
  const verdict = useVerdict(violations);
  const refused = verdict.refused;
  const pb = data?.before.pool;
  const pa = data?.after.pool;
  const db = data?.before.datastore;
  const da = data?.after.datastore;

  return (
    <section aria-labelledby="preview-title" aria-busy={fetching} className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="preview-title" className="text-sm font-semibold">{t("preview.title")}</h2>
        {fetching && <span className="text-xs text-slate-500 dark:text-slate-400">{t("preview.updating")}</span>}
      </div>
      {!data ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{failed ? t("preview.incomplete") : t("preview.waiting")}</p>
      ) : (
        <div className={cn("space-y-4 transition-opacity", fetching && "opacity-70")}>
          <p aria-live="polite" data-testid="preview-verdict" className={cn("rounded-md px-2 py-1.5 text-sm font-medium", refused ? "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-100" : "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-100")}>
            {verdict.text}
          </p>

          {pb && pa && (
            <div>
              <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{t("preview.pool")}</h3>
              <MemoryBar before={pb.usedGb} after={pa.usedGb} capacity={pa.capacityGb} label={t("preview.memoryBar", { before: gb(pb.usedGb), after: gb(pa.usedGb), capacity: gb(pa.capacityGb), limit: gb(pa.pressureLimitGb) })} />
              <dl className="mt-1 divide-y divide-slate-100 dark:divide-slate-800">
                <Row label={t("preview.memoryUsed")} before={gb(pb.usedGb)} after={gb(pa.usedGb)} warn={pa.usedGb > pa.pressureLimitGb} />
                <Row label={t("preview.memoryPct")} before={percent(pb.usedRatio)} after={percent(pa.usedRatio)} warn={pa.usedGb > pa.pressureLimitGb} />
                <Row label={t("preview.line")} after={gb(pa.pressureLimitGb)} />
                <Row label={t("preview.headroom")} after={gb(pa.headroomGbBefore85)} />
              </dl>
            </div>
          )}

          {db && da && (
            <div>
              <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{t("preview.datastore")}</h3>
              <dl className="mt-1 divide-y divide-slate-100 dark:divide-slate-800">
                <Row label={t("preview.free")} before={gib(db.availableGib)} after={gib(da.availableGib)} warn={da.availableGib <= 0} />
                <Row label={t("preview.swap")} before={gib(db.swapGib)} after={gib(da.swapGib)} />
                <Row label={t("preview.provisioned")} before={gib(db.provisionedGib)} after={gib(da.provisionedGib)} warn={da.thinAtRisk} />
                <Row
                  label={t("preview.iops")}
                  before={format.number(db.iopsDemand)}
                  after={da.iopsLimit === null ? t("preview.iopsNoLimit", { demand: format.number(da.iopsDemand) }) : t("preview.iopsOf", { demand: format.number(da.iopsDemand), limit: format.number(da.iopsLimit) })}
                  warn={da.throttled}
                />
              </dl>
              {da.throttled && <Badge tone="red">{t("preview.throttled")}</Badge>}
            </div>
          )}

          <div>
            <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{t("preview.cost")}</h3>
            <dl className="mt-1 divide-y divide-slate-100 dark:divide-slate-800">
              {data.monthlyCost.lines.map((l) => (
                <Row key={l.label} label={l.label} after={format.number(l.total, { style: "currency", currency: data.monthlyCost.currency })} />
              ))}
              <Row label={t("preview.costTotal")} after={t("preview.perMonth", { amount: format.number(data.monthlyCost.total, { style: "currency", currency: data.monthlyCost.currency }) })} />
            </dl>
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{t("preview.costNote")}</p>
          </div>

          <div>
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{t("preview.rules")}</h3>
            {violations.length === 0 ? <p className="text-sm text-emerald-800 dark:text-emerald-300">{t("preview.noRule")}</p> : <Violations items={violations} />}
          </div>
        </div>
      )}
    </section>
  );
}
