"use client";
import { useCallback, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { useActivities } from "./activity-tracker";

type Action<I, T> = (tenantId: string, prev: unknown, input: I) => Promise<ActionResult<T>>;

/** The activities a write started: one (`activityId`), or one per item of a bulk answer. */
function activityIdsOf(data: unknown): string[] {
  if (Array.isArray(data)) return data.flatMap((d) => activityIdsOf(d));
  if (data && typeof data === "object" && "activityId" in data && typeof data.activityId === "string") return [data.activityId];
  return [];
}

/**
 * Runs a server action that starts activities: follows each one live (toast at its end), and
 * refreshes the page's server data at once so the resource shows its activity under way.
 */
export function useActivityAction<I, T>(action: Action<I, T>, tenantId: string) {
  const { track } = useActivities();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const run = useCallback(
    (input: I, onOk?: (data: T) => void) =>
      start(async () => {
        const r = await action(tenantId, null, input);
        setResult(r);
        if (!r.ok) return;
        const ids = activityIdsOf(r.data);
        if (ids.length) track(ids);
        router.refresh();
        onOk?.(r.data);
      }),
    [action, tenantId, track, router],
  );
  return { run, pending, result, reset: useCallback(() => setResult(null), []) };
}
