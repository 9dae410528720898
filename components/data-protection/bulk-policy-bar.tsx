"use client";
import { useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { bulkAssignBackupPolicyAction } from "@/lib/actions/data-protection/bulk-assign-backup-policy";
import { bulkRemoveBackupPolicyAction } from "@/lib/actions/data-protection/bulk-remove-backup-policy";
import { useAction } from "@/components/actions/use-action";
import { ActionResultView } from "@/components/actions/action-result";
import { Violations } from "@/components/ui/violations";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { toViolationViews } from "@/lib/decision-view";

export const BULK_FORM_ID = "bulk-backup-policy";

/**
 * One policy for the VMs ticked in the list: their checkboxes belong to this form (form="…"),
 * so the selection is read from the form itself. Each VM gets its own decision and activity.
 */
export function BulkPolicyBar({ tenantId, policies }: { tenantId: string; policies: { id: string; name: string }[] }) {
  const t = useTranslations("dataProtectionForms");
  const lang = useLocale() === "fr" ? "fr" : "en";
  const form = useRef<HTMLFormElement>(null);
  const assign = useAction(bulkAssignBackupPolicyAction.bind(null, tenantId), { refresh: true });
  const remove = useAction(bulkRemoveBackupPolicyAction.bind(null, tenantId), { refresh: true });
  const [last, setLast] = useState<"assign" | "remove" | null>(null);
  const current = last === "assign" ? assign : last === "remove" ? remove : null;
  const run = (which: "assign" | "remove") => {
    const data = new FormData(form.current!);
    setLast(which);
    const input = { vmIds: data.getAll("vmIds").map(String), policyId: String(data.get("policyId") ?? "") };
    (which === "assign" ? assign : remove).run(input);
  };
  const items = current?.result?.ok ? current.result.data : null;
  return (
    <form ref={form} id={BULK_FORM_ID} aria-label={t("selection")} onSubmit={(e) => e.preventDefault()} className="mb-3 flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-end gap-2">
        <Field id="bulk-policy" label={t("bulkPolicy")}>
          {(aria) => (
            <Select {...aria} name="policyId" defaultValue="">
              <option value="">{t("choosePolicy")}</option>
              {policies.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </Select>
          )}
        </Field>
        <Button size="md" pending={assign.pending} onClick={() => run("assign")}>{t("bulkAssign")}</Button>
        <Button size="md" pending={remove.pending} onClick={() => run("remove")}>{t("bulkRemove")}</Button>
      </div>
      {current && <ActionResultView fieldErrorsHere result={current.result} />}
      {items && (
        <div aria-live="polite" className="space-y-1 text-sm">
          <p>{t("bulkResult", { ok: items.filter((i) => i.ok).length, refused: items.filter((i) => !i.ok).length })}</p>
          {items
            .filter((i) => !i.ok)
            .map((i) =>
              i.conflict ? (
                <p key={i.vmId} className="text-amber-900 dark:text-amber-200">{i.conflict[lang]}</p>
              ) : (
                <Violations key={i.vmId} title={i.name} items={toViolationViews(i.violations, lang)} />
              ),
            )}
        </div>
      )}
    </form>
  );
}

/** Ticks or clears every VM of the page in the bulk form. */
export function SelectAll() {
  const t = useTranslations("dataProtectionForms");
  return (
    <input
      type="checkbox"
      aria-label={t("selectAll")}
      onChange={(e) => {
        for (const box of document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${BULK_FORM_ID}"][name="vmIds"]`)) box.checked = e.target.checked;
      }}
    />
  );
}
