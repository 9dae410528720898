"use client";
import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Trash2 } from "lucide-react";
import { useAction } from "@/components/actions/use-action";
import { ActionResultView } from "@/components/actions/action-result";
import { saveListViewAction } from "@/lib/actions/views/save-list-view";
import { deleteListViewAction } from "@/lib/actions/views/delete-list-view";
import { LIST_VIEW_NAME_MAX } from "@/lib/list-views";
import { inputClass, primaryButtonClass } from "../styles";
import { useListUrl } from "./use-list-url";
import type { SavedViewsProps } from "./saved-views";

/** The saved views' panel: loaded when first opened (its actions and result view stay out of the list page's first load). */
export default function SavedViewsPanel({ tenantId, list, listLabel, base, views }: SavedViewsProps) {
  const t = useTranslations("list");
  const { query } = useListUrl();
  const [name, setName] = useState("");
  const [said, setSaid] = useState("");
  const save = useAction(saveListViewAction.bind(null, tenantId), { refresh: true });
  const remove = useAction(deleteListViewAction.bind(null, tenantId), { refresh: true });
  return (
    <>
      {views.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">{t("noViews")}</p>
      ) : (
        <ul aria-label={t("viewsOf", { list: listLabel })} className="space-y-1">
          {views.map((v) => (
            <li key={v.id} className="flex items-center gap-2">
              <Link href={v.query ? `${base}?${v.query}` : base} aria-label={t("applyView", { name: v.name })} className="min-w-0 flex-1 truncate rounded px-1 py-0.5 font-medium text-brand-600 hover:bg-slate-100 dark:text-brand-300 dark:hover:bg-slate-800">
                {v.name}
              </Link>
              <button
                type="button"
                aria-label={t("deleteView", { name: v.name })}
                disabled={remove.pending}
                className="rounded p-1 text-slate-500 hover:bg-red-50 hover:text-red-700 disabled:opacity-40 dark:hover:bg-red-950"
                onClick={() => remove.run({ viewId: v.id }, () => setSaid(t("viewDeleted", { name: v.name })))}
              >
                <Trash2 aria-hidden className="size-4" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-700"
        onSubmit={(e) => {
          e.preventDefault();
          const n = name.trim();
          if (!n) return;
          save.run({ list, name: n, query }, () => {
            setSaid(t("viewSaved", { name: n }));
            setName("");
          });
        }}
      >
        <label htmlFor={`view-name-${list}`} className="block text-xs text-slate-600 dark:text-slate-400">{t("saveViewAs")}</label>
        <div className="mt-1 flex gap-2">
          <input id={`view-name-${list}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={LIST_VIEW_NAME_MAX} placeholder={t("viewName")} className={`${inputClass} min-w-0 flex-1`} required autoComplete="off" />
          <button type="submit" disabled={save.pending} className={primaryButtonClass}>{t("saveView")}</button>
        </div>
      </form>
      <ActionResultView result={save.failure ?? remove.failure} fieldErrorsHere className="mt-2" />
      <p role="status" aria-live="polite" className="mt-1 min-h-4 text-xs text-slate-600 dark:text-slate-400">{said}</p>
    </>
  );
}
