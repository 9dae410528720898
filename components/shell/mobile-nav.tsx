"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Dialog as D } from "radix-ui";
import { Menu, X } from "lucide-react";
import { Nav } from "./nav";

/**
 * Below the md breakpoint the sections move into a drawer opened from the header, so a phone's
 * width goes to the page. Following a link closes it.
 */
export function MobileNav({ tenant, appName, provider }: { tenant: string; appName: string; provider: string }) {
  const t = useTranslations("shell");
  const [open, setOpen] = useState(false);
  return (
    <D.Root open={open} onOpenChange={setOpen}>
      <D.Trigger className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium md:hidden dark:border-slate-700">
        <Menu aria-hidden className="size-4" />
        {t("menu")}
      </D.Trigger>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-slate-950/50 md:hidden" />
        <D.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 w-64 overflow-y-auto border-r border-slate-200 bg-slate-50 p-3 shadow-xl focus:outline-none md:hidden dark:border-slate-800 dark:bg-slate-900"
          onClick={(e) => {
            if ((e.target as HTMLElement).closest("a")) setOpen(false);
          }}
        >
          <div className="mb-4 flex items-start justify-between gap-2 px-3 py-1">
            <D.Title asChild>
              <p>
                <span className="block text-sm font-semibold">{appName}</span>
                <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{provider}</span>
              </p>
            </D.Title>
            <D.Close aria-label={t("closeMenu")} className="rounded-md p-1 hover:bg-slate-200 dark:hover:bg-slate-800">
              <X aria-hidden className="size-4" />
            </D.Close>
          </div>
          <Nav tenant={tenant} />
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
