"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Camera, Cpu, HardDrive, Pause, Play, RotateCcw, Square, Tag, Trash2 } from "lucide-react";
import { powerVmAction } from "@/lib/actions/vms/power-vm";
import { resizeVmAction } from "@/lib/actions/vms/resize-vm";
import { addDiskAction } from "@/lib/actions/vms/add-disk";
import { setTagsAction } from "@/lib/actions/vms/set-tags";
import { createSnapshotAction } from "@/lib/actions/vms/create-snapshot";
import { deleteSnapshotAction } from "@/lib/actions/vms/delete-snapshot";
import { deleteVmAction } from "@/lib/actions/vms/delete-vm";
import type { VmPowerAction } from "@/lib/validation/vms";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ActionDialog } from "@/components/actions/action-dialog";

export type VmActionsVm = {
  id: string;
  name: string;
  powerState: "POWERED_ON" | "POWERED_OFF" | "SUSPENDED";
  cpu: number;
  memoryGb: number;
  tags: string[];
  /** An activity is changing it: every other change waits. */
  busy: boolean;
  pool: string;
  datastore: string;
  maxCpu: number;
  /** Standby AZs of its VM replications: deleting the VM removes them, and the dialog says so. */
  replicatedTo?: string[];
};
export type VmCan = { power: boolean; write: boolean; manage: boolean };

const form = (f: FormData) => Object.fromEntries(f.entries());
const POWER_ICON = { on: Play, off: Square, restart: RotateCcw, suspend: Pause } as const;
const POWER_TYPE = { on: "vm.power_on", off: "vm.power_off", restart: "vm.restart", suspend: "vm.suspend" } as const;

/** The power actions this VM's state allows (a stopped VM starts; a running one stops, restarts or suspends). */
function powerActions(state: VmActionsVm["powerState"]): VmPowerAction[] {
  return state === "POWERED_ON" ? ["off", "restart", "suspend"] : ["on"];
}

/** Why a control is disabled, said where the control is (title) and to assistive technology (description). */
function useDisabledReason(vm: VmActionsVm, allowed: boolean, permission: string) {
  const t = useTranslations("vmActions");
  if (!allowed) return t("needs", { permission });
  if (vm.busy) return t("busy", { name: vm.name });
  return undefined;
}

export function PowerControls({ tenantId, vm, can }: { tenantId: string; vm: VmActionsVm; can: VmCan }) {
  const t = useTranslations("vmActions");
  const why = useDisabledReason(vm, can.power, "vm:power");
  return (
    <div role="group" aria-label={t("power.group")} className="flex flex-wrap gap-1.5">
      {powerActions(vm.powerState).map((a) => {
        const Icon = POWER_ICON[a];
        return (
          <ActionDialog
            key={a}
            id={`power-${a}`}
            tenantId={tenantId}
            action={powerVmAction}
            activity={{ type: POWER_TYPE[a], name: vm.name }}
            trigger={
              <Button disabled={Boolean(why)} title={why}>
                <Icon aria-hidden className="size-3.5" />
                {t(`power.${a}`)}
              </Button>
            }
            title={t(`power.confirm.${a}`, { name: vm.name })}
            description={t(`power.explain.${a}`, { pool: vm.pool, datastore: vm.datastore })}
            submitLabel={t(`power.${a}`)}
            variant={a === "on" ? "primary" : "danger"}
            toInput={(f) => ({ ...form(f), vmId: vm.id, action: a })}
          />
        );
      })}
    </div>
  );
}

export function VmConfigActions({ tenantId, tenantSlug, vm, can }: { tenantId: string; tenantSlug: string; vm: VmActionsVm; can: VmCan }) {
  const t = useTranslations("vmActions");
  const router = useRouter();
  const why = useDisabledReason(vm, can.write, "compute:write");
  const [typed, setTyped] = useState("");
  return (
    <div role="group" aria-label={t("configure")} className="flex flex-wrap gap-1.5">
      <ActionDialog
        id="resize"
        tenantId={tenantId}
        action={resizeVmAction}
        activity={{ type: "vm.resize", name: vm.name }}
        trigger={
          <Button disabled={Boolean(why)} title={why}>
            <Cpu aria-hidden className="size-3.5" />
            {t("resize.open")}
          </Button>
        }
        title={t("resize.title", { name: vm.name })}
        description={vm.powerState === "POWERED_ON" ? t("resize.running") : t("resize.stopped")}
        submitLabel={t("resize.submit")}
        toInput={(f) => ({ ...form(f), vmId: vm.id })}
      >
        {({ errors }) => (
          <div className="grid grid-cols-2 gap-3">
            <Field id="resize-cpu" label={t("fields.cpu")} hint={t("fields.cpuMax", { max: vm.maxCpu })} errors={errors("cpu")}>
              {(aria) => <Input {...aria} name="cpu" type="number" inputMode="numeric" min={1} max={vm.maxCpu} defaultValue={vm.cpu} required />}
            </Field>
            <Field id="resize-memory" label={t("fields.memoryGb")} errors={errors("memoryGb")}>
              {(aria) => <Input {...aria} name="memoryGb" type="number" inputMode="numeric" min={1} max={1536} defaultValue={vm.memoryGb} required />}
            </Field>
          </div>
        )}
      </ActionDialog>

      <ActionDialog
        id="add-disk"
        tenantId={tenantId}
        action={addDiskAction}
        activity={{ type: "vm.disk_add", name: vm.name }}
        trigger={
          <Button disabled={Boolean(why)} title={why}>
            <HardDrive aria-hidden className="size-3.5" />
            {t("disk.open")}
          </Button>
        }
        title={t("disk.title", { name: vm.name })}
        description={t("disk.body", { datastore: vm.datastore })}
        submitLabel={t("disk.submit")}
        toInput={(f) => ({ ...form(f), vmId: vm.id })}
      >
        {({ errors }) => (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="disk-size" label={t("fields.sizeGib")} errors={errors("sizeGib")}>
              {(aria) => <Input {...aria} name="sizeGib" type="number" inputMode="numeric" min={1} max={65536} defaultValue={50} required />}
            </Field>
            <ProvisioningChoice name="provisioning" idPrefix="disk" errors={errors("provisioning")} />
          </div>
        )}
      </ActionDialog>

      <ActionDialog
        id="tags"
        tenantId={tenantId}
        action={setTagsAction}
        activity={{ type: "vm.tags_set", name: vm.name }}
        trigger={
          <Button disabled={Boolean(why)} title={why}>
            <Tag aria-hidden className="size-3.5" />
            {t("tags.open")}
          </Button>
        }
        title={t("tags.title", { name: vm.name })}
        submitLabel={t("tags.submit")}
        toInput={(f) => ({ vmId: vm.id, tags: String(f.get("tags") ?? "") })}
      >
        {({ errors }) => (
          <Field id="tags-input" label={t("tags.label")} hint={t("tags.hint")} errors={errors("tags")}>
            {(aria) => <Input {...aria} name="tags" defaultValue={vm.tags.join(" ")} autoComplete="off" spellCheck={false} className="w-full font-mono" />}
          </Field>
        )}
      </ActionDialog>

      <ActionDialog
        id="snapshot"
        tenantId={tenantId}
        action={createSnapshotAction}
        activity={{ type: "vm.snapshot_create", name: vm.name }}
        trigger={
          <Button disabled={Boolean(why)} title={why}>
            <Camera aria-hidden className="size-3.5" />
            {t("snapshot.open")}
          </Button>
        }
        title={t("snapshot.title", { name: vm.name })}
        description={t("snapshot.body")}
        submitLabel={t("snapshot.submit")}
        toInput={(f) => ({ ...form(f), vmId: vm.id })}
      >
        {({ errors }) => (
          <Field id="snapshot-name" label={t("snapshot.name")} errors={errors("name")}>
            {(aria) => <Input {...aria} name="name" defaultValue={`snap-${new Date().toISOString().slice(0, 10)}`} maxLength={80} required className="w-full" />}
          </Field>
        )}
      </ActionDialog>

      <ActionDialog
        id="delete-vm"
        tenantId={tenantId}
        action={deleteVmAction}
        activity={{ type: "vm.delete", name: vm.name }}
        trigger={
          <Button variant="ghost" disabled={Boolean(why)} title={why} className="text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950/50">
            <Trash2 aria-hidden className="size-3.5" />
            {t("delete.open")}
          </Button>
        }
        title={t("delete.title", { name: vm.name })}
        description={t("delete.body")}
        submitLabel={t("delete.submit")}
        variant="danger"
        canSubmit={typed.trim() === vm.name}
        toInput={(f) => ({ ...form(f), vmId: vm.id })}
        onStarted={() => router.push(`/t/${tenantSlug}/compute/vms`)}
      >
        {({ errors }) => (
          <>
            {vm.powerState !== "POWERED_OFF" && (
              <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">{t("delete.running", { name: vm.name })}</p>
            )}
            {vm.replicatedTo && vm.replicatedTo.length > 0 && (
              <p data-testid="delete-replicated" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
                {t("delete.replicated", { name: vm.name, zones: vm.replicatedTo.join(", ") })}
              </p>
            )}
            <Field id="delete-confirm" label={t("delete.type", { name: vm.name })} errors={errors("confirmName")}>
              {(aria) => <Input {...aria} name="confirmName" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} className="w-full font-mono" />}
            </Field>
          </>
        )}
      </ActionDialog>
    </div>
  );
}

export function DeleteSnapshotButton({ tenantId, vm, snapshot, can }: { tenantId: string; vm: VmActionsVm; snapshot: { id: string; name: string }; can: VmCan }) {
  const t = useTranslations("vmActions");
  const why = useDisabledReason(vm, can.write, "compute:write");
  return (
    <ActionDialog
      id={`delete-snapshot-${snapshot.id}`}
      tenantId={tenantId}
      action={deleteSnapshotAction}
      activity={{ type: "vm.snapshot_delete", name: vm.name }}
      trigger={
        <Button variant="ghost" disabled={Boolean(why)} title={why} aria-label={t("snapshot.deleteNamed", { name: snapshot.name })}>
          <Trash2 aria-hidden className="size-3.5" />
          {t("snapshot.delete")}
        </Button>
      }
      title={t("snapshot.deleteTitle", { name: snapshot.name })}
      description={t("snapshot.deleteBody", { vm: vm.name })}
      submitLabel={t("snapshot.delete")}
      variant="danger"
      toInput={() => ({ vmId: vm.id, snapshotId: snapshot.id })}
    />
  );
}

/** Thin (space taken as written, may over-commit the datastore) or thick (reserved now). */
export function ProvisioningChoice({ name, idPrefix, value, onChange, errors }: { name: string; idPrefix: string; value?: "THIN" | "THICK"; onChange?: (v: "THIN" | "THICK") => void; errors?: readonly string[] }) {
  const t = useTranslations("vmActions");
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={errors?.length ? `${idPrefix}-prov-error` : undefined}>
      <legend className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">{t("fields.provisioning")}</legend>
      {(["THICK", "THIN"] as const).map((p) => (
        <label key={p} className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={name}
            value={p}
            className="mt-0.5 accent-brand-600"
            {...(value === undefined ? { defaultChecked: p === "THICK" } : { checked: value === p, onChange: () => onChange?.(p) })}
          />
          <span>
            <span className="font-medium">{t(`fields.${p}`)}</span>
            <span className="block text-xs text-slate-600 dark:text-slate-400">{t(`fields.${p}_hint`)}</span>
          </span>
        </label>
      ))}
      <p id={`${idPrefix}-prov-error`} aria-live="polite" className="text-xs font-medium text-red-700 empty:hidden dark:text-red-300">{errors?.join(" ")}</p>
    </fieldset>
  );
}
