"use client";
import { useCallback, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/result";
import type { ViolationView } from "@/lib/decision-view";
import { useActivities } from "@/components/activity/activity-tracker";

/** A server action made with tenantAction(): (tenant id, previous state, input) → result. */
export type TenantActionFn<T> = (tenantId: string, prev: unknown, input: unknown) => Promise<ActionResult<T>>;

/**
 * Runs a tenant's server action from a dialog or a button: pending while it runs, its last
 * result kept for the dialog to show (field errors, violations, a conflict's sentence).
 */
export function useTenantAction<T>(action: TenantActionFn<T>, tenantId: string) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, start] = useTransition();
  const run = useCallback(
    (input: unknown) =>
      new Promise<ActionResult<T>>((resolve) =>
        start(async () => {
          const r = await action(tenantId, null, input);
          setResult(r);
          resolve(r);
        }),
      ),
    [action, tenantId],
  );
  const reset = useCallback(() => setResult(null), []);
  const failure = result && !result.ok ? result : null;
  return { run, pending, result, failure, reset };
}

/** Follows a started activity live (toast at its end) and says it started. */
export function useActivityStarted() {
  const { track } = useActivities();
  const t = useTranslations("activity");
  return useCallback(
    (activityId: string, type: string, name: string) => {
      track(activityId);
      toast.info(t("started", { type: t(`types.${type.replace(".", "_")}`), name }));
    },
    [track, t],
  );
}

/** Every refusal may be overridden with a reason (CPOOL.MEMORY_PRESSURE): the form offers the reason field. */
export function onlyOverridable(violations: readonly ViolationView[] | undefined): boolean {
  const refusing = (violations ?? []).filter((v) => v.severity === "refuse");
  return refusing.length > 0 && refusing.every((v) => v.overridable);
}
