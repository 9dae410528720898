import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createVm } from "@/lib/db/factories";
import { API_ROUTES } from "@/lib/api/routes";
import { bracketed, call, makeApiTenant, tokenFor, type ApiFixture } from "@/test/api/fixture";

// A client pages a list while the tenant keeps changing: the cursor says where the last page
// ended (its sort key and id), not how many rows came before it.

let f: ApiFixture;
let token = "";
beforeAll(async () => {
  f = await makeApiTenant((await createOrganization(db())).id);
  token = await tokenFor(f.tenantId);
});

type Page = { items: { id: string; name?: string; createdAt?: string }[]; nextCursor: string | null; total?: number };
const get = async (path: string, query: Record<string, string>, as = token) => {
  const res = await call(path, "GET", { token: as, query });
  return { status: res.status, body: (await res.json()) as Page & { code?: string; fields?: Record<string, string[]> } };
};
const encode = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

describe("the API's lists page on the sort key, not on an offset", () => {
  it("a VM created between two pages neither repeats the last item of page 1 nor hides one", async () => {
    for (const name of ["kp-b", "kp-d", "kp-f", "kp-h", "kp-j"]) await createVm(db(), { tenantId: f.tenantId, poolId: f.poolId, datastoreId: f.datastoreId, name });
    const first = await get("compute/vms", { q: "kp-", limit: "2" });
    expect(first.body.items.map((v) => v.name)).toEqual(["kp-b", "kp-d"]);
    // Sorts before the end of page 1: an offset cursor would now start page 2 on kp-d again.
    await createVm(db(), { tenantId: f.tenantId, poolId: f.poolId, datastoreId: f.datastoreId, name: "kp-a" });
    const names = [...first.body.items.map((v) => v.name)];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await get("compute/vms", { q: "kp-", limit: "2", cursor });
      expect(next.status).toBe(200);
      names.push(...next.body.items.map((v) => v.name));
      cursor = next.body.nextCursor;
    }
    expect(names).toEqual(["kp-b", "kp-d", "kp-f", "kp-h", "kp-j"]);
  });

  it("a VM deleted between two pages does not make the next page skip one", async () => {
    for (const name of ["kq-b", "kq-d", "kq-f", "kq-h"]) await createVm(db(), { tenantId: f.tenantId, poolId: f.poolId, datastoreId: f.datastoreId, name });
    const first = await get("compute/vms", { q: "kq-", limit: "2" });
    await db().vm.deleteMany({ where: { tenantId: f.tenantId, name: "kq-b" } });
    const second = await get("compute/vms", { q: "kq-", limit: "2", cursor: first.body.nextCursor! });
    expect(second.body.items.map((v) => v.name)).toEqual(["kq-f", "kq-h"]);
  });

  it("activities, newest first, keep their order when a new one starts between two pages", async () => {
    const base = Date.UTC(2026, 0, 10, 12);
    for (let i = 0; i < 4; i++) {
      await db().activity.create({ data: { tenantId: f.tenantId, type: "vm.power_on", state: "COMPLETED", progress: 100, resourceType: "vm", resourceId: `ka-${i}`, resourceName: `ka-${i}`, actorType: "SYSTEM", payload: {}, createdAt: new Date(base + i * 1000) } });
    }
    // Two of the same instant: the id breaks the tie.
    await db().activity.create({ data: { tenantId: f.tenantId, type: "vm.power_on", state: "COMPLETED", progress: 100, resourceType: "vm", resourceId: "ka-x", resourceName: "ka-x", actorType: "SYSTEM", payload: {}, createdAt: new Date(base + 2000) } });
    const all = (await db().activity.findMany({ where: { tenantId: f.tenantId, resourceType: "vm" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((a) => a.id);
    const page1 = await get("activities", { resourceType: "vm", limit: "2" });
    const seen = page1.body.items.map((a) => a.id);
    await db().activity.create({ data: { tenantId: f.tenantId, type: "vm.power_off", state: "WAITING", progress: 0, resourceType: "vm", resourceId: "ka-new", resourceName: "ka-new", actorType: "SYSTEM", payload: {} } });
    let cursor = page1.body.nextCursor;
    while (cursor) {
      const next = await get("activities", { resourceType: "vm", limit: "2", cursor });
      seen.push(...next.body.items.map((a) => a.id));
      cursor = next.body.nextCursor;
    }
    expect(seen).toEqual(all);
  });

  it("counts only when the client asks", async () => {
    const plain = await get("compute/vms", { limit: "1" });
    expect(plain.body).not.toHaveProperty("total");
    const counted = await get("compute/vms", { limit: "1", count: "true" });
    expect(counted.body.total).toBe(await db().vm.count({ where: { tenantId: f.tenantId } }));
  });

  it.each([
    ["not base64 JSON", "%%%"],
    ["JSON of something else", encode([1, 2])],
    ["the old offset shape", encode({ o: 25, l: 25 })],
    ["a key of the wrong type", encode({ s: "name:asc", k: [42], id: "x", l: 2 })],
    ["a cursor of another sort", encode({ s: "createdAt:desc", k: ["2026-01-01T00:00:00.000Z"], id: "x", l: 2 })],
    ["a limit out of range", encode({ s: "name:asc", k: ["a"], id: "x", l: 1000 })],
    ["an id that is not a string", encode({ s: "name:asc", k: ["a"], id: { $gt: "" }, l: 2 })],
  ])("refuses a forged cursor (%s) with 400 naming the cursor, never 500", async (_what, cursor) => {
    const res = await get("compute/vms", { cursor });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "INVALID", fields: { cursor: [expect.any(String)] } });
  });

  it("refuses an activity cursor whose instant is not a date", async () => {
    const res = await get("activities", { cursor: encode({ s: "createdAt:desc", k: ["yesterday"], id: "x", l: 2 }) });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty("cursor");
  });

  it("every list of the API walks to its end one item a page, each item once, as many as it counts", async () => {
    // A second of what the fixture has one of, so that each list has a page 2.
    const vm2 = await createVm(db(), { tenantId: f.tenantId, poolId: f.poolId, datastoreId: f.datastoreId, name: "walk-vm" });
    await db().replication.create({ data: { tenantId: f.tenantId, kind: "VM_REPLICATION", sourceAzId: "PAR7S", targetAzId: "TH3S", vmId: vm2.id, promisedRpoMinutes: 60, status: "ACTIVE" } });
    await db().vlan.create({ data: { tenantId: f.tenantId, tag: 101, name: "walk-vlan" } });
    await db().order.create({ data: { tenantId: f.tenantId, resourceType: "VLAN", status: "SUBMITTED", payload: { kind: "vlan", tag: 998, name: "walk", summary: "VLAN 998 walk" }, createdById: f.memberId } });
    await db().affinityRule.create({ data: { tenantId: f.tenantId, poolId: f.poolId, name: "walk-rule", kind: "AFFINITY", enabled: false } });
    const policy = await db().backupPolicy.create({ data: { tenantId: f.tenantId, name: "walk-policy", retentionDays: 7, targetAzId: "AZ07" } });
    // Coverage pages on (covered, name, id): one covered VM among uncovered ones.
    await db().backupPolicyAssignment.create({ data: { tenantId: f.tenantId, policyId: policy.id, vmId: vm2.id } });
    // A second backup job, started at the same instant as the fixture's: the id breaks the tie.
    const job = await db().backupJob.findUniqueOrThrow({ where: { id: f.backupJobId } });
    await db().backupJob.create({ data: { tenantId: f.tenantId, vmId: vm2.id, vmName: vm2.name, policyName: "walk-policy", sourceAzId: "PAR7S", targetAzId: "AZ07", state: "COMPLETED", startedAt: job.startedAt } });
    await tokenFor(f.tenantId);
    await createPool(db(), { tenantId: f.tenantId, hosts: 1 });
    await createDatastore(db(), { tenantId: f.tenantId });
    await db().alert.create({ data: { tenantId: f.tenantId, kind: "DATASTORE_IOPS", resourceType: "DATASTORE", resourceId: f.datastoreId, resourceName: "walk-ds", value: 800, limit: 750, peak: 800, lastValue: 800 } });
    const lists = API_ROUTES.filter((r) => r.read?.kind === "list" && !r.path.includes("{"));
    expect(lists.length).toBeGreaterThanOrEqual(15);
    for (const r of lists) {
      const path = bracketed(r.path);
      // A token per list: the walk stays under the limit of requests a second.
      const walker = await tokenFor(f.tenantId);
      const counted = await get(path, { limit: "1", count: "true" }, walker);
      expect(counted.status, path).toBe(200);
      const ids = counted.body.items.map((i) => i.id);
      let cursor = counted.body.nextCursor;
      for (let guard = 0; cursor && guard < 100; guard++) {
        const next = await get(path, { limit: "5", cursor }, walker);
        expect(next.status, path).toBe(200);
        expect(next.body.items.length, path).toBeLessThanOrEqual(1);
        ids.push(...next.body.items.map((i) => i.id));
        cursor = next.body.nextCursor;
      }
      expect(new Set(ids).size, path).toBe(ids.length);
      expect(ids.length, path).toBe(counted.body.total);
      expect(ids.length, `${path} has a second page to walk`).toBeGreaterThanOrEqual(2);
    }
  });
});
