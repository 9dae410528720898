"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Bookmark } from "lucide-react";
import type { ListViewList } from "@/lib/list-views";
import { Popover } from "./popover";

export type SavedView = { id: string; name: string; query: string };
export type SavedViewsProps = { tenantId: string; list: ListViewList; listLabel: string; base: string; views: SavedView[] };

const SavedViewsPanel = dynamic(() => import("./saved-views-panel"), { loading: () => <p className="text-slate-600 dark:text-slate-400">…</p> });

/**
 * A person's saved views of a list: each applied by a link (its query is the list's URL), deleted by
 * a button; the list's current filters, columns and sort saved under a name (the same name replaces
 * that view). Only the person sees them (lib/services/list-views.ts).
 */
export function SavedViews(props: SavedViewsProps) {
  const t = useTranslations("list");
  return (
    <Popover
      title={t("viewsOf", { list: props.listLabel })}
      label={
        <span className="inline-flex items-center gap-1.5">
          <Bookmark aria-hidden className="size-4" />
          {t("views")}
        </span>
      }
    >
      <SavedViewsPanel {...props} />
    </Popover>
  );
}
