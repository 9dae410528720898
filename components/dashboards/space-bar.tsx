import clsx from "clsx";

const COLORS: Record<string, string> = { used: "bg-brand-600", swap: "bg-amber-500", snapshotReserve: "bg-slate-400", free: "bg-emerald-500" };

/** A stacked bar of a capacity's parts with its legend in words (the legend carries every figure). */
export function SpaceBar({ label, parts, total }: { label: string; parts: readonly { key: string; label: string; value: number; text: string }[]; total: number }) {
  return (
    <div>
      <div aria-hidden className="flex h-5 w-full overflow-hidden rounded bg-slate-100 dark:bg-slate-800" title={label}>
        {parts.map((p) => (
          <div key={p.key} className={clsx("h-full", COLORS[p.key] ?? "bg-slate-500")} style={{ width: `${total > 0 ? Math.max(0, (p.value / total) * 100) : 0}%` }} />
        ))}
      </div>
      <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
        {parts.map((p) => (
          <li key={p.key} className="flex items-center gap-2">
            <span aria-hidden className={clsx("size-3 rounded-sm", COLORS[p.key] ?? "bg-slate-500")} />
            <span className="text-slate-700 dark:text-slate-300">{p.label}:</span> <span>{p.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
