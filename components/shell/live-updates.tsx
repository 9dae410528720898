"use client";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { changesState, type LiveEvent } from "@/lib/domain/live";
import { throttle } from "./throttle";

/** At most one refresh of the server-rendered page per this many milliseconds. */
const REFRESH_MS = 1000;
/** Reconnection after a refused or failed stream: doubled each time, up to the maximum. */
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

const Live = createContext(false);

/** Whether this tab's live stream is open (the activity tracker polls less while it is). */
export function useLive(): boolean {
  return useContext(Live);
}

/**
 * One live stream per tab (app/api/console/events): on a change in the tenant shown, the
 * activities' queries are invalidated and the server-rendered page is refreshed in place, at most
 * once a second and only while the tab is visible; a progress step only refetches the activities.
 * A stream that fails is opened again with a growing delay; after a reconnection or a resync the
 * page is refreshed, as events may have been missed.
 */
export function LiveUpdates({ tenant, children }: { tenant: string; children: React.ReactNode }) {
  const router = useRouter();
  const queries = useQueryClient();
  const pathname = usePathname();
  const [live, setLive] = useState(false);
  // Read by the stream's handlers, which live as long as the tab: the page shown now.
  const where = useRef({ tenant, pathname, router });
  useEffect(() => {
    where.current = { tenant, pathname, router };
  }, [tenant, pathname, router]);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry = RETRY_MIN_MS;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let opened = false;
    let stopped = false;
    let missed = false;
    const refresh = throttle(() => {
      if (document.visibilityState === "hidden") missed = true;
      else where.current.router.refresh();
    }, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible" && missed) {
        missed = false;
        refresh();
      }
    };
    // The overview shows every tenant, the review queue every tenant's orders; other pages only the tenant in their path.
    const shown = (e: LiveEvent) => {
      const { tenant: current, pathname: path } = where.current;
      return e.tenant === current || path.endsWith("/overview") || (path.endsWith("/orders/review") && e.resources.some((r) => r.type === "order"));
    };

    const connect = () => {
      if (stopped) return;
      const s = new EventSource("/api/console/events");
      source = s;
      s.addEventListener("ready", () => {
        retry = RETRY_MIN_MS;
        setLive(true);
        if (opened) {
          void queries.invalidateQueries({ queryKey: ["activities"] });
          refresh();
        }
        opened = true;
      });
      s.addEventListener("change", (m) => {
        const e = JSON.parse((m as MessageEvent<string>).data) as LiveEvent;
        void queries.invalidateQueries({ queryKey: ["activities", e.tenant] });
        if (shown(e) && changesState(e)) refresh();
      });
      s.addEventListener("resync", () => {
        void queries.invalidateQueries({ queryKey: ["activities"] });
        refresh();
      });
      s.addEventListener("end", (m) => {
        const { reason } = JSON.parse((m as MessageEvent<string>).data) as { reason: string };
        s.close();
        setLive(false);
        // Signed out or no longer a member: the page's own check sends the person where they belong.
        if (reason === "UNAUTHENTICATED" || reason === "NOT_FOUND") {
          stopped = true;
          where.current.router.refresh();
        } else later();
      });
      s.onerror = () => {
        setLive(false);
        // CONNECTING: the browser retries by itself; CLOSED: refused (401, 503…), we retry later.
        if (s.readyState === EventSource.CLOSED) later();
      };
    };
    const later = () => {
      source?.close();
      source = null;
      if (stopped || retryTimer) return;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        connect();
      }, retry);
      retry = Math.min(retry * 2, RETRY_MAX_MS);
    };

    connect();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      source?.close();
      if (retryTimer) clearTimeout(retryTimer);
      refresh.cancel();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [queries]);

  return <Live.Provider value={live}>{children}</Live.Provider>;
}
