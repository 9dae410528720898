import Link from "next/link";

/** A VM's tags as chips; each one links to the list filtered by it. */
export function TagList({ tags, hrefFor, label, empty, wrap = false }: { tags: readonly string[]; hrefFor?: (tag: string) => string; label: string; empty: string; wrap?: boolean }) {
  if (tags.length === 0) {
    return (
      <>
        <span aria-hidden className="text-slate-500 dark:text-slate-400">—</span>
        <span className="sr-only">{empty}</span>
      </>
    );
  }
  const chip = "inline-block rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700 ring-1 ring-slate-200 ring-inset dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700";
  return (
    <ul aria-label={label} className={wrap ? "flex flex-wrap gap-1" : "flex gap-1"}>
      {tags.map((tag) => (
        <li key={tag}>{hrefFor ? <Link href={hrefFor(tag)} className={`${chip} hover:bg-brand-50 hover:text-brand-700 dark:hover:bg-brand-700/30`}>{tag}</Link> : <span className={chip}>{tag}</span>}</li>
      ))}
    </ul>
  );
}
