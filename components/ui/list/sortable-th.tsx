import Link from "next/link";
import { cn } from "@/lib/cn";
import { Th } from "../table";

/** A column header that sorts by its column; a second click reverses. `aria-sort` says the current order. */
export function SortableTh({ label, active, dir, href, title, align, before, className }: { label: string; active: boolean; dir: "asc" | "desc"; href: string; title: string; align?: "left" | "right"; before?: React.ReactNode; className?: string }) {
  return (
    <Th align={align} className={className} sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      {/* `before`: a control that belongs to the column, such as a select-all checkbox */}
      {before && <span className="mr-2 inline-flex align-middle">{before}</span>}
      <Link href={href} title={title} className={cn("inline-flex items-center gap-1 rounded-sm hover:text-slate-900 dark:hover:text-white", active && "text-slate-900 dark:text-white")}>
        {label}
        <span aria-hidden className={active ? "text-brand-600 dark:text-brand-300" : "text-slate-400 dark:text-slate-500"}>
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </Th>
  );
}
