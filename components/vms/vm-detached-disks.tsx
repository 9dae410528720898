"use client";
import { useTranslations } from "next-intl";
import { HardDriveDownload, Unplug } from "lucide-react";
import { attachDiskAction } from "@/lib/actions/catalog/attach-disk";
import { detachDiskAction } from "@/lib/actions/catalog/detach-disk";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { ActionDialog } from "@/components/actions/action-dialog";
import type { VmActionsVm, VmCan } from "./vm-actions";

// Detach a VM's disk (confirmed; it stays on its datastore) and attach a detached disk of the VM's
// datastore. Activities on the VM; the dialog judges them before Submit.

function useWhy(vm: VmActionsVm, can: VmCan) {
  const t = useTranslations("vmActions");
  if (!can.write) return t("needs", { permission: "compute:write" });
  if (vm.busy) return t("busy", { name: vm.name });
  return undefined;
}

export function DetachDiskButton({ tenantId, vm, disk, can }: { tenantId: string; vm: VmActionsVm; disk: { id: string; label: string; system: boolean }; can: VmCan }) {
  const t = useTranslations("vmCatalog");
  const reason = useWhy(vm, can) ?? (disk.system ? t("detachSystem") : undefined);
  return (
    <ActionDialog
      id={`detach-${disk.id}`}
      action={detachDiskAction.bind(null, tenantId)}
      activity={{ type: "vm.disk_detach", name: vm.name }}
      trigger={
        <Button variant="ghost" disabled={Boolean(reason)} title={reason} aria-label={t("detachNamed", { disk: disk.label })}>
          <Unplug aria-hidden className="size-3.5" />
          {t("detach")}
        </Button>
      }
      title={t("detachTitle", { disk: disk.label, name: vm.name })}
      description={t("detachBody", { datastore: vm.datastore })}
      submitLabel={t("detach")}
      variant="danger"
      toInput={() => ({ vmId: vm.id, diskId: disk.id })}
    />
  );
}

export function AttachDiskButton({ tenantId, vm, disks, can }: { tenantId: string; vm: VmActionsVm; disks: readonly { id: string; label: string; sizeGib: number; detachedFrom: string | null }[]; can: VmCan }) {
  const t = useTranslations("vmCatalog");
  const reason = useWhy(vm, can) ?? (disks.length === 0 ? t("noDetached", { datastore: vm.datastore }) : undefined);
  return (
    <ActionDialog
      id="attach-disk"
      action={attachDiskAction.bind(null, tenantId)}
      activity={{ type: "vm.disk_attach", name: vm.name }}
      trigger={
        <Button variant="secondary" disabled={Boolean(reason)} title={reason}>
          <HardDriveDownload aria-hidden className="size-3.5" />
          {t("attach")}
        </Button>
      }
      title={t("attachTitle", { name: vm.name })}
      description={t("attachBody", { datastore: vm.datastore })}
      submitLabel={t("attach")}
      toInput={(f) => ({ diskId: f.get("diskId"), vmId: vm.id })}
    >
      {({ errors }) => (
        <Field id="attach-disk-id" label={t("attachDisk")} errors={errors("diskId")}>
          {(aria) => (
            <Select {...aria} name="diskId" defaultValue={disks[0]?.id ?? ""} required>
              {disks.map((d) => (
                <option key={d.id} value={d.id}>{t("detachedOption", { label: d.label, size: d.sizeGib, from: d.detachedFrom ?? "—" })}</option>
              ))}
            </Select>
          )}
        </Field>
      )}
    </ActionDialog>
  );
}
