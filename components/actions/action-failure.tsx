"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/result";
import { Violations } from "@/components/ui/violations";

/**
 * Why an action did not happen, as the server said it: a rule's refusal lists each violation
 * (code, sentence, limit, actual); anything else (a conflict, a missing permission, bad input)
 * is one sentence. Field errors are shown under their fields by the form itself.
 */
export function ActionFailure({ result, id }: { result: ActionResult<unknown> | null; id?: string }) {
  const t = useTranslations("violations");
  if (!result || result.ok) return null;
  if (result.code === "REFUSED" && result.violations?.length) return <Violations id={id} items={result.violations} title={t("refused")} />;
  return (
    <p id={id} role="alert" data-testid="form-error" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
      {result.formError}
    </p>
  );
}

/** The warnings an accepted change carried (an override among them). */
export function ActionWarnings({ result }: { result: ActionResult<unknown> | null }) {
  const t = useTranslations("violations");
  if (!result?.ok || result.warnings.length === 0) return null;
  return <Violations items={result.warnings} title={t("warnings")} />;
}
