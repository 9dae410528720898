"use client";
import { useTranslations } from "next-intl";
import { acknowledgeAlertAction } from "@/lib/actions/alerts/acknowledge-alert";
import { Button } from "@/components/ui/button";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";

/** Acknowledges one open alert (not destructive, nothing to confirm); the page shows who and when. */
export function AcknowledgeButton({ tenantId, alertId, resource }: { tenantId: string; alertId: string; resource: string }) {
  const t = useTranslations("alerts");
  const { run, pending, result } = useAction(acknowledgeAlertAction.bind(null, tenantId), { refresh: true });
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button aria-label={t("acknowledgeLabel", { resource })} pending={pending} onClick={() => void run({ alertId })}>
        {t("acknowledge")}
      </Button>
      {result && !result.ok && <ActionResultView result={result} />}
    </span>
  );
}
