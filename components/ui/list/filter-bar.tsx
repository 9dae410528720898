import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { linkClass, primaryButtonClass } from "../styles";
import { InstantFilterForm } from "./instant-filter-form";

/**
 * A list's filters, in the URL so the view can be shared. `instant`: they apply as the person types
 * or chooses (InstantFilterForm), the Apply button kept for a browser without JavaScript only. `keep`
 * carries what survives a new filter (the sort); the page does not (page 3 of another result set
 * means nothing). `tools`: the list's own controls at the bar's end (columns, saved views).
 */
export async function FilterBar({ action, label, keep = {}, clearHref, instant = false, tools, children }: { action: string; label: string; keep?: Record<string, string | undefined>; clearHref?: string; instant?: boolean; tools?: React.ReactNode; children: React.ReactNode }) {
  const t = await getTranslations("list");
  const hidden = Object.entries(keep).map(([k, v]) => (v === undefined ? null : <input key={k} type="hidden" name={k} value={v} />));
  const clear = clearHref && <Link href={clearHref} className={`py-1.5 ${linkClass}`}>{t("clear")}</Link>;
  if (instant) {
    return (
      <div className="flex flex-wrap items-start gap-x-3">
        <div className="min-w-0 flex-1">
          <InstantFilterForm action={action} label={label}>
            {children}
            {hidden}
            <noscript>
              <button type="submit" className={primaryButtonClass}>{t("apply")}</button>
            </noscript>
            {clear}
          </InstantFilterForm>
        </div>
        {tools && <div className="mb-3 flex items-end gap-2 self-end">{tools}</div>}
      </div>
    );
  }
  return (
    <form method="get" action={action} role="search" aria-label={label} className="mb-3 flex flex-wrap items-end gap-3">
      {children}
      {hidden}
      <button type="submit" className={primaryButtonClass}>{t("apply")}</button>
      {clear}
    </form>
  );
}
