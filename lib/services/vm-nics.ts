import "server-only";
import type { Tx } from "@/lib/db/client";
import { findUsableVlan, listUsableVlans } from "@/lib/db/vlans";
import type { LockedVm } from "@/lib/db/vms";
import { checkNicMac, nextNicLabel, normalizeMac } from "@/lib/domain/nics";
import { addressForNewNic, freeGeneratedMac } from "@/lib/db/nics";
import { decide, type Decision } from "@/lib/domain/result";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import type { AddNicInput, EditNicInput, RemoveNicInput } from "@/lib/validation/vms";
import type { Accepted } from "./change";
import { assertPermission, type TenantContext } from "./context";
import { onceMoreOnUniqueRace } from "./tx";
import { changeVm } from "./vms";

// A VM's network adapters: E1000 or VMXNET3, on one of the tenant's VLANs (its own, or one a
// sibling tenant propagated to it), with a MAC no other adapter of the tenant has and the lowest
// free address of its VLAN's subnet (NIC.SUBNET_FULL when none is left). Added, changed
// (type, VLAN, connected) and removed while the VM runs or not, each through the VM's change seam.

const vlanName = (v: { tag: number; name: string }) => `${v.name} (VLAN ${v.tag})`;

/** The VLANs the tenant's VMs may be on, for the adapter dialogs and the create form. */
export async function usableVlans(ctx: TenantContext) {
  assertPermission(ctx, "compute:read");
  return listUsableVlans(ctx.tenant.id);
}

async function vlanOrThrow(tx: Tx, ctx: TenantContext, vlanId: string) {
  const vlan = await findUsableVlan(tx, ctx.tenant.id, vlanId);
  // Another tenant's VLAN, never propagated here, is not found: no oracle.
  if (!vlan) throw new NotFoundError("vlan", vlanId);
  return vlan;
}

/** The adapters of the tenant that hold `mac`: what NIC.DUPLICATE_MAC names. */
async function macHolders(tx: Tx, tenantId: string, mac: string) {
  const rows = await tx.vmNic.findMany({ where: { tenantId, mac }, select: { id: true, mac: true, label: true, vm: { select: { name: true } } } });
  return rows.map((r) => ({ id: r.id, mac: r.mac, label: r.label, vmName: r.vm.name }));
}

/** A MAC for a new adapter: the one the user set (checked), or a generated one no adapter of the tenant has. */
export async function macForNewNic(tx: Tx, tenantId: string, wanted: string | undefined): Promise<Decision<string>> {
  if (wanted) return checkNicMac(wanted, await macHolders(tx, tenantId, normalizeMac(wanted) ?? wanted));
  return decide([], await freeGeneratedMac(tx, tenantId));
}

export async function addNic(ctx: TenantContext, input: AddNicInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  const tenantId = ctx.tenant.id;
  // Two adapters given one MAC (or one address) at the same instant on two VMs (two locks) both pass
  // the rule; the unique index stops the second, which then decides again (refused, or the next address).
  return onceMoreOnUniqueRace(() =>
    changeVm(ctx, input.vmId, { action: "vm.nic_add", activity: "vm.nic_add" }, async (tx, vm) => {
      const vlan = await vlanOrThrow(tx, ctx, input.vlanId);
      const mac = await macForNewNic(tx, tenantId, input.mac);
      if (!mac.ok) return mac;
      const address = await addressForNewNic(tx, vlan);
      if (!address.ok) return address;
      const labels = await tx.vmNic.findMany({ where: { tenantId, vmId: vm.id }, select: { label: true } });
      const label = nextNicLabel(labels.map((l) => l.label));
      const nic = await tx.vmNic.create({ data: { tenantId, vmId: vm.id, vlanId: vlan.id, label, type: input.type, mac: mac.value, ipAddress: address.value, connected: input.connected }, select: { id: true } });
      return decide([], {
        after: { nic: label, type: input.type, vlan: vlanName(vlan), vlanId: vlan.id, mac: mac.value, macGenerated: !input.mac, ipAddress: address.value, connected: input.connected },
        payload: { nicId: nic.id },
        also: [{ type: "vlan", id: vlan.id, name: vlanName(vlan) }],
      });
    }),
  );
}

async function nicOfVm(tx: Tx, ctx: TenantContext, vm: LockedVm, nicId: string) {
  const nic = await tx.vmNic.findFirst({
    where: { id: nicId, vmId: vm.id, tenantId: ctx.tenant.id },
    select: { id: true, label: true, type: true, mac: true, ipAddress: true, connected: true, vlanId: true, vlan: { select: { id: true, tag: true, name: true, subnet: true } } },
  });
  if (!nic) throw new NotFoundError("network adapter", nicId);
  return nic;
}

/** Changes an adapter's type, VLAN or connection, running or not; its MAC stays. What is left out keeps its value. */
export async function editNic(ctx: TenantContext, input: EditNicInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.nic_edit", activity: "vm.nic_edit" }, async (tx, vm) => {
    const nic = await nicOfVm(tx, ctx, vm, input.nicId);
    // The VLAN it is on stays usable for it; a new one must be the tenant's.
    const vlan = input.vlanId === undefined || input.vlanId === nic.vlanId ? nic.vlan : await vlanOrThrow(tx, ctx, input.vlanId);
    const moved = vlan.id !== nic.vlanId;
    // On another VLAN it takes an address of that VLAN's subnet; otherwise it keeps its own.
    const address = moved ? await addressForNewNic(tx, vlan) : decide([], nic.ipAddress);
    if (!address.ok) return address;
    const next = { type: input.type ?? nic.type, vlanId: vlan.id, connected: input.connected ?? nic.connected, ipAddress: address.value };
    if (next.type === nic.type && !moved && next.connected === nic.connected) {
      throw new InvalidInputError({
        _: { en: `${nic.label} of ${vm.name} already has these settings. Change its type, its VLAN or its connection.`, fr: `${nic.label} de ${vm.name} a déjà ces réglages. Modifiez son type, son VLAN ou sa connexion.` },
      });
    }
    await tx.vmNic.update({ where: { id: nic.id }, data: next });
    return decide([], {
      before: { nic: nic.label, type: nic.type, vlan: vlanName(nic.vlan), vlanId: nic.vlanId, ipAddress: nic.ipAddress, connected: nic.connected },
      after: { nic: nic.label, type: next.type, vlan: vlanName(vlan), vlanId: vlan.id, ipAddress: next.ipAddress, connected: next.connected },
      payload: { nicId: nic.id, nicBefore: { type: nic.type, vlanId: nic.vlanId, ipAddress: nic.ipAddress, connected: nic.connected } },
      also: [{ type: "vlan", id: vlan.id, name: vlanName(vlan) }],
    });
  });
}

/** Removes an adapter; its MAC is free again once the activity has removed it. */
export async function removeNic(ctx: TenantContext, input: RemoveNicInput): Promise<Decision<Accepted>> {
  assertPermission(ctx, "compute:write");
  return changeVm(ctx, input.vmId, { action: "vm.nic_remove", activity: "vm.nic_remove" }, async (tx, vm) => {
    const nic = await nicOfVm(tx, ctx, vm, input.nicId);
    return decide([], {
      before: { nic: nic.label, type: nic.type, vlan: vlanName(nic.vlan), vlanId: nic.vlanId, mac: nic.mac, connected: nic.connected },
      payload: { nicId: nic.id },
    });
  });
}
