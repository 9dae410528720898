import Link from "next/link";
import clsx from "clsx";
import { Table, THead, TBody, Tr, Th, Td } from "@/components/ui/table";
import { CsvDownload } from "./csv-download";

/**
 * A chart with its two alternatives: the figures as CSV, and the same figures as a table (closed
 * by default) for screen readers and keyboard users. Labels arrive translated.
 */
export function ChartCard({
  id,
  title,
  summary,
  children,
  csv,
  table,
  labels,
  empty,
}: {
  id: string;
  title: string;
  summary?: React.ReactNode;
  children: React.ReactNode;
  csv: { filename: string; header: readonly string[]; rows: readonly (readonly unknown[])[] };
  table: { header: readonly string[]; rows: readonly (readonly string[])[] };
  labels: { csv: string; table: string; empty: string };
  empty: boolean;
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="font-semibold">
          {title}
        </h2>
        {!empty && <CsvDownload label={labels.csv} filename={csv.filename} header={csv.header} rows={csv.rows} />}
      </div>
      {summary}
      {empty ? (
        <p className="py-10 text-center text-sm text-slate-600 dark:text-slate-300">{labels.empty}</p>
      ) : (
        <>
          {children}
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-700 dark:text-slate-300">{labels.table}</summary>
            <div className="mt-2 max-h-80 overflow-y-auto">
              <Table label={`${title} — ${labels.table}`}>
                <THead>
                  {table.header.map((h, i) => (
                    <Th key={h} align={i === 0 ? "left" : "right"}>
                      {h}
                    </Th>
                  ))}
                </THead>
                <TBody>
                  {table.rows.map((r, i) => (
                    <Tr key={i}>
                      {r.map((c, j) => (
                        <Td key={j} align={j === 0 ? "left" : "right"}>
                          {c}
                        </Td>
                      ))}
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

/** 24 h / 7 d / 30 d as links (?range=), the current one marked for assistive technology. */
export function RangeTabs({ base, current, label, options, hrefOf }: { base: string; current: string; label: string; options: readonly { value: string; label: string }[]; /** A page with more in its URL than the range keeps it. */ hrefOf?: (range: string) => string }) {
  return (
    <nav aria-label={label} className="flex gap-1 rounded-md bg-slate-100 p-1 dark:bg-slate-800">
      {options.map((o) => (
        <Link
          key={o.value}
          href={hrefOf ? hrefOf(o.value) : `${base}?range=${o.value}`}
          aria-current={o.value === current ? "page" : undefined}
          className={clsx(
            "rounded px-3 py-1 text-sm font-medium",
            o.value === current ? "bg-white text-slate-900 shadow-xs dark:bg-slate-950 dark:text-white" : "text-slate-700 hover:bg-white/70 dark:text-slate-200 dark:hover:bg-slate-700",
          )}
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}

/** A figure with its name, for the row of key numbers above a chart. */
export function Figure({ label, value, tone, hint, testId }: { label: string; value: React.ReactNode; tone?: "red" | "amber" | "green"; /** How the figure is made, under it. */ hint?: string; testId?: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800" data-testid={testId}>
      <dt className="text-xs text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className={clsx("text-lg font-semibold", tone === "red" && "text-red-700 dark:text-red-300", tone === "amber" && "text-amber-800 dark:text-amber-200", tone === "green" && "text-emerald-800 dark:text-emerald-200")}>{value}</dd>
      {hint && <dd className="mt-1 text-xs text-slate-600 dark:text-slate-300">{hint}</dd>}
    </div>
  );
}

/** A forecast as a sentence and its method, in the page's language (the labels come translated). */
export function forecastText(
  f: { kind: "crosses"; days: number; slopePerDay: number; basedOnDays: number } | { kind: "not_rising"; slopePerDay: number; basedOnDays: number } | { kind: "not_enough_history"; basedOnDays: number },
  t: { in: (days: number) => string; notRising: string; noHistory: (days: number) => string; method: (days: number, slope: number) => string },
): { value: string; hint: string | undefined; tone: "red" | "amber" | undefined } {
  if (f.kind === "not_enough_history") return { value: t.noHistory(f.basedOnDays), hint: undefined, tone: undefined };
  const hint = t.method(f.basedOnDays, f.slopePerDay);
  if (f.kind === "not_rising") return { value: t.notRising, hint, tone: undefined };
  return { value: t.in(f.days), hint, tone: f.days === 0 ? "red" : f.days <= 30 ? "amber" : undefined };
}
