import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createVm } from "@/lib/db/factories";
import type { TenantContext } from "@/lib/auth/context";
import { loadDatastoreState } from "@/lib/db/capacity";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { memberContext, tenantForVms } from "@/test/integration/context";
import { attachDisk, detachDisk, listDetachedDisks } from "./detached-disks";

// Tenant a: VMs "src" and "dst" on one datastore (each a system disk; "src" a second disk of 50 GiB),
// "far" on another datastore. Tenant b: its own detached disk.
const s = { a: null as unknown as TenantContext, ds: "", src: "", dst: "", far: "", data: "", theirDisk: "" };

beforeAll(async () => {
  const t = await tenantForVms();
  s.a = t.ctx;
  s.ds = t.ds;
  s.src = (await createVm(db(), { tenantId: s.a.tenant.id, poolId: t.pool, datastoreId: t.ds, name: "src" })).id;
  s.dst = (await createVm(db(), { tenantId: s.a.tenant.id, poolId: t.pool, datastoreId: t.ds, name: "dst" })).id;
  const other = await createDatastore(db(), { tenantId: s.a.tenant.id });
  s.far = (await createVm(db(), { tenantId: s.a.tenant.id, poolId: t.pool, datastoreId: other.id, name: "far" })).id;
  s.data = (await db().vmDisk.create({ data: { tenantId: s.a.tenant.id, vmId: s.src, datastoreId: t.ds, label: "Hard disk 2", sizeGib: 50, usedGib: 50, createdAt: new Date(Date.now() + 1000) } })).id;
  const org = await createOrganization(db());
  const b = await createTenant(db(), { organizationId: org.id });
  await memberContext(b.id);
  const ds = await createDatastore(db(), { tenantId: b.id });
  s.theirDisk = (await db().vmDisk.create({ data: { tenantId: b.id, vmId: null, datastoreId: ds.id, label: "Hard disk 2", sizeGib: 5, usedGib: 5 } })).id;
  await createPool(db(), { tenantId: b.id });
});

describe("a disk without a VM", () => {
  it("is detached (an activity), stays on its datastore counting its space, and is listed there", async () => {
    const usedBefore = (await loadDatastoreState(s.a.tenant.id, s.ds)).usedGib;
    await expect(detachDisk(s.a, { vmId: s.src, diskId: (await db().vmDisk.findFirstOrThrow({ where: { vmId: s.src }, orderBy: { createdAt: "asc" } })).id })).rejects.toBeInstanceOf(ConflictError);
    const r = await detachDisk(s.a, { vmId: s.src, diskId: s.data });
    if (!r.ok) throw new Error("refused");
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await listDetachedDisks(s.a, s.ds)).toEqual([{ id: s.data, label: "Hard disk 2", sizeGib: 50, provisioning: "THICK", detachedFrom: "src", datastore: { id: s.ds, name: expect.any(String) } }]);
    expect((await loadDatastoreState(s.a.tenant.id, s.ds)).usedGib).toBe(usedBefore);
    expect(await db().vmDisk.count({ where: { vmId: s.src } })).toBe(1);
  });

  it("attaches only to a VM of its own datastore, then is that VM's next disk, never its system disk", async () => {
    await expect(attachDisk(s.a, { vmId: s.far, diskId: s.data })).rejects.toThrow(/attaches to a VM of its own datastore/);
    const r = await attachDisk(s.a, { vmId: s.dst, diskId: s.data });
    if (!r.ok) throw new Error("refused");
    expect(await runActivity(r.value.activityId)).toBe("completed");
    const disks = await db().vmDisk.findMany({ where: { vmId: s.dst }, orderBy: { createdAt: "asc" } });
    expect(disks.map((d) => d.label)).toEqual(["Hard disk 1", "Hard disk 2"]);
    expect(disks[1]!.id).toBe(s.data);
    expect(await listDetachedDisks(s.a)).toEqual([]);
    // Attached already: a second VM cannot take it.
    await expect(attachDisk(s.a, { vmId: s.src, diskId: s.data })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("does not find another tenant's detached disk", async () => {
    await expect(attachDisk(s.a, { vmId: s.dst, diskId: s.theirDisk })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listDetachedDisks(s.a)).map((d) => d.id)).not.toContain(s.theirDisk);
  });
});
