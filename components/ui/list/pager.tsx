import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { secondaryButtonClass } from "../styles";

/** Previous / page n of m / next, as links: each page has its own URL. Nothing when one page holds everything. */
export async function Pager({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  if (pages <= 1) return null;
  const t = await getTranslations("list");
  const disabled = `${secondaryButtonClass} pointer-events-none opacity-40`;
  return (
    <nav aria-label={t("pagination")} className="mt-3 flex items-center justify-end gap-3 text-xs">
      {page > 1 ? <Link rel="prev" className={secondaryButtonClass} href={hrefFor(page - 1)}>{t("previous")}</Link> : <span aria-disabled="true" className={disabled}>{t("previous")}</span>}
      <span className="whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400">{t("page", { page, pages })}</span>
      {page < pages ? <Link rel="next" className={secondaryButtonClass} href={hrefFor(page + 1)}>{t("next")}</Link> : <span aria-disabled="true" className={disabled}>{t("next")}</span>}
    </nav>
  );
}

/** "Showing 26–50 of 72", announced when it changes. */
export async function ListSummary({ from, to, total }: { from: number; to: number; total: number }) {
  const t = await getTranslations("list");
  return (
    <p className="mb-2 min-h-4 text-xs text-slate-600 tabular-nums dark:text-slate-400" aria-live="polite">
      {total > 0 && t("showing", { from, to, total })}
    </p>
  );
}
