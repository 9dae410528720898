import "server-only";
import type { Tx } from "@/lib/db/client";
import type { ActivityType } from "@/lib/activity-types";
import { payloadOf, required, type ActivityHandler, type ActivityRecord } from "./handler";

// How a VM's activities end (lib/services/vms.ts reserves them).

type NicState = { type: "E1000" | "VMXNET3"; vlanId: string; ipAddress: string | null; connected: boolean };
type VmPayload = { vmId?: string; mountId?: string; itemId?: string; before?: Record<string, unknown>; diskId?: string; diskBefore?: { sizeGib: number; usedGib: number }; nicId?: string; nicBefore?: NicState; disksBefore?: { id: string; datastoreId: string }[]; snapshotId?: string; assignmentId?: string; replicationIds?: string[] };

type VmStep = (tx: Tx, vm: { id: string; tenantId: string }, p: VmPayload) => Promise<unknown>;

/** Every VM handler works on the activity's own VM, in its tenant, and ends by freeing it for the next change. */
export function vmHandler(h: { complete?: VmStep; revert?: VmStep }): ActivityHandler {
  const run = async (tx: Tx, a: ActivityRecord, step?: VmStep) => {
    const vm = { id: required(a.resourceId, "VM"), tenantId: a.tenantId };
    await step?.(tx, vm, payloadOf<VmPayload>(a));
    await tx.vm.updateMany({ where: vm, data: { busyActivityId: null } });
  };
  return { complete: (tx, a) => run(tx, a, h.complete), revert: (tx, a) => run(tx, a, h.revert) };
}

function sizeBefore(p: VmPayload): { sizeGib: number; usedGib: number } {
  if (!p.diskBefore) throw new Error("activity payload lacks the disk's size before the change");
  return { sizeGib: p.diskBefore.sizeGib, usedGib: p.diskBefore.usedGib };
}

function nicBefore(p: VmPayload): NicState {
  if (!p.nicBefore) throw new Error("activity payload lacks the network adapter's state before the change");
  return { type: p.nicBefore.type, vlanId: p.nicBefore.vlanId, ipAddress: p.nicBefore.ipAddress ?? null, connected: p.nicBefore.connected };
}

const restore: VmStep = (tx, vm, p) => (p.before ? tx.vm.updateMany({ where: vm, data: p.before }) : Promise.resolve());

export const VM_ACTIVITY_HANDLERS = {
  // The disk stays the VM's until the infrastructure has detached it; then it has no VM, on its datastore.
  "vm.disk_detach": vmHandler({
    complete: async (tx, vm, p) => {
      const name = await tx.vm.findFirst({ where: vm, select: { name: true } });
      await tx.vmDisk.updateMany({ where: { id: required(p.diskId, "disk"), vmId: vm.id, tenantId: vm.tenantId }, data: { vmId: null, detachedFrom: name?.name ?? null } });
    },
  }),
  // The disk is the VM's from the decision (no second VM takes it meanwhile); a failure detaches it again.
  "vm.disk_attach": vmHandler({
    revert: (tx, vm, p) => tx.vmDisk.updateMany({ where: { id: required(p.diskId, "disk"), vmId: vm.id, tenantId: vm.tenantId }, data: { vmId: null } }),
  }),
  // The drive is reserved when decided (no second mount meanwhile); a failure empties it again.
  "vm.iso_mount": vmHandler({ revert: (tx, vm, p) => tx.vmIsoMount.deleteMany({ where: { id: required(p.mountId, "mount"), vmId: vm.id, tenantId: vm.tenantId } }) }),
  // The ISO stays in the drive until the infrastructure has ejected it.
  "vm.iso_unmount": vmHandler({ complete: (tx, vm) => tx.vmIsoMount.deleteMany({ where: { vmId: vm.id, tenantId: vm.tenantId } }) }),
  // The template is in the catalogue (its name taken) from the decision; a failed clone removes it.
  "vm.template_export": {
    ...vmHandler({ revert: (tx, vm, p) => tx.catalogItem.deleteMany({ where: { id: required(p.itemId, "catalogue item"), tenantId: vm.tenantId } }) }),
  },
  "vm.create": vmHandler({
    complete: (tx, vm) => tx.vm.updateMany({ where: vm, data: { status: "ACTIVE" } }),
    revert: (tx, vm) => tx.vm.deleteMany({ where: vm }),
  }),
  "vm.power_on": vmHandler({ revert: restore }),
  "vm.power_off": vmHandler({ revert: restore }),
  "vm.restart": vmHandler({}),
  "vm.suspend": vmHandler({ revert: restore }),
  "vm.resize": vmHandler({ revert: restore }),
  "vm.disk_add": vmHandler({ revert: (tx, vm, p) => tx.vmDisk.deleteMany({ where: { id: required(p.diskId, "disk"), vmId: vm.id, tenantId: vm.tenantId } }) }),
  // The new size is written when decided (its space is reserved); a failed extension puts the old one back.
  "vm.disk_grow": vmHandler({ revert: (tx, vm, p) => tx.vmDisk.updateMany({ where: { id: required(p.diskId, "disk"), vmId: vm.id, tenantId: vm.tenantId }, data: sizeBefore(p) }) }),
  // The disk and its space stay until the infrastructure has deleted it; a failure leaves it as it was.
  "vm.disk_delete": vmHandler({ complete: (tx, vm, p) => tx.vmDisk.deleteMany({ where: { id: required(p.diskId, "disk"), vmId: vm.id, tenantId: vm.tenantId } }) }),
  "vm.snapshot_create": vmHandler({ revert: (tx, vm, p) => tx.snapshot.deleteMany({ where: { id: required(p.snapshotId, "snapshot"), vmId: vm.id, tenantId: vm.tenantId } }) }),
  "vm.snapshot_delete": vmHandler({ complete: (tx, vm, p) => tx.snapshot.deleteMany({ where: { id: required(p.snapshotId, "snapshot"), vmId: vm.id, tenantId: vm.tenantId } }) }),
  // The disks' content is the simulated infrastructure's: the inventory keeps the VM as it is (its snapshots too).
  "vm.snapshot_revert": vmHandler({}),
  // An adapter exists (its MAC taken) from the decision; a failed addition takes it away.
  "vm.nic_add": vmHandler({ revert: (tx, vm, p) => tx.vmNic.deleteMany({ where: { id: required(p.nicId, "network adapter"), vmId: vm.id, tenantId: vm.tenantId } }) }),
  // The new type, VLAN or connection is written when decided; a failed reconfiguration puts the old ones back.
  "vm.nic_edit": vmHandler({ revert: (tx, vm, p) => tx.vmNic.updateMany({ where: { id: required(p.nicId, "network adapter"), vmId: vm.id, tenantId: vm.tenantId }, data: nicBefore(p) }) }),
  // The adapter, and its MAC, stay until the infrastructure has removed it.
  "vm.nic_remove": vmHandler({ complete: (tx, vm, p) => tx.vmNic.deleteMany({ where: { id: required(p.nicId, "network adapter"), vmId: vm.id, tenantId: vm.tenantId } }) }),
  // The VM and its copied disks point at the target from the decision (its reservation there); a
  // failed step leaves it where it was: pool, host and datastore, and each disk on its own.
  "vm.migrate": vmHandler({
    revert: async (tx, vm, p) => {
      await restore(tx, vm, p);
      for (const d of p.disksBefore ?? []) await tx.vmDisk.updateMany({ where: { id: d.id, vmId: vm.id, tenantId: vm.tenantId }, data: { datastoreId: d.datastoreId } });
    },
  }),
  "vm.tags_set": vmHandler({ revert: restore }),
  "vm.delete": vmHandler({
    complete: async (tx, vm, p) => {
      // Said, not left to the cascade: the replication named in the audit row goes first.
      if (p.replicationIds?.length) await tx.replication.deleteMany({ where: { id: { in: p.replicationIds }, tenantId: vm.tenantId, vmId: vm.id } });
      return tx.vm.deleteMany({ where: vm });
    },
    revert: restore,
  }),
  "vm.encrypt": vmHandler({
    complete: (tx, vm) => tx.vm.updateMany({ where: vm, data: { encryption: "ENCRYPTED", encryptedAt: new Date() } }),
    revert: (tx, vm) => tx.vm.updateMany({ where: vm, data: { encryption: "NONE" } }),
  }),
} satisfies Record<Extract<ActivityType, `vm.${string}`>, ActivityHandler>;
