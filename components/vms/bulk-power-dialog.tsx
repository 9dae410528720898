"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { CircleCheck, CircleX } from "lucide-react";
import { previewBulkPowerAction } from "@/lib/actions/vms/preview-bulk-power";
import { bulkPowerAction } from "@/lib/actions/vms/bulk-power";
import type { VmPowerAction } from "@/lib/validation/vms";
import type { LocalizedText, Violation } from "@/lib/domain/result";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Violations } from "@/components/ui/violations";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";
import { usePreview } from "@/components/actions/use-preview";
import { TrackedProgress } from "@/components/activity/tracked-progress";

type Item = { vmId: string; name: string; ok: boolean; activityId?: string; violations: Violation[]; conflict?: LocalizedText };

/**
 * A bulk power action in two steps: what each VM would do (the same decisions the run takes,
 * each VM seeing the ones before it), then the run, whose result lists every VM — started, with
 * its live progress, or refused, with the rule or the sentence that refused it.
 */
export function BulkPowerDialog({ tenantId, action, vms, onClose, onRun }: { tenantId: string; action: VmPowerAction; vms: { id: string; name: string }[]; onClose: () => void; onRun: () => void }) {
  const t = useTranslations("vmActions");
  const lang = langOf(useLocale());
  const router = useRouter();
  const [open, setOpen] = useState(true);
  const input = { vmIds: vms.map((v) => v.id), action };
  const preview = usePreview(previewBulkPowerAction.bind(null, tenantId), input, { keepPrevious: false });
  const run = useAction(bulkPowerAction.bind(null, tenantId));
  const done = run.result?.ok ? (run.result.data as Item[]) : null;
  const planned = preview.data as Item[] | null;
  const items = done ?? planned;
  const willRun = planned?.filter((i) => i.ok).length ?? 0;

  const close = (o: boolean) => {
    setOpen(o);
    if (!o) onClose();
  };
  const verb = t(`power.${action}`);

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent title={t("bulk.title", { action: verb, count: vms.length })} description={done ? t("bulk.doneBody") : t("bulk.previewBody")} className="w-[min(42rem,calc(100vw-2rem))]">
        {preview.waiting && <p role="status" className="text-sm text-slate-600 dark:text-slate-300">{t("bulk.checking")}</p>}
        {preview.result && !preview.result.ok && <ActionResultView result={preview.result} />}
        <ActionResultView result={run.failure} />
        {items && (
          <>
            {!done && (
              <p className="mb-2 text-sm font-medium" data-testid="bulk-summary">
                {t("bulk.summary", { ok: willRun, refused: items.length - willRun })}
              </p>
            )}
            <ul aria-label={done ? t("bulk.results") : t("bulk.plan")} className="max-h-[50vh] divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
              {items.map((i) => (
                <li key={i.vmId} className="flex flex-col gap-1.5 px-3 py-2 sm:flex-row sm:items-start sm:justify-between">
                  <span className="flex items-center gap-1.5 font-medium">
                    {i.ok ? <CircleCheck aria-hidden className="size-4 text-emerald-600 dark:text-emerald-400" /> : <CircleX aria-hidden className="size-4 text-red-600 dark:text-red-400" />}
                    {i.name}
                  </span>
                  <span className="flex min-w-0 flex-col gap-1 sm:max-w-[65%] sm:items-end">
                    {i.ok ? (
                      done && i.activityId ? <TrackedProgress id={i.activityId} compact /> : <span className="text-xs text-emerald-800 dark:text-emerald-300">{t(`bulk.will.${action}`)}</span>
                    ) : (
                      <span className="text-xs font-medium text-red-800 dark:text-red-300">{t("bulk.refused")}</span>
                    )}
                    {i.conflict && <span className="text-xs text-slate-700 dark:text-slate-300">{i.conflict[lang]}</span>}
                    {i.violations.length > 0 && <Violations items={toViolationViews(i.violations, lang)} className="w-full text-xs" />}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button>{done ? t("close") : t("cancel")}</Button>
          </DialogClose>
          {!done && (
            <Button
              variant={action === "on" ? "primary" : "danger"}
              size="md"
              disabled={!planned || willRun === 0}
              pending={run.pending}
              onClick={async () => {
                const r = await run.run(input);
                if (!r.ok) return;
                onRun();
                router.refresh();
              }}
            >
              {run.pending ? t("working") : t("bulk.run", { action: verb, count: willRun })}
            </Button>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}
