"use client";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { X } from "lucide-react";
import { propagateVlanAction } from "@/lib/actions/network/propagate-vlan";
import { unpropagateVlanAction } from "@/lib/actions/network/unpropagate-vlan";
import { useAction } from "@/components/actions/use-action";
import { ActionResultView } from "@/components/actions/action-result";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Violations } from "@/components/ui/violations";
import { NETWORKS_PER_ORDER_MAX } from "@/lib/domain/catalogue";
import { checkNetworkCount } from "@/lib/domain/orders";
import { allViolations } from "@/lib/domain/result";
import { langOf, toViolationViews } from "@/lib/decision-view";

export type PropagationTarget = { id: string; name: string; organization: string; sameOrganization: boolean };

type VlanRef = { id: string; tag: number; name: string };

/**
 * Propagates a VLAN to another tenant the person can see, with others of the tenant's VLANs (those
 * on the page) if ticked: one propagation holds 20 at most (ORDER.NETWORK_COUNT), said with the
 * rule's sentence and Submit held above it. A tenant of another organization is offered too (the
 * person sees it): the server refuses it with VLAN.CROSS_ORGANIZATION.
 */
export function PropagateVlanDialog({ tenantId, vlan, targets, others = [] }: { tenantId: string; vlan: VlanRef; targets: PropagationTarget[]; others?: VlanRef[] }) {
  const t = useTranslations("networkForms");
  const lang = langOf(useLocale());
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState("");
  const [also, setAlso] = useState<string[]>([]);
  const vlanIds = [vlan.id, ...also];
  const tooMany = allViolations(checkNetworkCount(vlanIds.length, "propagation"));
  const propagate = useAction(propagateVlanAction.bind(null, tenantId), { refresh: true });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          propagate.reset();
          setTarget("");
          setAlso([]);
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
        {others.length > 0 && (
          <fieldset className="mt-3">
            <legend className="text-xs font-medium text-slate-700 dark:text-slate-300">{t("alsoPropagate")}</legend>
            <ul className="mt-1 max-h-48 space-y-1 overflow-y-auto text-sm">
              {others.map((o) => (
                <li key={o.id} className="flex items-center gap-2">
                  <input
                    id={`vlan-also-${vlan.id}-${o.id}`}
                    type="checkbox"
                    className="size-4"
                    checked={also.includes(o.id)}
                    onChange={(e) => setAlso((a) => (e.target.checked ? [...a, o.id] : a.filter((x) => x !== o.id)))}
                  />
                  <label htmlFor={`vlan-also-${vlan.id}-${o.id}`}>{t("vlanOption", { tag: o.tag, name: o.name })}</label>
                </li>
              ))}
            </ul>
            <p aria-live="polite" className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="propagation-count">
              {t("vlanCount", { count: vlanIds.length, max: NETWORKS_PER_ORDER_MAX })}
            </p>
          </fieldset>
        )}
        <Violations items={toViolationViews(tooMany, lang)} />
        <ActionResultView fieldErrorsHere result={propagate.result && !propagate.result.ok && propagate.result.fieldErrors ? null : propagate.result} className="mt-3" />
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button>{t("cancel")}</Button>
          </DialogClose>
          <Button variant="primary" disabled={!target || tooMany.length > 0} pending={propagate.pending} onClick={() => propagate.run({ vlanIds, targetTenantId: target }, () => setOpen(false))}>
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
