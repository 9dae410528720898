"use client";
import { useState, type ComponentProps, type ComponentType, type ReactNode } from "react";
import { useTranslations } from "next-intl";

const loadDrawer = () => import("./nav-drawer-dialog");

/** The menu button below the `lg` breakpoint: the same element before and after the drawer's code has loaded. */
export function MenuButton(props: ComponentProps<"button">) {
  const t = useTranslations("shell");
  return (
    <button
      type="button"
      className="inline-flex shrink-0 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 lg:hidden dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
      {...props}
    >
      <svg aria-hidden viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
        <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />
      </svg>
      {t("menu")}
    </button>
  );
}

/**
 * Below the `lg` breakpoint the sidebar is a drawer behind a menu button. The drawer (Radix's
 * dialog, ./nav-drawer-dialog) loads on the first click, so that a page on a wide screen, or one
 * never opening it, ships none of it.
 */
export function NavDrawer({ children }: { children: ReactNode }) {
  const [Drawer, setDrawer] = useState<ComponentType<{ children: ReactNode }> | null>(null);
  if (Drawer) return <Drawer>{children}</Drawer>;
  return (
    <MenuButton
      aria-haspopup="dialog"
      aria-expanded={false}
      onClick={() => void loadDrawer().then((m) => setDrawer(() => m.NavDrawerDialog))}
      onPointerEnter={() => void loadDrawer()}
      onFocus={() => void loadDrawer()}
    />
  );
}
