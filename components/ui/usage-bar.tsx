import clsx from "clsx";

/** A usage gauge with its limit marked; the label carries the figure for screen readers and sighted users alike. */
export function UsageBar({ ratio, limit, label }: { ratio: number; limit?: number; label: string }) {
  const width = Math.min(100, Math.max(0, ratio * 100));
  const over = limit !== undefined && ratio > limit;
  return (
    <div className="flex items-center gap-2">
      <div className="relative h-2 w-28 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" aria-hidden>
        <div className={clsx("h-full rounded-full", over ? "bg-red-500" : ratio > (limit ?? 1) * 0.9 ? "bg-amber-500" : "bg-emerald-500")} style={{ width: `${width}%` }} />
        {limit !== undefined && <div className="absolute top-0 h-full w-px bg-slate-900/60 dark:bg-white/70" style={{ left: `${limit * 100}%` }} />}
      </div>
      <span className="text-xs tabular-nums">{label}</span>
    </div>
  );
}
