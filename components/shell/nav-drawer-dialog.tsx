"use client";
import { useEffect, useState } from "react";
import { Dialog } from "radix-ui";
import { useTranslations } from "next-intl";
import { MenuButton } from "./nav-drawer";

/**
 * Below the `lg` breakpoint the sidebar is a drawer behind a menu button. Radix's dialog
 * gives the button aria-expanded and aria-controls, traps focus inside the open drawer,
 * closes it on Escape or a click outside, and returns focus to the button. Loaded by the
 * first click on the menu button (./nav-drawer), and mounted open.
 */
export function NavDrawerDialog({ children }: { children: React.ReactNode }) {
  const t = useTranslations("shell");
  const [open, setOpen] = useState(true);
  // A drawer left open while the window widens would sit over the static sidebar.
  useEffect(() => {
    const wide = window.matchMedia("(min-width: 64rem)");
    const onChange = () => {
      if (wide.matches) setOpen(false);
    };
    wide.addEventListener("change", onChange);
    return () => wide.removeEventListener("change", onChange);
  }, []);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <MenuButton />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50 lg:hidden" />
        <Dialog.Content
          aria-describedby={undefined}
          // Open on the current section: that is where a keyboard user most likely goes on from.
          onOpenAutoFocus={(e) => {
            const current = (e.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>('[aria-current="page"]');
            if (current) {
              e.preventDefault();
              current.focus();
            }
          }}
          // Following a link changes the page under the drawer: close it.
          onClick={(e) => {
            if ((e.target as HTMLElement).closest("a")) setOpen(false);
          }}
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto border-r border-slate-200 bg-slate-100 p-3 shadow-xl lg:hidden dark:border-slate-800 dark:bg-slate-900"
        >
          <div className="mb-2 flex items-center justify-between gap-2">
            <Dialog.Title className="px-3 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">{t("menu")}</Dialog.Title>
            <Dialog.Close className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800">
              <span aria-hidden>✕ </span>
              {t("closeMenu")}
            </Dialog.Close>
          </div>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
