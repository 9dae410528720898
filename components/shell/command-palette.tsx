"use client";
import { useEffect, useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { Search } from "lucide-react";

const loadDialog = () => import("./command-palette-dialog");
const CommandPaletteDialog = dynamic(() => loadDialog().then((m) => m.CommandPaletteDialog), { ssr: false });

/**
 * Search anywhere: Ctrl-K (⌘K) or the header's button opens it; it finds resources of every tenant
 * the person may open (the server decides which, /api/console/search) and opens the one chosen.
 * Mounted once, in the tenant shell; the static commands go to the current tenant's pages. The
 * palette (cmdk) loads on the first opening, or as the pointer or focus reaches the button.
 */
export function CommandPalette({ tenant }: { tenant: string }) {
  const t = useTranslations("palette");
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setWanted(true);
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        aria-keyshortcuts="Control+K Meta+K"
        className="flex items-center gap-2 rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <Search aria-hidden className="size-3.5" />
        <span>{t("open")}</span>
        <kbd aria-hidden className="hidden rounded border border-slate-300 px-1 font-sans text-[10px] text-slate-600 sm:inline dark:border-slate-600 dark:text-slate-400">{t("shortcut")}</kbd>
      </button>
      {wanted && <CommandPaletteDialog tenant={tenant} open={open} setOpen={setOpen} />}
    </>
  );
}
