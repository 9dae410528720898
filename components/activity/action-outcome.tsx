"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { Violations } from "@/components/ui/violations";
import { cn } from "@/lib/cn";

/**
 * What a write answered, where the form is: the rule's refusals (code, sentence, figures), the
 * warnings it was accepted with, or why it could not be asked (busy, not found, bad input).
 */
export function ActionOutcome({ result, className, id }: { result: ActionResult<unknown> | null; className?: string; id?: string }) {
  const t = useTranslations("violations");
  return (
    <div id={id} aria-live="polite" className={cn("empty:hidden", className)}>
      {result && !result.ok && result.violations?.length ? (
        <Violations items={result.violations} title={t("refused")} />
      ) : result && !result.ok ? (
        <p role="alert" data-testid="action-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
          {result.formError}
          {result.fieldErrors && Object.values(result.fieldErrors).flat().map((m) => ` ${m}`)}
        </p>
      ) : result?.ok && result.warnings.length ? (
        <Violations items={result.warnings} title={t("warnings")} />
      ) : null}
    </div>
  );
}
