"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { CircleCheck, CircleX } from "lucide-react";
import { bulkMigrateAction } from "@/lib/actions/vms/bulk-migrate";
import type { LocalizedText, Violation } from "@/lib/domain/result";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { Violations } from "@/components/ui/violations";
import { ActionResultView } from "@/components/actions/action-result";
import { useAction } from "@/components/actions/use-action";
import { TrackedProgress } from "@/components/activity/tracked-progress";
import type { MigrateOptions } from "./vm-migrate";

type Item = { vmId: string; name: string; ok: boolean; activityId?: string; violations: Violation[]; conflict?: LocalizedText };
const notice = "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100";

/**
 * The selected VMs to one pool and/or datastore (the rules pick each one's host). The server
 * decides each VM in turn; the result lists every VM — started, with its live progress, or refused,
 * with the rule or the sentence that refused it.
 */
export function BulkMigrateDialog({ tenantId, vms, options, onClose, onRun }: { tenantId: string; vms: { id: string; name: string }[]; options: MigrateOptions; onClose: () => void; onRun: () => void }) {
  const t = useTranslations("vmActions");
  const lang = langOf(useLocale());
  const router = useRouter();
  const [open, setOpen] = useState(true);
  const [poolId, setPoolId] = useState("");
  const [datastoreId, setDatastoreId] = useState("");
  const run = useAction(bulkMigrateAction.bind(null, tenantId));
  const done = run.result?.ok ? (run.result.data as Item[]) : null;
  const close = (o: boolean) => {
    setOpen(o);
    if (!o) onClose();
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent title={t("migrate.bulkTitle", { count: vms.length })} description={t("migrate.bulkBody")} className="w-[min(42rem,calc(100vw-2rem))]">
        {!done && (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="bulk-migrate-pool" label={t("migrate.pool")}>
              {(aria) => (
                <Select {...aria} value={poolId} onChange={(e) => setPoolId(e.target.value)}>
                  <option value="">{t("migrate.bulkPoolKeep")}</option>
                  {options.pools.map((p) => (
                    <option key={p.id} value={p.id}>{t("migrate.poolOption", { name: p.name, az: p.azId })}</option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id="bulk-migrate-datastore" label={t("migrate.datastore")}>
              {(aria) => (
                <Select {...aria} value={datastoreId} onChange={(e) => setDatastoreId(e.target.value)}>
                  <option value="">{t("migrate.bulkDatastoreKeep")}</option>
                  {options.datastores.map((d) => (
                    <option key={d.id} value={d.id}>{t("migrate.datastoreOption", { name: d.name, az: d.azId, tier: d.tierCode })}</option>
                  ))}
                </Select>
              )}
            </Field>
            {datastoreId && <p className={`${notice} sm:col-span-2`}>{t("migrate.bulkStorageWarning")}</p>}
          </div>
        )}
        <ActionResultView result={run.failure} />
        {done && (
          <ul aria-label={t("bulk.results")} className="max-h-[50vh] divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
            {done.map((i) => (
              <li key={i.vmId} className="flex flex-col gap-1.5 px-3 py-2 sm:flex-row sm:items-start sm:justify-between">
                <span className="flex items-center gap-1.5 font-medium">
                  {i.ok ? <CircleCheck aria-hidden className="size-4 text-emerald-600 dark:text-emerald-400" /> : <CircleX aria-hidden className="size-4 text-red-600 dark:text-red-400" />}
                  {i.name}
                </span>
                <span className="flex min-w-0 flex-col gap-1 sm:max-w-[65%] sm:items-end">
                  {i.ok && i.activityId ? <TrackedProgress id={i.activityId} compact /> : <span className="text-xs font-medium text-red-800 dark:text-red-300">{t("bulk.refused")}</span>}
                  {i.conflict && <span className="text-xs text-slate-700 dark:text-slate-300">{i.conflict[lang]}</span>}
                  {i.violations.length > 0 && <Violations items={toViolationViews(i.violations, lang)} className="w-full text-xs" />}
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button>{done ? t("close") : t("cancel")}</Button>
          </DialogClose>
          {!done && (
            <Button
              variant="primary"
              size="md"
              disabled={!poolId && !datastoreId}
              pending={run.pending}
              onClick={async () => {
                const r = await run.run({ vmIds: vms.map((v) => v.id), ...(poolId ? { poolId } : {}), ...(datastoreId ? { datastoreId } : {}) });
                if (!r.ok) return;
                onRun();
                router.refresh();
              }}
            >
              {run.pending ? t("working") : t("migrate.bulkRun", { count: vms.length })}
            </Button>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}
