import "server-only";
import { db } from "@/lib/db/client";
import { checkDiskController, controllerName, systemDiskOf } from "@/lib/domain/disks";
import { decide, msg, type Decision } from "@/lib/domain/result";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { AttachDiskInput, DetachDiskInput } from "@/lib/validation/catalog";
import type { Accepted } from "./change";
import { assertPermission, type TenantContext } from "./context";
import { changeVm } from "./vms";

// A disk detached from its VM stays on its datastore (its space still counts there) as a disk of the
// tenant with no VM; it may be attached to a VM on the same datastore (a disk never moves datastore
// by attaching: that is a migration). Both are activities on the VM concerned.

const DISK = { id: true, label: true, sizeGib: true, usedGib: true, provisioning: true, mode: true, controllerType: true, controllerBus: true, createdAt: true, datastoreId: true } as const;

export type DetachedDiskView = { id: string; label: string; sizeGib: number; provisioning: "THIN" | "THICK"; detachedFrom: string | null; datastore: { id: string; name: string } };

/** The tenant's detached disks, on one datastore or all. */
export async function listDetachedDisks(ctx: TenantContext, datastoreId?: string): Promise<DetachedDiskView[]> {
  assertPermission(ctx, "compute:read");
  const rows = await db().vmDisk.findMany({
    where: { tenantId: ctx.tenant.id, vmId: null, ...(datastoreId ? { datastoreId } : {}) },
    select: { id: true, label: true, sizeGib: true, provisioning: true, detachedFrom: true, datastore: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows;
}

export async function detachDisk(ctx: TenantContext, input: DetachDiskInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.disk_detach", activity: "vm.disk_detach" }, async (tx, vm) => {
    const disks = await tx.vmDisk.findMany({ where: { tenantId: ctx.tenant.id, vmId: vm.id }, select: DISK });
    const disk = disks.find((d) => d.id === input.diskId);
    if (!disk) throw new NotFoundError("disk", input.diskId);
    if (systemDiskOf(disks)?.id === disk.id) {
      throw new ConflictError(
        msg(
          () => `${disk.label} is the system disk of ${vm.name} (the one it boots from): it cannot be detached. Detach another disk.`,
          () => `${disk.label} est le disque système de ${vm.name} (celui sur lequel elle démarre) : il ne peut pas être détaché. Détachez un autre disque.`,
        ),
      );
    }
    return decide([], { before: { disk: disk.label, sizeGib: disk.sizeGib, controller: controllerName(disk) }, payload: { diskId: disk.id } });
  });
}

export async function attachDisk(ctx: TenantContext, input: AttachDiskInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.disk_attach", activity: "vm.disk_attach" }, async (tx, vm) => {
    // Two VMs attaching one disk at the same instant queue on the disk's row; the second finds it taken.
    await tx.$queryRaw`SELECT id FROM "VmDisk" WHERE id = ${input.diskId} AND "tenantId" = ${ctx.tenant.id} FOR UPDATE`;
    const disk = await tx.vmDisk.findFirst({ where: { id: input.diskId, tenantId: ctx.tenant.id }, select: { ...DISK, vmId: true, datastore: { select: { name: true } } } });
    if (!disk) throw new NotFoundError("disk", input.diskId);
    if (disk.vmId !== null) {
      throw new InvalidInputError({ diskId: msg(() => `${disk.label} is attached to a VM already; detach it first.`, () => `${disk.label} est déjà attaché à une VM ; détachez-le d’abord.`) });
    }
    if (disk.datastoreId !== vm.datastoreId) {
      throw new InvalidInputError({
        diskId: msg(
          () => `${disk.label} is on the datastore ${disk.datastore.name}, ${vm.name} on another: a detached disk attaches to a VM of its own datastore. Migrate the VM there first.`,
          () => `${disk.label} est sur le datastore ${disk.datastore.name}, ${vm.name} sur un autre : un disque détaché s’attache à une VM de son datastore. Migrez d’abord la VM.`,
        ),
      });
    }
    const onVm = await tx.vmDisk.findMany({ where: { tenantId: ctx.tenant.id, vmId: vm.id }, select: { controllerType: true, controllerBus: true } });
    const place = checkDiskController({ id: vm.id, name: vm.name, disks: onVm }, { controllerType: disk.controllerType });
    if (!place.ok) return place;
    const labels = await tx.vmDisk.findMany({ where: { tenantId: ctx.tenant.id, vmId: vm.id }, select: { label: true } });
    const n = Math.max(0, ...labels.map((l) => Number(/^Hard disk (\d+)$/.exec(l.label)?.[1] ?? 0))) + 1;
    const label = `Hard disk ${n}`;
    // Attached now: it is never taken for the VM's system disk (the first one created), whatever its age.
    await tx.vmDisk.update({ where: { id: disk.id }, data: { vmId: vm.id, label, controllerBus: place.value.controllerBus, detachedFrom: null, createdAt: new Date() } });
    return decide(place.warnings, {
      after: { disk: label, sizeGib: disk.sizeGib, controller: controllerName({ controllerType: disk.controllerType, controllerBus: place.value.controllerBus }), datastore: disk.datastore.name },
      payload: { diskId: disk.id },
    });
  });
}
