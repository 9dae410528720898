"use client";
import { useTransition } from "react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { markNotificationsReadAction } from "@/lib/actions/account/mark-notifications-read";
import type { LocalizedText } from "@/lib/domain/result";
import { Button } from "@/components/ui/button";

type Item = { id: string; createdAt: number; read: boolean; tenant: { slug: string; name: string }; alert: { id: string; kind: string; state: string; resourceName: string; text: LocalizedText } };
type Data = { unread: number; items: Item[] };

/** How often the bell asks (no push channel: a modest poll). */
export const BELL_POLL_MS = 20_000;

/** The bell: unread notifications of the signed-in person across the tenants they may open, a list, mark read. */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const a = useTranslations("alerts");
  const format = useFormatter();
  const lang = useLocale() === "fr" ? "fr" : "en";
  const client = useQueryClient();
  const [pending, start] = useTransition();
  const { data, isPending, isError } = useQuery({
    queryKey: ["notifications"],
    queryFn: async (): Promise<Data> => {
      const r = await fetch("/api/console/notifications", { cache: "no-store" });
      if (!r.ok) throw new Error(String(r.status));
      return (await r.json()) as Data;
    },
    refetchInterval: BELL_POLL_MS,
  });
  const unread = data?.unread ?? 0;
  const mark = (ids: string[]) =>
    start(async () => {
      await markNotificationsReadAction(null, { ids });
      await client.invalidateQueries({ queryKey: ["notifications"] });
    });

  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" aria-label={unread > 0 ? t("bellUnread", { count: unread }) : t("bell")} className="relative rounded-md p-1.5 text-slate-700 hover:bg-slate-200/70 dark:text-slate-200 dark:hover:bg-slate-800">
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
          ) : data.items.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">{t("none")}</p>
          ) : (
            <ul aria-label={t("title")} className="flex max-h-96 flex-col gap-2 overflow-y-auto">
              {data.items.map((n) => (
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
