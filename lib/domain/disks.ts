// A VM's virtual disks: the controllers they hang on, and how a disk may change size.
//
// A controller is identified by its family (SCSI or NVMe) and its bus number within that family;
// it exists while a disk is on it. A SCSI controller has one sub-type (LSI Logic, LSI Logic SAS,
// VMware Paravirtual, BusLogic), shared by its disks. Limits: 4 controllers of each family per VM,
// 15 disks per controller; a disk grows, never shrinks. The datastore's own rules (free space,
// snapshot reserve, thin over-commit) are checkDiskAdd's, reached through checkVmFootprint.
import { DISK_CONTROLLER_LABELS, VM_MAX_CONTROLLERS_PER_FAMILY, VM_MAX_DISKS_PER_CONTROLLER, type ControllerFamily, type DiskControllerType } from "./catalogue";
import { guard } from "./guard";
import { applyOverride, decide, msg, violation, type Decision, type Override } from "./result";

export type DiskOnController = { controllerType: DiskControllerType; controllerBus: number };

export const familyOf = (t: DiskControllerType): ControllerFamily => (t === "NVME" ? "NVME" : "SCSI");

const FAMILY_LABEL: Record<ControllerFamily, string> = { SCSI: "SCSI", NVME: "NVMe" };

/** "SCSI 0 (LSI Logic SAS)", "NVMe 1": how the console names a controller. */
export function controllerName(c: DiskOnController): string {
  return c.controllerType === "NVME" ? `NVMe ${c.controllerBus}` : `SCSI ${c.controllerBus} (${DISK_CONTROLLER_LABELS[c.controllerType]})`;
}

export type VmController = DiskOnController & { family: ControllerFamily; diskCount: number };

/** The VM's controllers as its disks show them, SCSI first, by bus. */
export function controllersOf(disks: readonly DiskOnController[]): VmController[] {
  const byKey = new Map<string, VmController>();
  for (const d of disks) {
    const family = familyOf(d.controllerType);
    const key = `${family}:${d.controllerBus}`;
    const c = byKey.get(key);
    if (c) c.diskCount += 1;
    else byKey.set(key, { family, controllerType: d.controllerType, controllerBus: d.controllerBus, diskCount: 1 });
  }
  return [...byKey.values()].sort((a, b) => (a.family === b.family ? a.controllerBus - b.controllerBus : a.family === "SCSI" ? -1 : 1));
}

/** Where a new disk goes: onto the controller of that family at `controllerBus`, or onto a new controller of `controllerType`. */
export type DiskTarget = { controllerType: DiskControllerType; controllerBus?: number };

/**
 * A new disk on a controller. An existing controller takes at most 15 disks
 * (VM.MAX_DISKS_PER_CONTROLLER); a new one is refused past 4 of its family (VM.MAX_CONTROLLERS) and
 * otherwise gets the lowest free bus. The value says where the disk lands. A bus the VM has no
 * controller on, or a SCSI sub-type other than the controller's, is an impossible input (INPUT.INVALID).
 */
export function checkDiskController(vm: { id: string; name?: string; disks: readonly DiskOnController[] }, target: DiskTarget): Decision<DiskOnController> {
  const g = guard().optionalWhole("controllerBus", target.controllerBus);
  vm.disks.forEach((d, i) => g.whole(`disks[${i}].controllerBus`, d.controllerBus));
  if (!g.ok) return g.refused();
  const name = vm.name ?? vm.id;
  const family = familyOf(target.controllerType);
  const fam = FAMILY_LABEL[family];
  const controllers = controllersOf(vm.disks).filter((c) => c.family === family);
  if (target.controllerBus === undefined) {
    const count = controllers.length + 1;
    if (count > VM_MAX_CONTROLLERS_PER_FAMILY) {
      return decide(
        [
          violation(
            "VM.MAX_CONTROLLERS",
            msg(
              (n) => `A VM has at most ${n(VM_MAX_CONTROLLERS_PER_FAMILY)} ${fam} controllers; ${name} would have ${n(count)}. Put the disk on one of its ${fam} controllers instead.`,
              (n) => `Une VM a au plus ${n(VM_MAX_CONTROLLERS_PER_FAMILY)} contrôleurs ${fam} ; ${name} en aurait ${n(count)}. Placez plutôt le disque sur l’un de ses contrôleurs ${fam}.`,
            ),
            { limit: VM_MAX_CONTROLLERS_PER_FAMILY, actual: count, unit: "controllers", subject: vm.id },
          ),
        ],
        { controllerType: target.controllerType, controllerBus: -1 },
      );
    }
    const taken = new Set(controllers.map((c) => c.controllerBus));
    let bus = 0;
    while (taken.has(bus)) bus += 1;
    return decide([], { controllerType: target.controllerType, controllerBus: bus });
  }
  const on = controllers.find((c) => c.controllerBus === target.controllerBus);
  if (!on || (family === "SCSI" && on.controllerType !== target.controllerType)) {
    const wanted = controllerName({ controllerType: target.controllerType, controllerBus: target.controllerBus });
    const has = controllersOf(vm.disks).map(controllerName).join(", ") || "none";
    return decide(
      [
        violation(
          "INPUT.INVALID",
          msg(
            () => `${name} has no controller ${wanted}; its controllers are: ${has}. Pick one of them, or add the disk on a new controller.`,
            () => `${name} n’a pas de contrôleur ${wanted} ; ses contrôleurs sont : ${has === "none" ? "aucun" : has}. Choisissez l’un d’eux, ou ajoutez le disque sur un nouveau contrôleur.`,
          ),
          { subject: "controllerBus" },
        ),
      ],
      { controllerType: target.controllerType, controllerBus: target.controllerBus },
    );
  }
  const count = on.diskCount + 1;
  if (count > VM_MAX_DISKS_PER_CONTROLLER) {
    const c = controllerName(on);
    return decide(
      [
        violation(
          "VM.MAX_DISKS_PER_CONTROLLER",
          msg(
            (n) => `A controller holds at most ${n(VM_MAX_DISKS_PER_CONTROLLER)} disks; ${c} of ${name} would hold ${n(count)}. Put the disk on another controller, or add a new one.`,
            (n) => `Un contrôleur porte au plus ${n(VM_MAX_DISKS_PER_CONTROLLER)} disques ; ${c} de ${name} en porterait ${n(count)}. Placez le disque sur un autre contrôleur, ou ajoutez-en un.`,
          ),
          { limit: VM_MAX_DISKS_PER_CONTROLLER, actual: count, unit: "disks", subject: vm.id },
        ),
      ],
      { controllerType: on.controllerType, controllerBus: on.controllerBus },
    );
  }
  return decide([], { controllerType: on.controllerType, controllerBus: on.controllerBus });
}

/**
 * A disk's new size: it grows, never shrinks (DISK.SHRINK, hard: an override reason changes
 * nothing). The value is the growth in GiB, which the datastore's rules then check as new space.
 */
export function checkDiskGrow(disk: { id: string; label: string; sizeGib: number }, sizeGib: number, override?: Override): Decision<{ growGib: number }> {
  const g = guard().whole("disk.sizeGib", disk.sizeGib, 1).whole("sizeGib", sizeGib, 1);
  if (!g.ok) return g.refused();
  const violations =
    sizeGib < disk.sizeGib
      ? [
          violation(
            "DISK.SHRINK",
            msg(
              (n) => `A virtual disk can grow, never shrink: ${disk.label} is ${n(disk.sizeGib)} GiB and ${n(sizeGib)} GiB was asked. Give ${n(disk.sizeGib)} GiB or more, or add a new, smaller disk and move the data.`,
              (n) => `Un disque virtuel s’agrandit mais ne rétrécit jamais : ${disk.label} fait ${n(disk.sizeGib)} Gio et ${n(sizeGib)} Gio ont été demandés. Indiquez ${n(disk.sizeGib)} Gio ou plus, ou ajoutez un disque plus petit et déplacez-y les données.`,
            ),
            { limit: disk.sizeGib, actual: sizeGib, unit: "GiB", subject: disk.id },
          ),
        ]
      : [];
  return decide(applyOverride(violations, override), { growGib: Math.max(0, sizeGib - disk.sizeGib) });
}

/** The system disk is the VM's first (the one it was created with): it goes only with the VM. */
export function systemDiskOf<D extends { id: string; createdAt: Date }>(disks: readonly D[]): D | undefined {
  return [...disks].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}
