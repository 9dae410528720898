"use client";
import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { useActivities } from "@/components/activity/activity-tracker";

type Bound<T> = (prev: unknown, input: unknown) => Promise<ActionResult<T>>;

/**
 * Runs a server action bound to its tenant (or organization), keeps its answer for the form to
 * show (field errors, the rules' violations, warnings), and follows the activity it started.
 */
export function useTrackedAction<T>(action: Bound<T>, onDone?: (data: T) => void, opts: { follow?: (data: T) => boolean } = {}) {
  const { track } = useActivities();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, start] = useTransition();
  const run = useCallback(
    (input: FormData | Record<string, unknown>) =>
      start(async () => {
        const r = await action(null, input);
        setResult(r);
        if (!r.ok) return;
        const activityId = (r.data as { activityId?: unknown } | undefined)?.activityId;
        // An activity of another tenant (an owner approving its order) is followed on that tenant's pages.
        if (typeof activityId === "string" && (opts.follow?.(r.data) ?? true)) track(activityId);
        onDone?.(r.data);
      }),
    [action, onDone, track, opts],
  );
  return { run, result, pending, reset: () => setResult(null) };
}
