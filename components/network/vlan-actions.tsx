"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { X } from "lucide-react";
import { propagateVlanAction } from "@/lib/actions/network/propagate-vlan";
import { unpropagateVlanAction } from "@/lib/actions/network/unpropagate-vlan";
import { useAction } from "@/components/actions/use-action";
import { ActionResultView } from "@/components/actions/action-result";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";

export type PropagationTarget = { id: string; name: string; organization: string; sameOrganization: boolean };

/**
 * Propagates a VLAN to another tenant the person can see. A tenant of another organization is
 * offered too (the person sees it): the server refuses it with VLAN.CROSS_ORGANIZATION.
 */
export function PropagateVlanDialog({ tenantId, vlan, targets }: { tenantId: string; vlan: { id: string; tag: number; name: string }; targets: PropagationTarget[] }) {
  const t = useTranslations("networkForms");
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState("");
  const propagate = useAction(propagateVlanAction.bind(null, tenantId), { refresh: true });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          propagate.reset();
          setTarget("");
        }
      }}
    >
      <DialogTrigger asChild>
        <Button aria-label={t("propagateLabel", { tag: vlan.tag })}>{t("propagate")}</Button>
      </DialogTrigger>
      <DialogContent title={t("propagateTitle", { tag: vlan.tag, name: vlan.name })} description={t("propagateDescription")}>
        {targets.length === 0 ? (
          <p className="text-sm">{t("noTargets")}</p>
        ) : (
          <Field id={`vlan-target-${vlan.id}`} label={t("target")} errors={propagate.result && !propagate.result.ok ? propagate.result.fieldErrors?.targetTenantId : undefined}>
            {(aria) => (
              <Select {...aria} value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">{t("chooseTarget")}</option>
                {targets.map((x) => (
                  <option key={x.id} value={x.id}>{x.sameOrganization ? x.name : t("otherOrganization", { tenant: x.name, organization: x.organization })}</option>
                ))}
              </Select>
            )}
          </Field>
        )}
        <ActionResultView fieldErrorsHere result={propagate.result && !propagate.result.ok && propagate.result.fieldErrors ? null : propagate.result} className="mt-3" />
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button>{t("cancel")}</Button>
          </DialogClose>
          <Button variant="primary" disabled={!target} pending={propagate.pending} onClick={() => propagate.run({ vlanIds: [vlan.id], targetTenantId: target }, () => setOpen(false))}>
            {t("submit")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

export function WithdrawVlanButton({ tenantId, vlan, target, busy }: { tenantId: string; vlan: { id: string; tag: number }; target: { id: string; name: string }; busy: boolean }) {
  const t = useTranslations("networkForms");
  const [open, setOpen] = useState(false);
  const withdraw = useAction(unpropagateVlanAction.bind(null, tenantId), { refresh: true });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) withdraw.reset();
      }}
    >
      <DialogTrigger asChild>
        <button type="button" disabled={busy} aria-label={t("withdraw", { tag: vlan.tag, tenant: target.name })} className="rounded-full p-0.5 hover:bg-slate-500/15 disabled:opacity-40">
          <X aria-hidden className="size-3" />
        </button>
      </DialogTrigger>
      <DialogContent title={t("withdrawTitle", { tag: vlan.tag, tenant: target.name })} description={t("withdrawBody", { tenant: target.name })}>
        <ActionResultView fieldErrorsHere result={withdraw.result} className="mb-3" />
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button>{t("cancel")}</Button>
          </DialogClose>
          <Button variant="danger" pending={withdraw.pending} onClick={() => withdraw.run({ vlanId: vlan.id, targetTenantId: target.id }, () => setOpen(false))}>
            {t("withdrawConfirm")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
