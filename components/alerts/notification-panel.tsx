"use client";
import { useTransition } from "react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { markNotificationsReadAction } from "@/lib/actions/account/mark-notifications-read";
import { Button } from "@/components/ui/button";
import { BellButton } from "./bell-button";
import type { BellData } from "./notification-bell";

/**
 * The bell's panel (Radix Popover and its positioning): loaded when the bell is first opened, so
 * that no tenant page ships it on its first load. Mounted open, on the click that asked for it.
 */
export function NotificationPanel({ data, isPending, isError }: { data: BellData | undefined; isPending: boolean; isError: boolean }) {
  const t = useTranslations("notifications");
  const a = useTranslations("alerts");
  const format = useFormatter();
  const lang = useLocale() === "fr" ? "fr" : "en";
  const client = useQueryClient();
  const [pending, start] = useTransition();
  const unread = data?.unread ?? 0;
  const mark = (ids: string[]) =>
    start(async () => {
      await markNotificationsReadAction(null, { ids });
      await client.invalidateQueries({ queryKey: ["notifications"] });
    });

  return (
    <Popover.Root defaultOpen>
      <Popover.Trigger asChild>
        <BellButton unread={unread} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={6} aria-label={t("title")} className="z-50 w-[min(24rem,calc(100vw-1rem))] rounded-lg border border-slate-200 bg-white p-3 shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 className="text-sm font-semibold">{t("title")}</h2>
            {unread > 0 && (
              <Button variant="ghost" pending={pending} onClick={() => mark([])}>
                {t("markAllRead")}
              </Button>
            )}
          </div>
          {isPending ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">{t("loading")}</p>
          ) : isError ? (
            <p className="text-sm text-red-700 dark:text-red-300">{t("error")}</p>
          ) : data!.items.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">{t("none")}</p>
          ) : (
            <ul aria-label={t("title")} className="flex max-h-96 flex-col gap-2 overflow-y-auto">
              {data!.items.map((n) => (
                <li key={n.id} className={n.read ? "rounded-md p-2 text-sm" : "rounded-md bg-brand-50 p-2 text-sm dark:bg-brand-700/20"}>
                  <p className="font-medium">
                    {!n.read && <span className="sr-only">{t("unread")}: </span>}
                    {a(`kind.${n.alert.kind}`)} · {a(`state.${n.alert.state}`)}
                  </p>
                  <p className="text-slate-700 dark:text-slate-300">{n.alert.text[lang]}</p>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                    <span>{format.relativeTime(new Date(n.createdAt), new Date())}</span>
                    <Link className="underline underline-offset-2" href={`/t/${n.tenant.slug}/dashboards/alerts`}>
                      {t("open", { tenant: n.tenant.name })}
                    </Link>
                    {!n.read && (
                      <Button variant="ghost" pending={pending} onClick={() => mark([n.id])}>
                        {t("markRead")}
                      </Button>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
