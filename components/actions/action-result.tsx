"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { Violations } from "@/components/ui/violations";
import { TrackedProgress } from "@/components/activity/tracked-progress";
import { cn } from "@/lib/cn";
import { activityIdsOf } from "./use-action";

/**
 * What a write answered, where the form is — the one view for every action:
 * - refused by the rules: each violation with its code, sentence and figures;
 * - not asked (busy, not found, forbidden, bad input): one announced sentence, with the field
 *   errors appended only when the form has no field to show them under (`fieldErrorsHere`);
 * - accepted: the caller's sentence, the warnings it was accepted with, and the live progress
 *   of the activity it started (`progress`), until it ends.
 */
export function ActionResultView({
  result,
  accepted,
  progress = false,
  fieldErrorsHere = false,
  hideInvalid = false,
  judged = false,
  className,
  id,
}: {
  result: ActionResult<unknown> | null | undefined;
  accepted?: string;
  progress?: boolean;
  /** The form has no field for the errors: list them here. */
  fieldErrorsHere?: boolean;
  /** Bad input is shown under the fields alone (no sentence above them). */
  hideInvalid?: boolean;
  /** A verdict before Submit (dryRun): "would be refused", not "refused". */
  judged?: boolean;
  className?: string;
  id?: string;
}) {
  const t = useTranslations("violations");
  if (!result) return null;
  if (!result.ok && hideInvalid && result.code === "INVALID" && !fieldErrorsHere) return null;
  if (!result.ok) {
    if (result.code === "REFUSED" && result.violations?.length) return <Violations id={id} className={className} items={result.violations} title={t(judged ? "wouldRefuse" : "refused")} />;
    const fieldMessages = fieldErrorsHere && result.fieldErrors ? Object.values(result.fieldErrors).flat() : [];
    return (
      <p
        id={id}
        role="alert"
        data-testid="form-error"
        className={cn("rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100", className)}
      >
        {[result.formError, ...fieldMessages].join(" ")}
      </p>
    );
  }
  const ids = progress ? activityIdsOf(result.data) : [];
  if (!accepted && result.warnings.length === 0 && ids.length === 0) return null;
  return (
    <div id={id} className={cn("space-y-2", className)}>
      {accepted && (
        <p role="status" className="text-sm font-medium text-emerald-800 dark:text-emerald-300">
          {accepted}
        </p>
      )}
      {ids.map((a) => (
        <TrackedProgress key={a} id={a} />
      ))}
      <Violations items={result.warnings} title={t(judged ? "wouldWarn" : "warnings")} />
    </div>
  );
}
