"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { X } from "lucide-react";
import { assignBackupPolicyAction } from "@/lib/actions/data-protection/assign-backup-policy";
import { removeBackupPolicyAction } from "@/lib/actions/data-protection/remove-backup-policy";
import { powerVmAction } from "@/lib/actions/vms/power-vm";
import { useAction } from "@/components/actions/use-action";
import { ActionResultView } from "@/components/actions/action-result";
import { ActionDialog } from "@/components/actions/action-dialog";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";

type Policy = { id: string; name: string };

/**
 * Assign a policy to one VM, and start it once it may: the power-on is confirmed in a dialog, as on
 * the VM's page, which shows the service's refusal (BACKUP.POLICY_REQUIRED) where it was asked.
 */
export function VmBackupActions({ tenantId, vm, policies, canAssign, canPower }: { tenantId: string; vm: { id: string; name: string; pool: string; powerState: string; assigned: Policy[]; busy: boolean }; policies: Policy[]; canAssign: boolean; canPower: boolean }) {
  const t = useTranslations("dataProtectionForms");
  const v = useTranslations("vmActions");
  const assign = useAction(assignBackupPolicyAction.bind(null, tenantId), { refresh: true });
  const free = policies.filter((p) => !vm.assigned.some((a) => a.id === p.id));
  const [policyId, setPolicyId] = useState("");
  const outcomeId = `vm-${vm.id}-outcome`;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center gap-1.5">
        {canAssign && free.length > 0 && (
          <>
            <Select aria-label={t("policyFor", { vm: vm.name })} value={policyId} onChange={(e) => setPolicyId(e.target.value)} className="py-1 text-xs" aria-describedby={outcomeId}>
              <option value="">{t("choosePolicy")}</option>
              {free.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </Select>
            <Button
              disabled={!policyId || vm.busy}
              pending={assign.pending}
              onClick={() => assign.run({ vmId: vm.id, policyId }, () => setPolicyId(""))}
            >
              {t("assign")}
            </Button>
          </>
        )}
        {canPower && vm.powerState !== "POWERED_ON" && (
          <ActionDialog
            id={`power-on-${vm.id}`}
            action={powerVmAction.bind(null, tenantId)}
            activity={{ type: "vm.power_on", name: vm.name }}
            trigger={
              <Button aria-label={t("powerOnLabel", { vm: vm.name })} disabled={vm.busy}>
                {t("powerOn")}
              </Button>
            }
            title={v("power.confirm.on", { name: vm.name })}
            description={t("powerOnExplain", { pool: vm.pool })}
            submitLabel={v("power.on")}
            toInput={(f) => ({ ...Object.fromEntries(f.entries()), vmId: vm.id, action: "on" })}
          />
        )}
      </div>
      <ActionResultView fieldErrorsHere id={outcomeId} result={assign.result} className="max-w-md whitespace-normal" />
    </div>
  );
}

/** A policy of a VM, with its removal behind a confirmation (BACKUP.LAST_POLICY refuses it on a running VM). */
export function PolicyChip({ tenantId, vm, policy, canRemove, busy }: { tenantId: string; vm: { id: string; name: string }; policy: Policy; canRemove: boolean; busy: boolean }) {
  const t = useTranslations("dataProtectionForms");
  const remove = useAction(removeBackupPolicyAction.bind(null, tenantId), { refresh: true });
  const [open, setOpen] = useState(false);
  return (
    <span className="inline-flex items-center gap-0.5 rounded-full bg-brand-50 py-0.5 pr-0.5 pl-2 text-xs font-medium text-brand-700 ring-1 ring-brand-600/25 ring-inset dark:bg-brand-700/25 dark:text-brand-100">
      {policy.name}
      {canRemove && (
        <Dialog
          open={open}
          onOpenChange={(o) => {
            setOpen(o);
            if (!o) remove.reset();
          }}
        >
          <DialogTrigger asChild>
            <button type="button" disabled={busy} aria-label={t("remove", { policy: policy.name, vm: vm.name })} className="rounded-full p-0.5 hover:bg-brand-600/15 disabled:opacity-40">
              <X aria-hidden className="size-3" />
            </button>
          </DialogTrigger>
          <DialogContent title={t("removeTitle", { policy: policy.name, vm: vm.name })} description={t("removeBody")}>
            <ActionResultView fieldErrorsHere result={remove.result} className="mb-3" />
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button>{t("cancel")}</Button>
              </DialogClose>
              <Button variant="danger" pending={remove.pending} onClick={() => remove.run({ vmId: vm.id, policyId: policy.id }, () => setOpen(false))}>
                {t("removeConfirm")}
              </Button>
            </div>
          </DialogContent>
        </Dialog>
      )}
    </span>
  );
}
