import { describe, it, expect, beforeAll, beforeEach, afterEach, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createBackupPolicy, createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/permissions";
import type { AddNicInput } from "@/lib/validation/vms";
import { addNic, editNic, removeNic, usableVlans } from "./vm-nics";
import { createVm as createVmService, getVm } from "./vms";
import { memberContext } from "@/test/integration/context";

// Tenant a: a running VM "app" and a stopped VM "db" on one pool, its own VLANs 100 (front) and
// 200 (back), and VLAN 300 (shared) that tenant b, of the same organization, propagated to it.
// Tenant b: its own VM with an adapter on its own VLAN 400 (secret), never propagated to a.
const s = {
  a: null as unknown as TenantContext,
  b: null as unknown as TenantContext,
  vm: "",
  vmName: "",
  otherVm: "",
  front: "",
  back: "",
  shared: "",
  pool: "",
  ds: "",
  policy: "",
  theirVm: "",
  theirVlan: "",
  theirNic: "",
};

const add = (over: Partial<AddNicInput> = {}): AddNicInput => ({ vmId: s.vm, vlanId: s.front, type: "VMXNET3", connected: true, ...over });
const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));
const lastAudit = async (action: string) => {
  const row = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, action }, orderBy: { createdAt: "desc" } });
  return { outcome: row.outcome, ...(row.details as { before?: unknown; after?: unknown }) };
};
const nicsOf = (vmId: string) => db().vmNic.findMany({ where: { vmId }, orderBy: { createdAt: "asc" } });
const nicRow = (id: string) => db().vmNic.findUnique({ where: { id } });
let tag = 100;

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id });
  const b = await createTenant(db(), { organizationId: org.id });
  s.a = await memberContext(a.id);
  s.b = await memberContext(b.id);
});

beforeEach(async () => {
  await db().vmNic.deleteMany({ where: { tenantId: { in: [s.a.tenant.id, s.b.tenant.id] } } });
  const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, hosts: 2 });
  const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, sizeGib: 4096 });
  const policy = await createBackupPolicy(db(), { tenantId: s.a.tenant.id });
  const vm = await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, memoryGb: 8, powerState: "POWERED_ON" });
  const other = await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: ds.id, memoryGb: 8 });
  const front = await db().vlan.create({ data: { tenantId: s.a.tenant.id, tag: (tag += 1), name: "front" } });
  const back = await db().vlan.create({ data: { tenantId: s.a.tenant.id, tag: (tag += 1), name: "back" } });
  const shared = await db().vlan.create({ data: { tenantId: s.b.tenant.id, tag: (tag += 1), name: "shared" } });
  await db().vlanPropagation.create({ data: { vlanId: shared.id, tenantId: s.a.tenant.id } });
  const theirVlan = await db().vlan.create({ data: { tenantId: s.b.tenant.id, tag: (tag += 1), name: "secret" } });
  const theirs = await createPool(db(), { tenantId: s.b.tenant.id, hosts: 2 });
  const theirDs = await createDatastore(db(), { tenantId: s.b.tenant.id });
  const theirVm = await createVm(db(), { tenantId: s.b.tenant.id, poolId: theirs.pool.id, datastoreId: theirDs.id });
  const theirNic = await db().vmNic.create({ data: { tenantId: s.b.tenant.id, vmId: theirVm.id, vlanId: theirVlan.id, label: "Network adapter 1", mac: "00:50:56:3f:00:01" } });
  Object.assign(s, {
    vm: vm.id,
    vmName: vm.name,
    otherVm: other.id,
    front: front.id,
    back: back.id,
    shared: shared.id,
    pool: pool.id,
    ds: ds.id,
    policy: policy.id,
    theirVm: theirVm.id,
    theirVlan: theirVlan.id,
    theirNic: theirNic.id,
  });
});

afterEach(() => setInfraFaults([]));

describe("adding a network adapter", () => {
  it("adds a VMXNET3 adapter to a running VM with a generated 00:50:56 MAC, audited, and the activity ends it", async () => {
    const r = await addNic(s.a, add());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [nic] = await nicsOf(s.vm);
    expect(nic).toMatchObject({ label: "Network adapter 1", type: "VMXNET3", vlanId: s.front, connected: true });
    expect(nic!.mac).toMatch(/^00:50:56:[89ab][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}$/);
    expect(await lastAudit("vm.nic_add")).toMatchObject({ outcome: "SUCCEEDED", after: { nic: "Network adapter 1", type: "VMXNET3", vlanId: s.front, mac: nic!.mac, macGenerated: true, connected: true } });
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.vm } })).toMatchObject({ busyActivityId: null, powerState: "POWERED_ON" });
    expect(await nicRow(nic!.id)).not.toBeNull();
  });

  it("never generates a MAC an adapter of the tenant holds, even when every random draw lands on it", async () => {
    await db().vmNic.create({ data: { tenantId: s.a.tenant.id, vmId: s.otherVm, vlanId: s.front, label: "Network adapter 1", mac: "00:50:56:80:00:00" } });
    // Every draw is the first address of the range, which that adapter holds.
    const random = vi.spyOn(Math, "random").mockReturnValue(0);
    try {
      const r = await addNic(s.a, add());
      expect(r.ok).toBe(true);
    } finally {
      random.mockRestore();
    }
    const [nic] = await nicsOf(s.vm);
    expect(nic!.mac).toBe("00:50:56:80:00:01");
  });

  it("keeps a MAC set by hand, written as colons in lower case, and numbers the next adapter", async () => {
    await db().vmNic.create({ data: { tenantId: s.a.tenant.id, vmId: s.vm, vlanId: s.front, label: "Network adapter 1", mac: "00:50:56:00:00:10" } });
    const r = await addNic(s.a, add({ type: "E1000", vlanId: s.back, mac: "00-50-56-0A-1B-2C", connected: false }));
    expect(r.ok).toBe(true);
    expect((await nicsOf(s.vm))[1]).toMatchObject({ label: "Network adapter 2", type: "E1000", vlanId: s.back, mac: "00:50:56:0a:1b:2c", connected: false });
  });

  it("refuses a MAC another adapter of the tenant has with NIC.DUPLICATE_MAC, naming the MAC and its adapter, even in another form, and adds nothing", async () => {
    const first = await addNic(s.a, add({ vmId: s.otherVm, mac: "00:50:56:0a:1b:2c" }));
    expect(first.ok).toBe(true);
    const r = await addNic(s.a, add({ mac: "00:50:56:0A:1B:2C" }));
    expect(codes(r)).toEqual(["NIC.DUPLICATE_MAC"]);
    if (r.ok) return;
    const otherName = (await db().vm.findUniqueOrThrow({ where: { id: s.otherVm } })).name;
    expect(r.violations[0]!.message.en).toContain(`00:50:56:0a:1b:2c is already that of Network adapter 1 of ${otherName}`);
    expect(await lastAudit("vm.nic_add")).toMatchObject({ outcome: "REFUSED" });
    expect(await nicsOf(s.vm)).toHaveLength(0);
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.vm } })).toMatchObject({ busyActivityId: null });
  });

  it("accepts a MAC that only another tenant's adapter has: the rule is per tenant", async () => {
    const r = await addNic(s.a, add({ mac: "00:50:56:3f:00:01" }));
    expect(r.ok).toBe(true);
  });

  it("holds the rule when two adapters ask for one MAC at the same instant, on two VMs: one is added, the other refused with NIC.DUPLICATE_MAC", async () => {
    const [x, y] = await Promise.all([addNic(s.a, add({ mac: "00:50:56:11:22:33" })), addNic(s.a, add({ vmId: s.otherVm, mac: "00:50:56:11:22:33" }))]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    expect([...codes(x), ...codes(y)]).toEqual(["NIC.DUPLICATE_MAC"]);
    expect(await db().vmNic.count({ where: { tenantId: s.a.tenant.id, mac: "00:50:56:11:22:33" } })).toBe(1);
  });

  it("puts an adapter on a VLAN a sibling tenant propagated, not on one still being propagated", async () => {
    expect((await addNic(s.a, add({ vlanId: s.shared }))).ok).toBe(true);
    await db().vlanPropagation.updateMany({ where: { vlanId: s.shared, tenantId: s.a.tenant.id }, data: { busyActivityId: "under-way" } });
    await expect(addNic(s.a, add({ vmId: s.otherVm, vlanId: s.shared }))).rejects.toBeInstanceOf(NotFoundError);
    const usable = (await usableVlans(s.a)).filter((v) => [s.front, s.back, s.shared, s.theirVlan].includes(v.id));
    expect(usable.map((v) => [v.name, v.own])).toEqual([["front", true], ["back", true]]);
  });

  it("takes the adapter away when the infrastructure fails to add it", async () => {
    setInfraFaults([{ type: "vm.nic_add", step: "add_nic" }]);
    const r = await addNic(s.a, add());
    if (!r.ok) throw new Error("refused");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await nicsOf(s.vm)).toHaveLength(0);
  });
});

describe("changing a network adapter", () => {
  it("disconnects a running VM's adapter, moves it to another VLAN and makes it E1000, audited before and after; its MAC stays", async () => {
    const nic = await db().vmNic.create({ data: { tenantId: s.a.tenant.id, vmId: s.vm, vlanId: s.front, label: "Network adapter 1", mac: "00:50:56:00:00:20" } });
    const r = await editNic(s.a, { vmId: s.vm, nicId: nic.id, type: "E1000", vlanId: s.back, connected: false });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await nicRow(nic.id)).toMatchObject({ type: "E1000", vlanId: s.back, connected: false, mac: "00:50:56:00:00:20" });
    expect(await lastAudit("vm.nic_edit")).toMatchObject({
      outcome: "SUCCEEDED",
      before: { nic: "Network adapter 1", type: "VMXNET3", vlanId: s.front, connected: true },
      after: { nic: "Network adapter 1", type: "E1000", vlanId: s.back, connected: false },
    });
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.vm } })).toMatchObject({ powerState: "POWERED_ON", busyActivityId: null });
  });

  it("puts the old settings back when the reconfiguration fails", async () => {
    const nic = await db().vmNic.create({ data: { tenantId: s.a.tenant.id, vmId: s.vm, vlanId: s.front, label: "Network adapter 1", mac: "00:50:56:00:00:21" } });
    setInfraFaults([{ type: "vm.nic_edit", step: "reconfigure_nic" }]);
    const r = await editNic(s.a, { vmId: s.vm, nicId: nic.id, connected: false, vlanId: s.shared });
    if (!r.ok) throw new Error("refused");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await nicRow(nic.id)).toMatchObject({ type: "VMXNET3", vlanId: s.front, connected: true });
  });

  it("says an adapter already has the settings asked", async () => {
    const nic = await db().vmNic.create({ data: { tenantId: s.a.tenant.id, vmId: s.vm, vlanId: s.front, label: "Network adapter 1", mac: "00:50:56:00:00:22" } });
    const e = await editNic(s.a, { vmId: s.vm, nicId: nic.id, connected: true, vlanId: s.front }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).fields._!.en).toBe(`Network adapter 1 of ${s.vmName} already has these settings. Change its type, its VLAN or its connection.`);
  });
});

describe("removing a network adapter", () => {
  it("removes it once the activity has run, audited with what it was, and its MAC is free again", async () => {
    const nic = await db().vmNic.create({ data: { tenantId: s.a.tenant.id, vmId: s.vm, vlanId: s.front, label: "Network adapter 1", mac: "00:50:56:00:00:30" } });
    const r = await removeNic(s.a, { vmId: s.vm, nicId: nic.id });
    if (!r.ok) throw new Error("refused");
    expect(await lastAudit("vm.nic_remove")).toMatchObject({ outcome: "SUCCEEDED", before: { nic: "Network adapter 1", type: "VMXNET3", vlanId: s.front, mac: "00:50:56:00:00:30", connected: true } });
    expect(await nicRow(nic.id)).not.toBeNull();
    // The MAC is still taken while the removal runs.
    expect(codes(await addNic(s.a, add({ vmId: s.otherVm, mac: "00:50:56:00:00:30" })))).toEqual(["NIC.DUPLICATE_MAC"]);
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await nicRow(nic.id)).toBeNull();
    expect((await addNic(s.a, add({ vmId: s.otherVm, mac: "00:50:56:00:00:30" }))).ok).toBe(true);
  });

  it("refuses while another activity changes the VM", async () => {
    const nic = await db().vmNic.create({ data: { tenantId: s.a.tenant.id, vmId: s.vm, vlanId: s.front, label: "Network adapter 1", mac: "00:50:56:00:00:31" } });
    expect((await editNic(s.a, { vmId: s.vm, nicId: nic.id, connected: false })).ok).toBe(true);
    await expect(removeNic(s.a, { vmId: s.vm, nicId: nic.id })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("another tenant's VM, VLAN or adapter", () => {
  it("is not found, whichever way it is reached, and nothing of theirs or mine changes", async () => {
    // Their VLAN, never propagated here, given to my VM: not found, on adding and on changing.
    await expect(addNic(s.a, add({ vlanId: s.theirVlan }))).rejects.toBeInstanceOf(NotFoundError);
    const mine = await db().vmNic.create({ data: { tenantId: s.a.tenant.id, vmId: s.vm, vlanId: s.front, label: "Network adapter 1", mac: "00:50:56:00:00:40" } });
    await expect(editNic(s.a, { vmId: s.vm, nicId: mine.id, vlanId: s.theirVlan })).rejects.toBeInstanceOf(NotFoundError);
    // Their VM, and their adapter through their VM or through mine.
    await expect(addNic(s.a, add({ vmId: s.theirVm }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(editNic(s.a, { vmId: s.theirVm, nicId: s.theirNic, connected: false })).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeNic(s.a, { vmId: s.theirVm, nicId: s.theirNic })).rejects.toBeInstanceOf(NotFoundError);
    await expect(editNic(s.a, { vmId: s.vm, nicId: s.theirNic, connected: false })).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeNic(s.a, { vmId: s.vm, nicId: s.theirNic })).rejects.toBeInstanceOf(NotFoundError);
    expect(await nicRow(s.theirNic)).toMatchObject({ connected: true, vlanId: s.theirVlan });
    expect(await nicRow(mine.id)).toMatchObject({ vlanId: s.front });
    expect(await nicsOf(s.vm)).toHaveLength(1);
    expect(await db().vm.findUniqueOrThrow({ where: { id: s.theirVm } })).toMatchObject({ busyActivityId: null });
  });
});

/** A VM to create in tenant a, on its pool and datastore. */
const input = (over: { name: string; vlanId?: string }) => ({
  templateCode: "debian-12" as const,
  poolId: s.pool,
  datastoreId: s.ds,
  cpu: 2,
  memoryGb: 8,
  diskGib: 40,
  diskProvisioning: "THIN" as const,
  backupPolicyId: s.policy,
  powerOn: false,
  ...over,
});

describe("choosing the network when creating a VM", () => {

  it("gives the VM one connected VMXNET3 adapter on the VLAN chosen, shown on its page; without a VLAN it has none", async () => {
    const r = await createVmService(s.a, input({ name: "net-one", vlanId: s.front }));
    if (!r.ok) throw new Error("refused");
    const page = await getVm(s.a, r.value.vmId);
    expect(page.nics).toEqual([{ id: expect.any(String), label: "Network adapter 1", type: "VMXNET3", mac: expect.stringMatching(/^00:50:56:/), ipAddress: null, connected: true, vlan: { id: s.front, tag: expect.any(Number), name: "front", subnet: null } }]);
    const bare = await createVmService(s.a, input({ name: "net-none" }));
    if (!bare.ok) throw new Error("refused");
    expect(await nicsOf(bare.value.vmId)).toHaveLength(0);
  });

  it("does not find another tenant's VLAN, and creates nothing", async () => {
    await expect(createVmService(s.a, input({ name: "net-theirs", vlanId: s.theirVlan }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().vm.count({ where: { tenantId: s.a.tenant.id, name: "net-theirs" } })).toBe(0);
  });
});

describe("adapter addresses", () => {
  it("gives an adapter the lowest free address of its VLAN's subnet, refuses one more than it holds (NIC.SUBNET_FULL), takes a new one on a move, and gives a freed one to a new VM", async () => {
    const tenantId = s.a.tenant.id;
    // A /28: adapters get .10–.14, five addresses; three are held, .12 is free.
    await db().vlan.update({ where: { id: s.front }, data: { subnet: "10.9.1.0/28" } });
    await db().vlan.update({ where: { id: s.back }, data: { subnet: "10.9.2.0/24" } });
    for (const [i, ip] of ["10.9.1.10", "10.9.1.11", "10.9.1.13"].entries()) {
      await db().vmNic.create({ data: { tenantId, vmId: s.otherVm, vlanId: s.front, label: `Network adapter ${i + 1}`, mac: `00:50:56:00:01:0${i}`, ipAddress: ip } });
    }
    const r = await addNic(s.a, add());
    if (!r.ok) throw new Error(codes(r).join());
    const [nic] = await nicsOf(s.vm);
    expect(nic!.ipAddress).toBe("10.9.1.12");
    expect(await lastAudit("vm.nic_add")).toMatchObject({ after: { ipAddress: "10.9.1.12" } });
    expect(await runActivity(r.value.activityId)).toBe("completed");

    await db().vmNic.create({ data: { tenantId, vmId: s.otherVm, vlanId: s.front, label: "Network adapter 4", mac: "00:50:56:00:01:09", ipAddress: "10.9.1.14" } });
    const full = await addNic(s.a, add());
    expect(codes(full)).toEqual(["NIC.SUBNET_FULL"]);
    if (!full.ok) expect(full.violations[0]).toMatchObject({ limit: 5, actual: 6 });
    expect(await nicsOf(s.vm)).toHaveLength(1);

    // Moved to the back VLAN, it takes that VLAN's first address and frees .12.
    const moved = await editNic(s.a, { vmId: s.vm, nicId: nic!.id, vlanId: s.back });
    if (!moved.ok) throw new Error(codes(moved).join());
    expect(await nicRow(nic!.id)).toMatchObject({ vlanId: s.back, ipAddress: "10.9.2.10" });
    expect(await runActivity(moved.value.activityId)).toBe("completed");
    const created = await createVmService(s.a, input({ name: "net-addressed", vlanId: s.front }));
    if (!created.ok) throw new Error(codes(created).join());
    expect((await nicsOf(created.value.vmId))[0]!.ipAddress).toBe("10.9.1.12");
  });
});

