import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { linkClass, primaryButtonClass } from "../styles";

/**
 * A list's filters as a GET form: the filters land in the URL, so the view can be shared. `keep`
 * carries what survives a new filter (the sort); the page does not (page 3 of another result set
 * means nothing).
 */
export async function FilterBar({ action, label, keep = {}, clearHref, children }: { action: string; label: string; keep?: Record<string, string | undefined>; clearHref?: string; children: React.ReactNode }) {
  const t = await getTranslations("list");
  return (
    <form method="get" action={action} role="search" aria-label={label} className="mb-3 flex flex-wrap items-end gap-3">
      {children}
      {Object.entries(keep).map(([k, v]) => (v === undefined ? null : <input key={k} type="hidden" name={k} value={v} />))}
      <button type="submit" className={primaryButtonClass}>{t("apply")}</button>
      {clearHref && <Link href={clearHref} className={`py-1.5 ${linkClass}`}>{t("clear")}</Link>}
    </form>
  );
}
