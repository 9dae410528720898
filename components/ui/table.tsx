import clsx from "clsx";
import { cn } from "@/lib/cn";

/**
 * A data table named for assistive technology (role table, name = label). `stack`: a list's table —
 * its head sticks while its rows scroll inside the region, and below 900 px each row becomes a card
 * of "label: value" lines (give every cell its `label`; app/globals.css, .table-stack).
 */
export function Table({ label, children, stack = false }: { label: string; children: React.ReactNode; stack?: boolean }) {
  return (
    // A table wider than the screen scrolls sideways: the region takes focus so that keyboard
    // users can scroll it too (a table of plain text has nothing else to focus). `relative`
    // keeps the table's visually hidden texts (absolutely positioned) inside the scroll area;
    // otherwise they widen the whole page on a phone.
    <div role="region" aria-label={label} tabIndex={0} className={cn("relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900", stack && "table-stack max-h-[calc(100dvh-9rem)] overflow-y-auto")}>
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 dark:divide-slate-800">
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: React.ReactNode }) {
  return (
    <thead className="bg-slate-50 dark:bg-slate-900/80">
      <tr>{children}</tr>
    </thead>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>;
}

/**
 * `linked`: the whole row opens what its main link (given `rowLinkClass`) opens — the link's box is
 * stretched over the row by CSS, no script; the row's other links (`cellLinkClass`) stay on top.
 */
export function Tr({ children, linked = false }: { children: React.ReactNode; linked?: boolean }) {
  return <tr className={cn("hover:bg-slate-50 dark:hover:bg-slate-800/50", linked && "relative cursor-pointer")}>{children}</tr>;
}

/** The main link of a `linked` row: its click area is the whole row. */
export const rowLinkClass = "after:absolute after:inset-0 after:content-['']";
/** Any other link or control in a `linked` row: above the stretched one. */
export const cellLinkClass = "relative z-[1]";

export function Th({ children, align = "left", sort, className }: { children: React.ReactNode; align?: "left" | "right"; sort?: "ascending" | "descending" | "none"; /** e.g. a column hidden on narrow screens. */ className?: string }) {
  return (
    <th
      scope="col"
      aria-sort={sort}
      className={cn("px-3 py-2 text-xs font-semibold whitespace-nowrap text-slate-600 dark:text-slate-300", align === "right" ? "text-right" : "text-left", className)}
    >
      {children}
    </th>
  );
}

/** `label`: the column's name, shown before the value when a stacked table's row is a card. */
export function Td({ children, align = "left", className, label }: { children: React.ReactNode; align?: "left" | "right"; className?: string; label?: string }) {
  // cn (tailwind-merge): a caller's whitespace-normal replaces the default nowrap instead of fighting it.
  return <td data-label={label} className={cn("px-3 py-1.5 whitespace-nowrap", align === "right" && "text-right tabular-nums", className)}>{children}</td>;
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <div role="status" className="rounded-lg border border-dashed border-slate-300 bg-white/50 p-10 text-center text-slate-600 dark:border-slate-700 dark:bg-slate-900/40 dark:text-slate-300">
      {children}
    </div>
  );
}

/**
 * The empty state of a table whose head stays visible: a row spanning every column. An
 * `EmptyState` (a div) inside a tbody is invalid HTML that the browser moves out of the table,
 * so the page no longer matches what the server rendered and React fails to hydrate it.
 */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} role="status" className="px-3 py-6 text-center text-slate-600 dark:text-slate-300">
        {children}
      </td>
    </tr>
  );
}

/** The cell that names its row (the resource's name): announced as the row's header. */
export function RowHeader({ children, label }: { children: React.ReactNode; label?: string }) {
  return (
    <th scope="row" data-label={label} className="px-3 py-1.5 text-left font-medium whitespace-nowrap">
      {children}
    </th>
  );
}
