"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Camera, Cpu, HardDrive, History, Maximize2, Pause, Play, RotateCcw, Square, Tag, Trash2, type LucideIcon } from "lucide-react";
import { powerVmAction } from "@/lib/actions/vms/power-vm";
import { resizeVmAction } from "@/lib/actions/vms/resize-vm";
import { addDiskAction } from "@/lib/actions/vms/add-disk";
import { growDiskAction } from "@/lib/actions/vms/grow-disk";
import { deleteDiskAction } from "@/lib/actions/vms/delete-disk";
import { setTagsAction } from "@/lib/actions/vms/set-tags";
import { createSnapshotAction } from "@/lib/actions/vms/create-snapshot";
import { deleteSnapshotAction } from "@/lib/actions/vms/delete-snapshot";
import { revertSnapshotAction } from "@/lib/actions/vms/revert-snapshot";
import { deleteVmAction } from "@/lib/actions/vms/delete-vm";
import type { VmPowerAction } from "@/lib/validation/vms";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ActionDialog, type ActionDialogFields } from "@/components/actions/action-dialog";
import type { ActionResult } from "@/lib/actions/result";
import type { ActivityType } from "@/lib/activity-types";
import { DISK_CONTROLLER_LABELS, DISK_CONTROLLER_TYPES, DISK_MODES, VM_MAX_CONTROLLERS_PER_FAMILY, VM_MAX_DISKS_PER_CONTROLLER } from "@/lib/domain/catalogue";
import { controllerName, familyOf, type VmController } from "@/lib/domain/disks";

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
  /** Its disk controllers (from its disks), for the new disk's controller choice. */
  controllers?: VmController[];
};
export type VmCan = { power: boolean; write: boolean; manage: boolean };

const form = (f: FormData) => Object.fromEntries(f.entries());
type T = ReturnType<typeof useTranslations<"vmActions">>;
type Ctx = { t: T; vm: VmActionsVm };
const notice = "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100";

/**
 * One VM change made from a dialog: which action it calls, the activity it starts, the
 * permission its button needs, and what its dialog says and asks. Every VM dialog is one
 * <ActionDialog> read from this table.
 */
type VmActionSpec = {
  action: (tenantId: string, prev: unknown, input: unknown) => Promise<ActionResult<{ activityId: string }>>;
  activity: ActivityType;
  permission: "power" | "write";
  icon: LucideIcon;
  label: (c: Ctx) => string;
  title: (c: Ctx) => string;
  description?: (c: Ctx) => string;
  submit: (c: Ctx) => string;
  danger?: boolean;
  ghost?: boolean;
  /** The VM's name typed back before Submit. */
  confirmName?: boolean;
  toInput: (f: FormData, vm: VmActionsVm) => unknown;
  fields?: (c: Ctx & ActionDialogFields) => React.ReactNode;
};

const power = (a: VmPowerAction, activity: ActivityType, icon: LucideIcon): VmActionSpec => ({
  action: powerVmAction,
  activity,
  permission: "power",
  icon,
  danger: a !== "on",
  label: ({ t }) => t(`power.${a}`),
  title: ({ t, vm }) => t(`power.confirm.${a}`, { name: vm.name }),
  description: ({ t, vm }) => t(`power.explain.${a}`, { pool: vm.pool, datastore: vm.datastore }),
  submit: ({ t }) => t(`power.${a}`),
  toInput: (f, vm) => ({ ...form(f), vmId: vm.id, action: a }),
});

export const VM_ACTIONS = {
  "power-on": power("on", "vm.power_on", Play),
  "power-off": power("off", "vm.power_off", Square),
  "power-restart": power("restart", "vm.restart", RotateCcw),
  "power-suspend": power("suspend", "vm.suspend", Pause),
  resize: {
    action: resizeVmAction,
    activity: "vm.resize",
    permission: "write",
    icon: Cpu,
    label: ({ t }) => t("resize.open"),
    title: ({ t, vm }) => t("resize.title", { name: vm.name }),
    description: ({ t, vm }) => (vm.powerState === "POWERED_ON" ? t("resize.running") : t("resize.stopped")),
    submit: ({ t }) => t("resize.submit"),
    toInput: (f, vm) => ({ ...form(f), vmId: vm.id }),
    fields: ({ t, vm, errors }) => (
      <div className="grid grid-cols-2 gap-3">
        <Field id="resize-cpu" label={t("fields.cpu")} hint={t("fields.cpuMax", { max: vm.maxCpu })} errors={errors("cpu")}>
          {(aria) => <Input {...aria} name="cpu" type="number" inputMode="numeric" min={1} max={vm.maxCpu} defaultValue={vm.cpu} required />}
        </Field>
        <Field id="resize-memory" label={t("fields.memoryGb")} errors={errors("memoryGb")}>
          {(aria) => <Input {...aria} name="memoryGb" type="number" inputMode="numeric" min={1} max={1536} defaultValue={vm.memoryGb} required />}
        </Field>
      </div>
    ),
  },
  "add-disk": {
    action: addDiskAction,
    activity: "vm.disk_add",
    permission: "write",
    icon: HardDrive,
    label: ({ t }) => t("disk.open"),
    title: ({ t, vm }) => t("disk.title", { name: vm.name }),
    description: ({ t, vm }) => t("disk.body", { datastore: vm.datastore }),
    submit: ({ t }) => t("disk.submit"),
    toInput: (f, vm) => {
      // The controller select sends "TYPE:bus" (one the VM has) or "TYPE:new".
      const { controller, ...rest } = form(f);
      const [controllerType, bus] = String(controller ?? "").split(":");
      return { ...rest, vmId: vm.id, controllerType, ...(bus && bus !== "new" ? { controllerBus: bus } : {}) };
    },
    fields: ({ t, vm, errors }) => (
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="disk-size" label={t("fields.sizeGib")} errors={errors("sizeGib")}>
          {(aria) => <Input {...aria} name="sizeGib" type="number" inputMode="numeric" min={1} max={65536} defaultValue={50} required />}
        </Field>
        <ControllerChoice t={t} controllers={vm.controllers ?? []} errors={[...(errors("controllerType") ?? []), ...(errors("controllerBus") ?? [])]} />
        <ProvisioningChoice name="provisioning" idPrefix="disk" errors={errors("provisioning")} />
        <ModeChoice t={t} errors={errors("mode")} />
      </div>
    ),
  },
  tags: {
    action: setTagsAction,
    activity: "vm.tags_set",
    permission: "write",
    icon: Tag,
    label: ({ t }) => t("tags.open"),
    title: ({ t, vm }) => t("tags.title", { name: vm.name }),
    submit: ({ t }) => t("tags.submit"),
    toInput: (f, vm) => ({ vmId: vm.id, tags: String(f.get("tags") ?? "") }),
    fields: ({ t, vm, errors }) => (
      <Field id="tags-input" label={t("tags.label")} hint={t("tags.hint")} errors={errors("tags")}>
        {(aria) => <Input {...aria} name="tags" defaultValue={vm.tags.join(" ")} autoComplete="off" spellCheck={false} className="w-full font-mono" />}
      </Field>
    ),
  },
  snapshot: {
    action: createSnapshotAction,
    activity: "vm.snapshot_create",
    permission: "write",
    icon: Camera,
    label: ({ t }) => t("snapshot.open"),
    title: ({ t, vm }) => t("snapshot.title", { name: vm.name }),
    description: ({ t }) => t("snapshot.body"),
    submit: ({ t }) => t("snapshot.submit"),
    toInput: (f, vm) => ({ ...form(f), vmId: vm.id }),
    fields: ({ t, errors }) => (
      <Field id="snapshot-name" label={t("snapshot.name")} errors={errors("name")}>
        {(aria) => <Input {...aria} name="name" defaultValue={`snap-${new Date().toISOString().slice(0, 10)}`} maxLength={80} required className="w-full" />}
      </Field>
    ),
  },
  "delete-vm": {
    action: deleteVmAction,
    activity: "vm.delete",
    permission: "write",
    icon: Trash2,
    danger: true,
    ghost: true,
    confirmName: true,
    label: ({ t }) => t("delete.open"),
    title: ({ t, vm }) => t("delete.title", { name: vm.name }),
    description: ({ t }) => t("delete.body"),
    submit: ({ t }) => t("delete.submit"),
    toInput: (f, vm) => ({ ...form(f), vmId: vm.id }),
    fields: ({ t, vm }) => (
      <>
        {vm.powerState !== "POWERED_OFF" && <p className={notice}>{t("delete.running", { name: vm.name })}</p>}
        {vm.replicatedTo && vm.replicatedTo.length > 0 && (
          <p data-testid="delete-replicated" className={notice}>
            {t("delete.replicated", { name: vm.name, zones: vm.replicatedTo.join(", ") })}
          </p>
        )}
      </>
    ),
  },
} satisfies Record<string, VmActionSpec>;
export type VmActionKey = keyof typeof VM_ACTIONS;

/** The power actions this VM's state allows (a stopped VM starts; a running one stops, restarts or suspends). */
function powerActions(state: VmActionsVm["powerState"]): VmActionKey[] {
  return state === "POWERED_ON" ? ["power-off", "power-restart", "power-suspend"] : ["power-on"];
}

/** Why a control is disabled, said where the control is (title) and to assistive technology (description). */
function disabledReason(t: T, vm: VmActionsVm, can: VmCan, permission: VmActionSpec["permission"]) {
  if (!can[permission]) return t("needs", { permission: permission === "power" ? "vm:power" : "compute:write" });
  if (vm.busy) return t("busy", { name: vm.name });
  return undefined;
}

/** One row of the table as a button and its dialog. */
function VmActionDialog({ name, tenantId, vm, can, onStarted }: { name: VmActionKey; tenantId: string; vm: VmActionsVm; can: VmCan; onStarted?: () => void }) {
  const t = useTranslations("vmActions");
  const spec: VmActionSpec = VM_ACTIONS[name];
  const c = { t, vm };
  const why = disabledReason(t, vm, can, spec.permission);
  const Icon = spec.icon;
  return (
    <ActionDialog
      id={name}
      action={spec.action.bind(null, tenantId)}
      activity={{ type: spec.activity, name: vm.name }}
      trigger={
        <Button variant={spec.ghost ? "ghost" : undefined} disabled={Boolean(why)} title={why} className={spec.ghost && spec.danger ? "text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950/50" : undefined}>
          <Icon aria-hidden className="size-3.5" />
          {spec.label(c)}
        </Button>
      }
      title={spec.title(c)}
      description={spec.description?.(c)}
      submitLabel={spec.submit(c)}
      variant={spec.danger ? "danger" : "primary"}
      confirmName={spec.confirmName ? { value: vm.name, label: t("delete.type", { name: vm.name }) } : undefined}
      toInput={(f) => spec.toInput(f, vm)}
      onStarted={onStarted}
    >
      {spec.fields ? (f) => spec.fields!({ ...c, ...f }) : undefined}
    </ActionDialog>
  );
}

export function PowerControls({ tenantId, vm, can }: { tenantId: string; vm: VmActionsVm; can: VmCan }) {
  const t = useTranslations("vmActions");
  return (
    <div role="group" aria-label={t("power.group")} className="flex flex-wrap gap-1.5">
      {powerActions(vm.powerState).map((a) => (
        <VmActionDialog key={a} name={a} tenantId={tenantId} vm={vm} can={can} />
      ))}
    </div>
  );
}

export function VmConfigActions({ tenantId, tenantSlug, vm, can }: { tenantId: string; tenantSlug: string; vm: VmActionsVm; can: VmCan }) {
  const t = useTranslations("vmActions");
  const router = useRouter();
  return (
    <div role="group" aria-label={t("configure")} className="flex flex-wrap gap-1.5">
      {(["resize", "add-disk", "tags", "snapshot"] as const).map((a) => (
        <VmActionDialog key={a} name={a} tenantId={tenantId} vm={vm} can={can} />
      ))}
      <VmActionDialog name="delete-vm" tenantId={tenantId} vm={vm} can={can} onStarted={() => router.push(`/t/${tenantSlug}/compute/vms`)} />
    </div>
  );
}

export function DeleteSnapshotButton({ tenantId, vm, snapshot, can }: { tenantId: string; vm: VmActionsVm; snapshot: { id: string; name: string }; can: VmCan }) {
  const t = useTranslations("vmActions");
  const why = disabledReason(t, vm, can, "write");
  return (
    <ActionDialog
      id={`delete-snapshot-${snapshot.id}`}
      action={deleteSnapshotAction.bind(null, tenantId)}
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

/** Revert the VM's disks to a snapshot, after a confirmation that says what is lost. */
export function RevertSnapshotButton({ tenantId, vm, snapshot, takenAt, can }: { tenantId: string; vm: VmActionsVm; snapshot: { id: string; name: string }; takenAt: string; can: VmCan }) {
  const t = useTranslations("vmActions");
  const why = disabledReason(t, vm, can, "write");
  return (
    <ActionDialog
      id={`revert-snapshot-${snapshot.id}`}
      action={revertSnapshotAction.bind(null, tenantId)}
      activity={{ type: "vm.snapshot_revert", name: vm.name }}
      trigger={
        <Button variant="ghost" disabled={Boolean(why)} title={why} aria-label={t("snapshot.revertNamed", { name: snapshot.name })}>
          <History aria-hidden className="size-3.5" />
          {t("snapshot.revert")}
        </Button>
      }
      title={t("snapshot.revertTitle", { vm: vm.name, name: snapshot.name })}
      description={t("snapshot.revertBody", { vm: vm.name, date: takenAt })}
      submitLabel={t("snapshot.revert")}
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

/**
 * The new disk's controller: one the VM has (with its disk count; a full one is disabled), or a new
 * one of each type while the VM has fewer than 4 of that family. The server decides again.
 */
function ControllerChoice({ t, controllers, errors }: { t: T; controllers: readonly VmController[]; errors: readonly string[] }) {
  const count = (family: "SCSI" | "NVME") => controllers.filter((c) => c.family === family).length;
  const first = controllers.find((c) => c.diskCount < VM_MAX_DISKS_PER_CONTROLLER);
  return (
    <Field id="disk-controller" label={t("disk.controller")} hint={t("disk.controllerHint", { maxControllers: VM_MAX_CONTROLLERS_PER_FAMILY, maxDisks: VM_MAX_DISKS_PER_CONTROLLER })} errors={errors.length ? errors : undefined}>
      {(aria) => (
        <Select {...aria} name="controller" defaultValue={first ? `${first.controllerType}:${first.controllerBus}` : "LSI_LOGIC_SAS:new"}>
          {controllers.length > 0 && (
            <optgroup label={t("disk.existing")}>
              {controllers.map((c) => (
                <option key={`${c.family}:${c.controllerBus}`} value={`${c.controllerType}:${c.controllerBus}`} disabled={c.diskCount >= VM_MAX_DISKS_PER_CONTROLLER}>
                  {t("disk.onController", { controller: controllerName(c), count: c.diskCount })}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label={t("disk.newGroup")}>
            {DISK_CONTROLLER_TYPES.map((type) => (
              <option key={type} value={`${type}:new`} disabled={count(familyOf(type)) >= VM_MAX_CONTROLLERS_PER_FAMILY}>
                {t("disk.newController", { type: DISK_CONTROLLER_LABELS[type] })}
              </option>
            ))}
          </optgroup>
        </Select>
      )}
    </Field>
  );
}

/** Persistent (in snapshots and backups) or independent (in neither: the hint says it is not backed up). */
function ModeChoice({ t, errors }: { t: T; errors?: readonly string[] }) {
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={errors?.length ? "disk-mode-error" : undefined}>
      <legend className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">{t("disk.mode")}</legend>
      {DISK_MODES.map((m) => (
        <label key={m} className="flex items-start gap-2 text-sm">
          <input type="radio" name="mode" value={m} defaultChecked={m === "PERSISTENT"} className="mt-0.5 accent-brand-600" />
          <span>
            <span className="font-medium">{t(`disk.${m}`)}</span>
            <span className={`block text-xs ${m === "INDEPENDENT" ? "text-amber-800 dark:text-amber-200" : "text-slate-600 dark:text-slate-400"}`}>{t(`disk.${m}_hint`)}</span>
          </span>
        </label>
      ))}
      <p id="disk-mode-error" aria-live="polite" className="text-xs font-medium text-red-700 empty:hidden dark:text-red-300">{errors?.join(" ")}</p>
    </fieldset>
  );
}

export type DiskRow = { id: string; label: string; sizeGib: number; system: boolean };

/** Grow one disk: its new size, never smaller (the server refuses a shrink with DISK.SHRINK). */
export function GrowDiskButton({ tenantId, vm, disk, can }: { tenantId: string; vm: VmActionsVm; disk: DiskRow; can: VmCan }) {
  const t = useTranslations("vmActions");
  const why = disabledReason(t, vm, can, "write");
  return (
    <ActionDialog
      id={`grow-disk-${disk.id}`}
      action={growDiskAction.bind(null, tenantId)}
      activity={{ type: "vm.disk_grow", name: vm.name }}
      trigger={
        <Button variant="ghost" disabled={Boolean(why)} title={why} aria-label={t("disk.growNamed", { disk: disk.label })}>
          <Maximize2 aria-hidden className="size-3.5" />
          {t("disk.grow")}
        </Button>
      }
      title={t("disk.growTitle", { disk: disk.label, name: vm.name })}
      description={t("disk.growBody", { disk: disk.label, size: disk.sizeGib })}
      submitLabel={t("disk.grow")}
      toInput={(f) => ({ ...form(f), vmId: vm.id, diskId: disk.id })}
    >
      {({ errors }) => (
        <Field id={`grow-disk-${disk.id}-size`} label={t("disk.newSize")} errors={errors("sizeGib")}>
          {(aria) => <Input {...aria} name="sizeGib" type="number" inputMode="numeric" min={1} max={65536} defaultValue={disk.sizeGib} required />}
        </Field>
      )}
    </ActionDialog>
  );
}

/** Delete one disk after a confirmation; the system disk's button is disabled and says why. */
export function DeleteDiskButton({ tenantId, vm, disk, can }: { tenantId: string; vm: VmActionsVm; disk: DiskRow; can: VmCan }) {
  const t = useTranslations("vmActions");
  const why = disk.system ? t("disk.systemDisk", { disk: disk.label, name: vm.name }) : disabledReason(t, vm, can, "write");
  return (
    <ActionDialog
      id={`delete-disk-${disk.id}`}
      action={deleteDiskAction.bind(null, tenantId)}
      activity={{ type: "vm.disk_delete", name: vm.name }}
      trigger={
        <Button variant="ghost" disabled={Boolean(why)} title={why} aria-label={t("disk.deleteNamed", { disk: disk.label })} className="text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950/50">
          <Trash2 aria-hidden className="size-3.5" />
          {t("disk.delete")}
        </Button>
      }
      title={t("disk.deleteTitle", { disk: disk.label, name: vm.name })}
      description={t("disk.deleteBody", { size: disk.sizeGib })}
      submitLabel={t("disk.delete")}
      variant="danger"
      toInput={() => ({ vmId: vm.id, diskId: disk.id })}
    />
  );
}
