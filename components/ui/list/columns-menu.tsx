"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { ChevronDown, ChevronUp, Columns3 } from "lucide-react";
import { COLUMNS_PARAM, columnOrder, columnsParam, moveColumn, LIST_COLUMNS, type ListViewList } from "@/lib/list-views";
import { Popover } from "./popover";
import { useListUrl } from "./use-list-url";

/**
 * Which columns a list shows, and in what order: a checkbox per column and a pair of move buttons.
 * The choice is the URL's `cols` (shareable, saved with a view); the page renders what it says.
 * The column naming the row cannot be hidden.
 */
export function ColumnsMenu({ list, listLabel, shown, labels }: { list: ListViewList; listLabel: string; shown: readonly string[]; labels: Record<string, string> }) {
  const t = useTranslations("list");
  const { replace } = useListUrl();
  // Kept here too, so a second click before the page answers builds on the first.
  const [state, setState] = useState({ order: columnOrder(list, shown), shown: [...shown] });
  // A saved view applied, or the back button: the page's columns win over what was clicked here.
  const key = shown.join(",");
  const [synced, setSynced] = useState(key);
  if (synced !== key) {
    setSynced(key);
    setState({ order: columnOrder(list, shown), shown: [...shown] });
  }
  const fixed = LIST_COLUMNS[list].fixed;
  const commit = (order: string[], visible: string[]) => {
    const cols = order.filter((c) => visible.includes(c));
    setState({ order, shown: cols });
    replace({ [COLUMNS_PARAM]: columnsParam(list, cols) });
  };
  return (
    <Popover
      title={t("columnsOf", { list: listLabel })}
      label={
        <span className="inline-flex items-center gap-1.5">
          <Columns3 aria-hidden className="size-4" />
          {t("columns")}
        </span>
      }
    >
      <ul className="space-y-1">
        {state.order.map((c, i) => (
          <li key={c} className="flex items-center gap-2">
            <label className="flex min-w-0 flex-1 items-center gap-2">
              <input
                type="checkbox"
                checked={state.shown.includes(c)}
                disabled={c === fixed}
                aria-label={t("showColumn", { column: labels[c] ?? c })}
                onChange={(e) => commit(state.order, e.target.checked ? [...state.shown, c] : state.shown.filter((x) => x !== c))}
              />
              <span className="truncate">{labels[c] ?? c}</span>
            </label>
            <button type="button" className="rounded p-0.5 hover:bg-slate-100 disabled:opacity-30 dark:hover:bg-slate-800" aria-label={t("moveUp", { column: labels[c] ?? c })} disabled={i === 0} onClick={() => commit(moveColumn(state.order, c, -1), state.shown)}>
              <ChevronUp aria-hidden className="size-4" />
            </button>
            <button type="button" className="rounded p-0.5 hover:bg-slate-100 disabled:opacity-30 dark:hover:bg-slate-800" aria-label={t("moveDown", { column: labels[c] ?? c })} disabled={i === state.order.length - 1} onClick={() => commit(moveColumn(state.order, c, 1), state.shown)}>
              <ChevronDown aria-hidden className="size-4" />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="mt-2 text-xs font-medium text-brand-600 underline underline-offset-2 dark:text-brand-300" onClick={() => commit(columnOrder(list, LIST_COLUMNS[list].defaults), [...LIST_COLUMNS[list].defaults])}>
        {t("resetColumns")}
      </button>
    </Popover>
  );
}
