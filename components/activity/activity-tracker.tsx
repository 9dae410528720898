"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { toast } from "sonner";
import type { ActivityView } from "@/lib/activity-types";
import { useLive } from "@/components/shell/live-updates";

type Tracker = { track: (ids: string | readonly string[]) => void; get: (id: string) => ActivityView | undefined };
const Ctx = createContext<Tracker | null>(null);

const done = (a: ActivityView) => a.state === "COMPLETED" || a.state === "FAILED";

/**
 * Follows the activities this page started or shows, live: refetches their state on each live
 * event (every second by polling when the stream is down) while any runs, toasts each end, and refreshes the page's server data so it shows the outcome.
 */
export function ActivityTracker({ tenant, children }: { tenant: string; children: React.ReactNode }) {
  const [ids, setIds] = useState<string[]>([]);
  const router = useRouter();
  const t = useTranslations("activity");
  const lang = useLocale() === "fr" ? "fr" : "en";
  const announced = useRef(new Set<string>());
  const started = useRef(new Set<string>());
  const live = useLive();

  const { data } = useQuery({
    queryKey: ["activities", tenant, ids],
    enabled: ids.length > 0,
    queryFn: async () => {
      const r = await fetch(`/api/console/${encodeURIComponent(tenant)}/activities?ids=${ids.join(",")}`, { cache: "no-store" });
      if (!r.ok) throw new Error(String(r.status));
      return ((await r.json()) as { items: ActivityView[] }).items;
    },
    // Live (components/shell/live-updates.tsx), each step's event refetches at once: the poll is only a fallback.
    refetchInterval: (q) => ((q.state.data ?? []).every(done) && (q.state.data?.length ?? 0) === ids.length ? false : live ? 5000 : 1000),
  });

  const byId = useMemo(() => new Map((data ?? []).map((a) => [a.id, a])), [data]);

  useEffect(() => {
    let ended = false;
    for (const a of data ?? []) {
      if (!done(a) || announced.current.has(a.id)) continue;
      announced.current.add(a.id);
      ended = true;
      // Only what this browser started gets a toast; the rest just updates in place.
      if (!started.current.has(a.id)) continue;
      const key = a.type.replace(".", "_");
      const name = a.concernedItems[0]?.name ?? "";
      // Said as what happened ("The order … is submitted: it now waits for a reviewer"), not "… completed".
      if (a.state === "COMPLETED") toast.success(t(`done.${key}`, { name }));
      else toast.error(`${t("ended", { type: t(`types.${key}`), name })} ${t("failed")}`, { description: a.failure?.message[lang], duration: 12_000 });
    }
    if (ended) router.refresh();
  }, [data, router, t, lang]);

  const track = useCallback((more: string | readonly string[]) => {
    const list = typeof more === "string" ? [more] : more;
    for (const id of list) started.current.add(id);
    setIds((cur) => [...new Set([...cur, ...list])]);
  }, []);
  const watch = useCallback((more: readonly string[]) => setIds((cur) => (more.every((id) => cur.includes(id)) ? cur : [...new Set([...cur, ...more])])), []);

  const value = useMemo<Tracker & { watch: typeof watch }>(() => ({ track, watch, get: (id) => byId.get(id) }), [track, watch, byId]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useActivities(): Tracker & { watch: (ids: readonly string[]) => void } {
  const ctx = useContext(Ctx) as (Tracker & { watch: (ids: readonly string[]) => void }) | null;
  if (!ctx) throw new Error("useActivities needs an <ActivityTracker> above it");
  return ctx;
}

/**
 * An activity's live progress where the page shows it (a VM's row, its page): the server's view
 * first, then the tracker's.
 */
export function ActivityProgress({ activity, compact = false }: { activity: ActivityView; compact?: boolean }) {
  const { watch, get } = useActivities();
  const t = useTranslations("activity");
  const lang = useLocale() === "fr" ? "fr" : "en";
  useEffect(() => {
    if (!done(activity)) watch([activity.id]);
  }, [activity, watch]);
  const a = get(activity.id) ?? activity;
  const label = `${t(`types.${a.type.replace(".", "_")}`)} · ${t(`states.${a.state}`)}`;
  if (done(a)) return <span className="text-xs text-slate-600 dark:text-slate-400">{label}</span>;
  return (
    <span className="inline-flex min-w-32 flex-col gap-0.5" data-testid="activity-progress">
      <span className="text-xs font-medium">
        {label}
        {!compact && a.stepLabel ? ` · ${a.stepLabel[lang]}` : ""}
      </span>
      <span
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={a.progress}
        className="block h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <span className="block h-full rounded-full bg-brand-600 transition-[width] duration-500 dark:bg-brand-300" style={{ width: `${Math.max(4, a.progress)}%` }} />
      </span>
    </span>
  );
}
