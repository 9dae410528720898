"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { cn } from "@/lib/cn";
import { useDebounced } from "@/components/actions/use-preview";
import { resourceHref } from "@/components/activity/resource-href";
import { GO_COMMANDS } from "./shortcuts";
import { SEARCH_KINDS, SEARCH_MIN_LENGTH, type SearchHit, type SearchResult } from "@/lib/search-view";

/** Where a hit opens: its own page (an activity's, a VM's…), or its list filtered on its name. */
export function hitHref(h: SearchHit): string {
  if (h.kind === "activity") return `/t/${h.tenant.slug}/activities/${h.id}`;
  return resourceHref(h.tenant.slug, { type: h.kind, id: h.id, name: h.name }) ?? `/t/${h.tenant.slug}/overview`;
}


const itemClass =
  "flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-900 dark:data-[selected=true]:bg-slate-800 dark:data-[selected=true]:text-white";
const groupClass = "[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-600 dark:[&_[cmdk-group-heading]]:text-slate-400";

/**
 * The palette itself (cmdk, the search): loaded when first opened, so that no tenant page ships
 * cmdk on its first load (components/shell/command-palette.tsx holds the button and Ctrl-K).
 */
export function CommandPaletteDialog({ tenant, open, setOpen }: { tenant: string; open: boolean; setOpen: (open: boolean) => void }) {
  const t = useTranslations("palette");
  const activity = useTranslations("activity");
  const router = useRouter();
  const [q, setQ] = useState("");
  const text = useDebounced(q.trim(), 200);

  const searching = open && text.length >= SEARCH_MIN_LENGTH;
  const result = useQuery({
    queryKey: ["search-everywhere", text],
    enabled: searching,
    staleTime: 10_000,
    queryFn: async ({ signal }): Promise<SearchResult> => {
      const res = await fetch(`/api/console/search?q=${encodeURIComponent(text)}`, { signal, headers: { accept: "application/json" } });
      if (!res.ok) throw new Error(`search ${res.status}`);
      return res.json();
    },
  });
  // The answer shown is the one to what is typed now: none while a newer query is on its way.
  const settled = searching && text === q.trim() && result.data?.query === text;
  const hits = settled ? result.data!.hits : [];
  const loading = searching && (result.isFetching || text !== q.trim());

  const needle = q.trim().toLowerCase();
  const commands = GO_COMMANDS.filter((c) => !needle || t(`go.${c.key}`).toLowerCase().includes(needle));

  const status = loading
    ? t("loading")
    : !searching && needle.length > 0
      ? t("minLength")
      : searching && result.isError
        ? t("failed")
        : settled && hits.length === 0 && commands.length === 0
          ? t("empty", { q: text })
          : null;

  const go = (href: string) => {
    setOpen(false);
    setQ("");
    router.push(href);
  };

  const detail = (h: SearchHit): string | null => {
    if (h.kind === "vlan") return t("vlanTag", { tag: String(h.detail.tag) });
    if (h.kind === "order") return t(`orderTypes.${String(h.detail.resourceType)}` as "orderTypes.VLAN");
    if (h.kind === "activity") {
      const key = `types.${String(h.detail.type).replace(".", "_")}`;
      return activity.has(key) ? activity(key) : String(h.detail.type);
    }
    return null;
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setQ("");
      }}
    >
      {open && (
        <DialogContent title={t("title")} className="w-[min(40rem,calc(100vw-2rem))] p-3">
          {/* vimBindings off: Ctrl-K inside the palette closes it, as it opened it, rather than moving up. */}
          <Command shouldFilter={false} label={t("inputLabel")} loop vimBindings={false}>
            <Command.Input
              value={q}
              onValueChange={setQ}
              placeholder={t("placeholder")}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm placeholder:text-slate-500 focus:border-brand-600 focus:outline-none dark:border-slate-700 dark:bg-slate-950 dark:placeholder:text-slate-400"
            />
            {/* Hidden when it would be empty: a listbox without an option is not one (axe: aria-required-children). */}
            <Command.List label={t("results")} hidden={hits.length === 0 && commands.length === 0} className="mt-2 max-h-[60vh] overflow-y-auto">
              {SEARCH_KINDS.map((kind) => {
                const group = hits.filter((h) => h.kind === kind);
                if (group.length === 0) return null;
                return (
                  <Command.Group key={kind} heading={t(`kinds.${kind}`)} className={groupClass}>
                    {group.map((h) => (
                      <Command.Item key={`${h.kind}:${h.id}`} value={`${h.kind}:${h.id}`} onSelect={() => go(hitHref(h))} className={itemClass}>
                        <span className="min-w-0 truncate">
                          <span className="font-medium">{h.name}</span>
                          {detail(h) && <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{detail(h)}</span>}
                        </span>
                        <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">{t("tenant", { tenant: h.tenant.name })}</span>
                      </Command.Item>
                    ))}
                  </Command.Group>
                );
              })}
              {commands.length > 0 && (
                <Command.Group heading={t("commands")} className={groupClass}>
                  {commands.map((c) => (
                    <Command.Item key={c.key} value={`command:${c.key}`} onSelect={() => go(`/t/${tenant}/${c.href}`)} className={itemClass}>
                      <span>{t(`go.${c.key}`)}</span>
                      <kbd className="shrink-0 font-sans text-xs text-slate-600 dark:text-slate-400">{t("goKeys", { key: c.shortcut.toUpperCase() })}</kbd>
                    </Command.Item>
                  ))}
                </Command.Group>
              )}
            </Command.List>
            {/* Outside the listbox (which holds options only), announced as it changes. */}
            <p aria-live="polite" className={cn("px-3 text-xs text-slate-600 dark:text-slate-400", status ? "py-2" : "sr-only", result.isError && !loading && "text-red-700 dark:text-red-300")}>
              {status}
            </p>
          </Command>
        </DialogContent>
      )}
    </Dialog>
  );
}
