"use client";
import { useTranslations } from "next-intl";
import { Disc3, Eject, PackagePlus } from "lucide-react";
import { exportVmTemplateAction } from "@/lib/actions/catalog/export-vm-template";
import { mountIsoAction } from "@/lib/actions/catalog/mount-iso";
import { unmountIsoAction } from "@/lib/actions/catalog/unmount-iso";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ActionDialog } from "@/components/actions/action-dialog";
import type { VmActionsVm, VmCan } from "./vm-actions";

// A VM's CD/DVD drive (mount an ISO of the tenant's catalogue, unmount it after confirming) and its
// export as a template. Each is an activity on the VM; the dialog judges it before Submit.

const form = (f: FormData) => Object.fromEntries(f.entries());

function useWhy(vm: VmActionsVm, can: VmCan) {
  const t = useTranslations("vmActions");
  if (!can.write) return t("needs", { permission: "compute:write" });
  if (vm.busy) return t("busy", { name: vm.name });
  return undefined;
}

export function MountIsoButton({ tenantId, vm, isos, can }: { tenantId: string; vm: VmActionsVm; isos: readonly { id: string; name: string }[]; can: VmCan }) {
  const t = useTranslations("vmCatalog");
  const reason = useWhy(vm, can) ?? (isos.length === 0 ? t("noIso") : undefined);
  return (
    <ActionDialog
      id="mount-iso"
      action={mountIsoAction.bind(null, tenantId)}
      activity={{ type: "vm.iso_mount", name: vm.name }}
      trigger={
        <Button variant="secondary" disabled={Boolean(reason)} title={reason}>
          <Disc3 aria-hidden className="size-3.5" />
          {t("mount")}
        </Button>
      }
      title={t("mountTitle", { name: vm.name })}
      description={t("mountBody")}
      submitLabel={t("mountSubmit")}
      toInput={(f) => ({ ...form(f), vmId: vm.id })}
    >
      {({ errors }) => (
        <Field id="mount-iso-item" label={t("mountIso")} errors={errors("itemId")}>
          {(aria) => (
            <Select {...aria} name="itemId" defaultValue={isos[0]?.id ?? ""} required>
              {isos.map((i) => (
                <option key={i.id} value={i.id}>{i.name}</option>
              ))}
            </Select>
          )}
        </Field>
      )}
    </ActionDialog>
  );
}

export function UnmountIsoButton({ tenantId, vm, iso, can }: { tenantId: string; vm: VmActionsVm; iso: { name: string }; can: VmCan }) {
  const t = useTranslations("vmCatalog");
  const reason = useWhy(vm, can);
  return (
    <ActionDialog
      id="unmount-iso"
      action={unmountIsoAction.bind(null, tenantId)}
      activity={{ type: "vm.iso_unmount", name: vm.name }}
      trigger={
        <Button variant="ghost" disabled={Boolean(reason)} title={reason}>
          <Eject aria-hidden className="size-3.5" />
          {t("unmount")}
        </Button>
      }
      title={t("unmountTitle", { iso: iso.name, name: vm.name })}
      description={t("unmountBody")}
      submitLabel={t("unmount")}
      variant="danger"
      toInput={() => ({ vmId: vm.id })}
    />
  );
}

export function ExportTemplateButton({ tenantId, vm, can }: { tenantId: string; vm: VmActionsVm; can: VmCan }) {
  const t = useTranslations("vmCatalog");
  const reason = useWhy(vm, can);
  return (
    <ActionDialog
      id="export-template"
      action={exportVmTemplateAction.bind(null, tenantId)}
      activity={{ type: "vm.template_export", name: vm.name }}
      trigger={
        <Button variant="secondary" disabled={Boolean(reason)} title={reason}>
          <PackagePlus aria-hidden className="size-3.5" />
          {t("export")}
        </Button>
      }
      title={t("exportTitle", { name: vm.name })}
      description={t("exportBody", { name: vm.name })}
      submitLabel={t("export")}
      toInput={(f) => ({ ...form(f), vmId: vm.id })}
    >
      {({ errors }) => (
        <Field id="export-template-name" label={t("exportName")} errors={errors("name")}>
          {(aria) => <Input {...aria} name="name" defaultValue={`${vm.name}-template`} required autoComplete="off" spellCheck={false} />}
        </Field>
      )}
    </ActionDialog>
  );
}
