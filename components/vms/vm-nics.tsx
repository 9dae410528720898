"use client";
import { useTranslations } from "next-intl";
import { Network, Pencil, Trash2 } from "lucide-react";
import { addNicAction } from "@/lib/actions/vms/add-nic";
import { editNicAction } from "@/lib/actions/vms/edit-nic";
import { removeNicAction } from "@/lib/actions/vms/remove-nic";
import { NIC_TYPES, NIC_TYPE_LABELS, type NicType } from "@/lib/domain/catalogue";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ActionDialog } from "@/components/actions/action-dialog";
import type { VmActionsVm, VmCan } from "./vm-actions";

// A VM's network adapters: add one on a VLAN (MAC generated or set by hand), change its type, VLAN
// or connection, remove it after confirming. Running or not; the server decides again.

type T = ReturnType<typeof useTranslations<"vmActions">>;
export type NicVlan = { id: string; tag: number; name: string; own: boolean };
export type NicRow = { id: string; label: string; type: NicType; mac: string; connected: boolean; vlan: { id: string; tag: number; name: string } };

const form = (f: FormData) => Object.fromEntries(f.entries());

function why(t: T, vm: VmActionsVm, can: VmCan) {
  if (!can.write) return t("needs", { permission: "compute:write" });
  if (vm.busy) return t("busy", { name: vm.name });
  return undefined;
}

function TypeField({ t, id, value, errors }: { t: T; id: string; value?: NicType; errors?: string[] }) {
  return (
    <Field id={id} label={t("nic.type")} hint={t("nic.typeHint")} errors={errors}>
      {(aria) => (
        <Select {...aria} name="type" defaultValue={value ?? "VMXNET3"}>
          {NIC_TYPES.map((x) => (
            <option key={x} value={x}>{NIC_TYPE_LABELS[x]}</option>
          ))}
        </Select>
      )}
    </Field>
  );
}

function VlanField({ t, id, vlans, value, errors }: { t: T; id: string; vlans: readonly NicVlan[]; value?: string; errors?: string[] }) {
  return (
    <Field id={id} label={t("nic.vlan")} errors={errors}>
      {(aria) => (
        <Select {...aria} name="vlanId" defaultValue={value ?? vlans[0]?.id ?? ""} required>
          {vlans.map((v) => (
            <option key={v.id} value={v.id}>{t(v.own ? "nic.vlanOption" : "nic.vlanReceived", { name: v.name, tag: v.tag })}</option>
          ))}
        </Select>
      )}
    </Field>
  );
}

function ConnectedField({ t, id, value, errors }: { t: T; id: string; value: boolean; errors?: string[] }) {
  return (
    <Field id={id} label={t("nic.connected")} errors={errors}>
      {(aria) => (
        <Select {...aria} name="connected" defaultValue={String(value)}>
          <option value="true">{t("nic.connectedYes")}</option>
          <option value="false">{t("nic.connectedNo")}</option>
        </Select>
      )}
    </Field>
  );
}

export function AddNicButton({ tenantId, vm, vlans, can }: { tenantId: string; vm: VmActionsVm; vlans: readonly NicVlan[]; can: VmCan }) {
  const t = useTranslations("vmActions");
  const reason = why(t, vm, can) ?? (vlans.length === 0 ? t("nic.noVlan") : undefined);
  return (
    <ActionDialog
      id="add-nic"
      action={addNicAction.bind(null, tenantId)}
      activity={{ type: "vm.nic_add", name: vm.name }}
      trigger={
        <Button variant="secondary" disabled={Boolean(reason)} title={reason}>
          <Network aria-hidden className="size-3.5" />
          {t("nic.open")}
        </Button>
      }
      title={t("nic.title", { name: vm.name })}
      description={t("nic.body", { name: vm.name })}
      submitLabel={t("nic.submit")}
      toInput={(f) => ({ ...form(f), vmId: vm.id })}
    >
      {({ errors }) => (
        <>
          <TypeField t={t} id="add-nic-type" errors={errors("type")} />
          <VlanField t={t} id="add-nic-vlan" vlans={vlans} errors={errors("vlanId")} />
          <Field id="add-nic-mac" label={t("nic.mac")} hint={t("nic.macHint")} errors={errors("mac")}>
            {(aria) => <Input {...aria} name="mac" placeholder="00:50:56:…" autoComplete="off" spellCheck={false} className="font-mono" />}
          </Field>
          <ConnectedField t={t} id="add-nic-connected" value errors={errors("connected")} />
        </>
      )}
    </ActionDialog>
  );
}

export function EditNicButton({ tenantId, vm, nic, vlans, can }: { tenantId: string; vm: VmActionsVm; nic: NicRow; vlans: readonly NicVlan[]; can: VmCan }) {
  const t = useTranslations("vmActions");
  const reason = why(t, vm, can);
  // The VLAN it is on stays offered even when it no longer reaches the tenant.
  const options = vlans.some((v) => v.id === nic.vlan.id) ? vlans : [{ ...nic.vlan, own: false }, ...vlans];
  return (
    <ActionDialog
      id={`edit-nic-${nic.id}`}
      action={editNicAction.bind(null, tenantId)}
      activity={{ type: "vm.nic_edit", name: vm.name }}
      trigger={
        <Button variant="ghost" disabled={Boolean(reason)} title={reason} aria-label={t("nic.editNamed", { nic: nic.label })}>
          <Pencil aria-hidden className="size-3.5" />
          {t("nic.edit")}
        </Button>
      }
      title={t("nic.editTitle", { nic: nic.label, name: vm.name })}
      description={t("nic.editBody", { nic: nic.label, mac: nic.mac, name: vm.name })}
      submitLabel={t("nic.editSubmit")}
      toInput={(f) => ({ ...form(f), vmId: vm.id, nicId: nic.id })}
    >
      {({ errors }) => (
        <>
          <TypeField t={t} id={`edit-nic-${nic.id}-type`} value={nic.type} errors={errors("type")} />
          <VlanField t={t} id={`edit-nic-${nic.id}-vlan`} vlans={options} value={nic.vlan.id} errors={errors("vlanId")} />
          <ConnectedField t={t} id={`edit-nic-${nic.id}-connected`} value={nic.connected} errors={errors("connected")} />
        </>
      )}
    </ActionDialog>
  );
}

export function RemoveNicButton({ tenantId, vm, nic, can }: { tenantId: string; vm: VmActionsVm; nic: NicRow; can: VmCan }) {
  const t = useTranslations("vmActions");
  const reason = why(t, vm, can);
  return (
    <ActionDialog
      id={`remove-nic-${nic.id}`}
      action={removeNicAction.bind(null, tenantId)}
      activity={{ type: "vm.nic_remove", name: vm.name }}
      trigger={
        <Button variant="ghost" disabled={Boolean(reason)} title={reason} aria-label={t("nic.removeNamed", { nic: nic.label })} className="text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950/50">
          <Trash2 aria-hidden className="size-3.5" />
          {t("nic.remove")}
        </Button>
      }
      title={t("nic.removeTitle", { nic: nic.label, name: vm.name })}
      description={t("nic.removeBody", { name: vm.name, vlan: `${nic.vlan.name} (VLAN ${nic.vlan.tag})`, mac: nic.mac })}
      submitLabel={t("nic.remove")}
      variant="danger"
      toInput={() => ({ vmId: vm.id, nicId: nic.id })}
    />
  );
}
