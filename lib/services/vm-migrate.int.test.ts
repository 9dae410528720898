import { describe, it, expect, beforeAll, beforeEach, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/permissions";
import type { MigrateVmInput } from "@/lib/validation/vms";
import { bulkMigrate, migrateVm } from "./vm-migrate";
import { memberContext } from "@/test/integration/context";

// Pool "prod" of 4 STANDARD v3 hosts, 512 GB activated (each host carries 128 GB): web-1 (32 GB,
// running) on esx01, web-2 (32 GB) on esx02, kept apart by the enabled anti-affinity rule
// "web-apart"; big (100 GB) on esx03; esx04 empty. Datastores ds-a (the VMs') and ds-b, 2048 GiB
// each, in PAR7S. Pool "spare" (2 hosts) in PAR7S too, and a datastore of TH3S.
const s = {
  a: null as unknown as TenantContext,
  b: null as unknown as TenantContext,
  pool: "",
  spare: "",
  hosts: [] as { id: string; name: string }[],
  spareHosts: [] as { id: string; name: string }[],
  dsA: "",
  dsB: "",
  dsFar: "",
  web1: "",
  web3: "",
  rule: "",
  theirs: { vm: "", pool: "", host: "", ds: "" },
};
const reason = "the application team asked for it in writing";

const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));
const vmRow = (id: string) => db().vm.findUniqueOrThrow({ where: { id }, select: { poolId: true, hostId: true, datastoreId: true, busyActivityId: true } });
const lastAudit = async () => {
  const row = await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, action: "vm.migrate" }, orderBy: { createdAt: "desc" } });
  return { outcome: row.outcome, ...(row.details as { before?: unknown; after?: unknown; violations?: unknown[] }) };
};
const migrate = (over: Partial<MigrateVmInput>) => migrateVm(s.a, { vmId: s.web1, ...over } as MigrateVmInput);
const stepsOf = async (activityId: string) => ((await db().activity.findUniqueOrThrow({ where: { id: activityId }, select: { stepLog: true } })).stepLog as { key: string }[]).map((x) => x.key);

beforeAll(async () => {
  const org = await createOrganization(db());
  s.a = await memberContext((await createTenant(db(), { organizationId: org.id })).id);
  s.b = await memberContext((await createTenant(db(), { organizationId: org.id })).id);
});

beforeEach(async () => {
  const t = s.a.tenant.id;
  const { pool, hosts } = await createPool(db(), { tenantId: t, hosts: 4, name: `prod-${Date.now()}` });
  const spare = await createPool(db(), { tenantId: t, hosts: 2 });
  const [dsA, dsB, dsFar] = [await createDatastore(db(), { tenantId: t }), await createDatastore(db(), { tenantId: t }), await createDatastore(db(), { tenantId: t, azId: "TH3S" })];
  const vm = (name: string, host: number, memoryGb: number) =>
    createVm(db(), { tenantId: t, poolId: pool.id, datastoreId: dsA.id, hostId: hosts[host]!.id, name: `${name}-${Date.now()}`, memoryGb, powerState: "POWERED_ON", diskGib: 60 });
  const web1 = await vm("web-1", 0, 32);
  const web2 = await vm("web-2", 1, 32);
  await vm("big", 2, 100);
  const web3 = await vm("web-3", 3, 16);
  const rule = await db().affinityRule.create({ data: { tenantId: t, poolId: pool.id, name: "web-apart", kind: "ANTI_AFFINITY", enabled: true, vms: { create: [{ vmId: web1.id }, { vmId: web2.id }] } } });
  Object.assign(s, {
    pool: pool.id,
    spare: spare.pool.id,
    hosts: hosts.map((h) => ({ id: h.id, name: h.name })),
    spareHosts: spare.hosts.map((h) => ({ id: h.id, name: h.name })),
    dsA: dsA.id,
    dsB: dsB.id,
    dsFar: dsFar.id,
    web1: web1.id,
    web3: web3.id,
    rule: rule.id,
  });
  const theirs = await createPool(db(), { tenantId: s.b.tenant.id, hosts: 2 });
  const theirDs = await createDatastore(db(), { tenantId: s.b.tenant.id });
  const theirVm = await createVm(db(), { tenantId: s.b.tenant.id, poolId: theirs.pool.id, datastoreId: theirDs.id, hostId: theirs.hosts[0]!.id });
  s.theirs = { vm: theirVm.id, pool: theirs.pool.id, host: theirs.hosts[1]!.id, ds: theirDs.id };
});

afterEach(() => setInfraFaults([]));

describe("migrating a VM to another host of its pool", () => {
  it("is refused by the anti-affinity rule with its code and name, then accepted to another host, audited before/after", async () => {
    const refused = await migrate({ hostId: s.hosts[1]!.id });
    expect(codes(refused)).toEqual(["AFFINITY.VIOLATION"]);
    if (refused.ok) return;
    expect(refused.violations[0]).toMatchObject({ subject: s.rule, severity: "refuse" });
    expect(refused.violations[0]!.message.en).toContain("web-apart");
    expect(await lastAudit()).toMatchObject({ outcome: "REFUSED" });
    expect(await vmRow(s.web1)).toMatchObject({ hostId: s.hosts[0]!.id, busyActivityId: null });
    // An override passes only advisory rules: the anti-affinity rule still refuses.
    expect(codes(await migrate({ hostId: s.hosts[1]!.id, overrideReason: reason }))).toEqual(["AFFINITY.VIOLATION"]);

    const ok = await migrate({ hostId: s.hosts[3]!.id });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    // Reserved at once: the VM is on its new host, busy with the activity.
    expect(await vmRow(s.web1)).toMatchObject({ hostId: s.hosts[3]!.id, poolId: s.pool, datastoreId: s.dsA, busyActivityId: ok.value.activityId });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ outcome: "SUCCEEDED", before: { host: s.hosts[0]!.name, running: true }, after: { host: s.hosts[3]!.name } });
    expect(audit.before).toMatchObject({ pool: expect.any(String), datastore: expect.any(String) });
    expect(await runActivity(ok.value.activityId)).toBe("completed");
    expect(await stepsOf(ok.value.activityId)).toEqual(["check_target", "precopy_memory", "switch_over"]);
    expect(await vmRow(s.web1)).toMatchObject({ hostId: s.hosts[3]!.id, busyActivityId: null });
  });

  it("is refused for the host's capacity with the numbers; an override with a reason passes that advisory line", async () => {
    // esx03 runs 100 GB of its 128 GB share: with web-1's 32 GB it would carry 132.
    const refused = await migrate({ hostId: s.hosts[2]!.id });
    expect(codes(refused)).toEqual(["CPOOL.MEMORY_PRESSURE"]);
    if (refused.ok) return;
    expect(refused.violations[0]).toMatchObject({ limit: 128, actual: 132, unit: "GB", subject: s.hosts[2]!.id });
    const over = await migrate({ hostId: s.hosts[2]!.id, overrideReason: reason });
    expect(over).toMatchObject({ ok: true, warnings: [{ code: "CPOOL.MEMORY_PRESSURE", overridden: { reason } }] });
  });

  it("is refused to where it already is, naming what is unchanged", async () => {
    const audited = () => db().auditEvent.count({ where: { tenantId: s.a.tenant.id, action: "vm.migrate" } });
    const before = await audited();
    for (const input of [{ hostId: s.hosts[0]!.id }, { poolId: s.pool }, { poolId: s.pool, hostId: s.hosts[0]!.id, datastoreId: s.dsA }]) {
      const e = await migrate(input).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).fields._!.en).toContain(`already on host ${s.hosts[0]!.name}`);
    }
    expect(await audited()).toBe(before);
  });

  it("refuses a host of another pool unless that pool is named with it", async () => {
    const e = await migrate({ hostId: s.spareHosts[0]!.id }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(Object.keys((e as InvalidInputError).fields)).toEqual(["hostId"]);
  });
});

describe("migrating a VM to another pool", () => {
  it("refuses a VM an affinity rule binds to its pool, naming the rule; a VM without rules goes, on the host the rules pick", async () => {
    const refused = await migrate({ poolId: s.spare });
    expect(codes(refused)).toEqual(["AFFINITY.VIOLATION"]);
    if (!refused.ok) expect(refused.violations[0]!.message.en).toContain("web-apart");
    // Disabled, the rule still binds VMs of one pool: the code its creation would meet.
    await db().affinityRule.update({ where: { id: s.rule }, data: { enabled: false } });
    expect(codes(await migrate({ poolId: s.spare }))).toEqual(["AFFINITY.UNSATISFIABLE"]);

    const ok = await migrateVm(s.a, { vmId: s.web3, poolId: s.spare } as MigrateVmInput);
    expect(ok.ok).toBe(true);
    const row = await vmRow(s.web3);
    expect(row.poolId).toBe(s.spare);
    expect(s.spareHosts.map((h) => h.id)).toContain(row.hostId);
  });

  it("asks for a datastore of the target pool's zone", async () => {
    const e = await migrateVm(s.a, { vmId: s.web3, datastoreId: s.dsFar } as MigrateVmInput).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).fields.datastoreId!.en).toContain("TH3S");
  });
});

describe("migrating a VM's storage", () => {
  it("copies its disks to the new datastore; a failed step leaves the VM and its disks where they were", async () => {
    setInfraFaults([{ type: "vm.migrate", step: "switch_over" }]);
    const r = await migrate({ datastoreId: s.dsB });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await vmRow(s.web1)).toMatchObject({ datastoreId: s.dsB });
    expect(await db().vmDisk.findMany({ where: { vmId: s.web1 }, select: { datastoreId: true } })).toEqual([{ datastoreId: s.dsB }]);
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await stepsOf(r.value.activityId)).toEqual(["check_target", "copy_disks", "precopy_memory", "switch_over"]);
    expect(await vmRow(s.web1)).toMatchObject({ poolId: s.pool, hostId: s.hosts[0]!.id, datastoreId: s.dsA, busyActivityId: null });
    expect(await db().vmDisk.findMany({ where: { vmId: s.web1 }, select: { datastoreId: true } })).toEqual([{ datastoreId: s.dsA }]);
    expect((await lastAudit()).after).toMatchObject({ disksCopied: 1, gibCopied: 60 });
  });

  it("refuses a datastore whose snapshot reserve the disks would eat, with the numbers, whatever the override", async () => {
    const small = await createDatastore(db(), { tenantId: s.a.tenant.id, sizeGib: 500 });
    // Its 60 GiB system disk and a 400 GiB thick disk on a 500 GiB volume leave 40 GiB, under the 50 GiB reserve.
    await db().vmDisk.create({ data: { tenantId: s.a.tenant.id, vmId: s.web1, datastoreId: s.dsA, label: "Hard disk 2", sizeGib: 400, usedGib: 400, provisioning: "THICK" } });
    const r = await migrate({ datastoreId: small.id, overrideReason: reason });
    expect(codes(r)).toContain("DATASTORE.SNAPSHOT_RESERVE");
    if (r.ok) return;
    expect(r.violations.find((v) => v.code === "DATASTORE.SNAPSHOT_RESERVE")).toMatchObject({ limit: 50, actual: 40, unit: "GiB" });
    expect(await vmRow(s.web1)).toMatchObject({ datastoreId: s.dsA, busyActivityId: null });
  });
});

describe("another tenant", () => {
  it("finds neither its VM, nor its pool, host or datastore as a target, and changes nothing", async () => {
    await expect(migrateVm(s.a, { vmId: s.theirs.vm, hostId: s.hosts[3]!.id } as MigrateVmInput)).rejects.toBeInstanceOf(NotFoundError);
    await expect(migrate({ poolId: s.theirs.pool })).rejects.toBeInstanceOf(NotFoundError);
    await expect(migrate({ hostId: s.theirs.host })).rejects.toBeInstanceOf(NotFoundError);
    await expect(migrate({ datastoreId: s.theirs.ds })).rejects.toBeInstanceOf(NotFoundError);
    expect(await vmRow(s.web1)).toMatchObject({ poolId: s.pool, hostId: s.hosts[0]!.id, datastoreId: s.dsA, busyActivityId: null });
    expect(await db().vm.count({ where: { tenantId: s.b.tenant.id, poolId: s.theirs.pool } })).toBe(1);
  });
});

describe("migrating several VMs at once", () => {
  it("decides each VM on its own, in order: one activity per VM accepted, a refusal listed with its rule, another tenant's VM skipped", async () => {
    const r = await bulkMigrate(s.a, { vmIds: [s.web3, s.web1, s.theirs.vm], poolId: s.spare });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((i) => [i.vmId, i.ok])).toEqual([
      [s.web3, true],
      [s.web1, false],
    ]);
    expect(r.value[1]!.violations.map((v) => v.code)).toEqual(["AFFINITY.VIOLATION"]);
    expect((await vmRow(s.web3)).poolId).toBe(s.spare);
    expect(await runActivity(r.value[0]!.activityId!)).toBe("completed");
    // Already there: listed with the sentence, not thrown.
    const again = await bulkMigrate(s.a, { vmIds: [s.web3], poolId: s.spare });
    expect(again).toMatchObject({ ok: true, value: [{ vmId: s.web3, ok: false, conflict: { en: expect.stringContaining("Nothing would change") } }] });
  });

  it("is not found as a whole with another tenant's pool or datastore as the target", async () => {
    await expect(bulkMigrate(s.a, { vmIds: [s.web3], poolId: s.theirs.pool })).rejects.toBeInstanceOf(NotFoundError);
    await expect(bulkMigrate(s.a, { vmIds: [s.web3], datastoreId: s.theirs.ds })).rejects.toBeInstanceOf(NotFoundError);
    expect(await vmRow(s.web3)).toMatchObject({ poolId: s.pool, datastoreId: s.dsA, busyActivityId: null });
  });
});
