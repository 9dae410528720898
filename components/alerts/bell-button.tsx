"use client";
import type { ComponentProps } from "react";
import { useTranslations } from "next-intl";

/** The bell's button, with its unread count: the same element before and after the panel's code has loaded. */
export function BellButton({ unread, ...props }: { unread: number } & ComponentProps<"button">) {
  const t = useTranslations("notifications");
  return (
    <button type="button" aria-label={unread > 0 ? t("bellUnread", { count: unread }) : t("bell")} className="relative rounded-md p-1.5 text-slate-700 hover:bg-slate-200/70 dark:text-slate-200 dark:hover:bg-slate-800" {...props}>
      <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span data-testid="bell-count" aria-hidden className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </button>
  );
}
