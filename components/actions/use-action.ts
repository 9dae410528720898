"use client";
import { useCallback, useLayoutEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";
import type { ViolationView } from "@/lib/decision-view";
import { useActivities } from "@/components/activity/activity-tracker";

/** A server action bound to its tenant (or organization): `action.bind(null, tenantId)`. */
export type BoundAction<I, T> = (prev: unknown, input: I) => Promise<ActionResult<T>>;

/** The activities a write started: one (`activityId`), or one per item of a bulk answer. */
export function activityIdsOf(data: unknown): string[] {
  if (Array.isArray(data)) return data.flatMap((d) => activityIdsOf(d));
  if (data && typeof data === "object" && "activityId" in data && typeof data.activityId === "string") return [data.activityId];
  return [];
}

export type UseActionOptions<T> = {
  /** After an accepted answer, before the caller's own `then`. */
  onDone?: (data: T) => void;
  /** Follow the started activity here? An owner approving another tenant's order does not. Default: yes. */
  follow?: (data: T) => boolean;
  /** Refresh the page's server data at once, so the resource shows its activity under way. */
  refresh?: boolean;
  /** Say in a toast that the activity started: its type (`vm.resize`) and the resource's name. */
  announce?: { type: string; name: string };
};

/**
 * The one way a component runs a write: pending while it runs, its last answer kept for
 * <ActionResultView> (refusals with figures, field errors, a conflict's sentence, warnings), the
 * activities it started followed live (the tracker toasts their end), and, if asked, a toast
 * saying it started. `run` resolves with the answer, so a dialog can close on success.
 */
export function useAction<I, T>(action: BoundAction<I, T>, opts: UseActionOptions<T> = {}) {
  const { track } = useActivities();
  const router = useRouter();
  const t = useTranslations("activity");
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, start] = useTransition();
  // Callers bind the action in render; the latest one is used without re-creating `run`.
  const latest = useRef({ action, opts });
  useLayoutEffect(() => {
    latest.current = { action, opts };
  });
  const run = useCallback(
    (input: I, then?: (data: T) => void) =>
      new Promise<ActionResult<T>>((resolve) =>
        start(async () => {
          const { action: act, opts: o } = latest.current;
          const r = await act(null, input);
          setResult(r);
          if (r.ok) {
            const ids = o.follow && !o.follow(r.data) ? [] : activityIdsOf(r.data);
            if (ids.length) track(ids);
            if (o.announce && ids.length) toast.info(t("started", { type: t(`types.${o.announce.type.replace(".", "_")}`), name: o.announce.name }));
            if (o.refresh) router.refresh();
            o.onDone?.(r.data);
            then?.(r.data);
          } else if (r.code === "CONFLICT" || r.code === "REFUSED") {
            // The server decided on a state this page may not show yet (changed in another tab):
            // the page catches up, so it stops offering what was just refused.
            router.refresh();
          }
          resolve(r);
        }),
      ),
    [track, router, t],
  );
  const reset = useCallback(() => setResult(null), []);
  const failure = result && !result.ok ? result : null;
  /** The server's errors for one field, for the form to show under it. */
  const errors = (field: string): string[] | undefined => failure?.fieldErrors?.[field];
  return { run, pending, result, failure, errors, reset };
}

/** Every refusal may be overridden with a reason (CPOOL.MEMORY_PRESSURE): the form offers the reason field. */
export function onlyOverridable(violations: readonly ViolationView[] | undefined): boolean {
  const refusing = (violations ?? []).filter((v) => v.severity === "refuse");
  return refusing.length > 0 && refusing.every((v) => v.overridable);
}
