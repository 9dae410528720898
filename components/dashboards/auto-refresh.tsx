"use client";
import { useEffect, useSyncExternalStore, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** How often a visible dashboard reloads its figures. */
export const AUTO_REFRESH_MS = 60_000;
/** Paused once, paused on every dashboard of this browser until resumed. */
export const AUTO_REFRESH_PAUSED_KEY = "dashboards.autoRefresh.paused";

const listeners = new Set<() => void>();
function subscribe(fn: () => void) {
  listeners.add(fn);
  window.addEventListener("storage", fn);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("storage", fn);
  };
}
function readPaused(): boolean {
  try {
    return window.localStorage.getItem(AUTO_REFRESH_PAUSED_KEY) === "1";
  } catch {
    return false;
  }
}
function writePaused(paused: boolean) {
  try {
    if (paused) window.localStorage.setItem(AUTO_REFRESH_PAUSED_KEY, "1");
    else window.localStorage.removeItem(AUTO_REFRESH_PAUSED_KEY);
  } catch {
    // Storage refused (private mode): the choice lasts as long as the page.
  }
  for (const fn of listeners) fn();
}
const noSubscribe = () => () => undefined;

/**
 * "Updated at HH:MM:SS (timezone)" and a pause button. While the tab is visible and not paused,
 * the server-rendered page is refreshed every AUTO_REFRESH_MS. `updatedAt` is the instant the
 * server rendered the figures: any refresh — this one, or the live updates' on a change — renders a
 * new one and restarts the wait, so the two never stack. A tab hidden when its time comes refreshes
 * once on its return.
 */
export function AutoRefresh({ updatedAt }: { updatedAt: number }) {
  const t = useTranslations("dashboardsRefresh");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  const paused = useSyncExternalStore(subscribe, readPaused, () => false);
  // The server knows no browser's timezone: it renders UTC, the browser its own once hydrated.
  const timeZone = useSyncExternalStore(noSubscribe, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => "UTC");

  useEffect(() => {
    if (paused) return;
    let due = false;
    const refresh = () => start(() => router.refresh());
    const timer = setInterval(() => {
      if (document.visibilityState === "hidden") due = true;
      else refresh();
    }, AUTO_REFRESH_MS);
    const onVisible = () => {
      if (due && document.visibilityState === "visible") {
        due = false;
        refresh();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [updatedAt, paused, router]);

  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone }).format(updatedAt);
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300" data-testid="auto-refresh">
      <span role="status" aria-busy={pending}>
        {t("updatedAt", { time, timeZone })}
        {paused && <span className="ml-1 font-medium">· {t("paused")}</span>}
      </span>
      <Button
        variant="ghost"
        aria-pressed={paused}
        title={paused ? t("resumeHint", { seconds: AUTO_REFRESH_MS / 1000 }) : t("pauseHint", { seconds: AUTO_REFRESH_MS / 1000 })}
        onClick={() => {
          writePaused(!paused);
          if (paused) start(() => router.refresh());
        }}
      >
        {paused ? t("resume") : t("pause")}
      </Button>
    </div>
  );
}
