"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { Violations } from "@/components/ui/violations";

/** What an action answered: the form's error (announced), the rules' refusals, or the warnings it was accepted with. */
export function ActionFeedback<T>({ result, accepted }: { result: ActionResult<T> | null; accepted?: string }) {
  const t = useTranslations("violations");
  if (!result) return null;
  if (result.ok) {
    return (
      <div className="space-y-2">
        {accepted && (
          <p role="status" className="text-sm font-medium text-emerald-800 dark:text-emerald-300">
            {accepted}
          </p>
        )}
        <Violations items={result.warnings} title={t("warnings")} />
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <p role="alert" data-testid="form-error" className="text-sm font-medium text-red-700 dark:text-red-300">
        {result.formError}
      </p>
      {result.violations && <Violations items={result.violations} title={t("refused")} />}
    </div>
  );
}
