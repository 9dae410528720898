import clsx from "clsx";

const TONES = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/25 dark:bg-emerald-950/70 dark:text-emerald-200 dark:ring-emerald-400/30",
  grey: "bg-slate-100 text-slate-700 ring-slate-500/25 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-400/30",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-950/70 dark:text-amber-200 dark:ring-amber-400/30",
  red: "bg-red-50 text-red-800 ring-red-600/25 dark:bg-red-950/70 dark:text-red-200 dark:ring-red-400/30",
  blue: "bg-brand-50 text-brand-700 ring-brand-600/25 dark:bg-brand-700/25 dark:text-brand-100 dark:ring-brand-500/40",
} as const;

const DOTS = { green: "bg-emerald-500", grey: "bg-slate-400", amber: "bg-amber-500", red: "bg-red-500", blue: "bg-brand-500" } as const;

/** A status in words; colour (and the optional dot) are only a second cue. */
export function Badge({ tone, children, title, dot = false }: { tone: keyof typeof TONES; children: React.ReactNode; title?: string; dot?: boolean }) {
  return (
    <span title={title} className={clsx("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", TONES[tone])}>
      {dot && <span aria-hidden className={clsx("size-1.5 rounded-full", DOTS[tone])} />}
      {children}
    </span>
  );
}
