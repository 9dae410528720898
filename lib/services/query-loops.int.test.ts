import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorizeOrganization } from "@/lib/auth/authorize";
import type { OrganizationContext, TenantContext } from "@/lib/auth/context";
import { memberContext } from "@/test/integration/context";
import { countQueries, stopQueryCounting } from "@/test/query-count";
import { listAffinityRules } from "./affinity";
import { setUserDisabled } from "./iam";
import { listReviewOrders } from "./orders";
import { previewBulkPower } from "./vms";

// A page, a preview or a check reads the database a fixed number of times, however many rows it
// covers: the same number of statements for a few rows and for several times more.

let org: { id: string };
let tenantId = "";
let ctx: TenantContext;
let owner: OrganizationContext;
afterAll(stopQueryCounting);
beforeAll(async () => {
  org = await createOrganization(db());
  tenantId = (await createTenant(db(), { organizationId: org.id })).id;
  ctx = await memberContext(tenantId);
  const u = await createUser(db(), { cost: 4 });
  await db().organizationMember.create({ data: { organizationId: org.id, userId: u.id, role: "OWNER" } });
  const r = await authorizeOrganization({ type: "user", userId: u.id, email: u.email, name: u.name }, org.id, "OWNER");
  if (!r.ok) throw new Error(r.reason);
  owner = r.ctx;
});

/** n pools of one host, each with a datastore and a stopped VM. */
async function pools(n: number, tag: string) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const { pool } = await createPool(db(), { tenantId, hosts: 1, name: `${tag}-pool-${i}` });
    const ds = await createDatastore(db(), { tenantId, name: `${tag}-ds-${i}` });
    const vm = await createVm(db(), { tenantId, poolId: pool.id, datastoreId: ds.id, name: `${tag}-vm-${i}`, memoryGb: 4 });
    out.push({ pool, ds, vm });
  }
  return out;
}

describe("no loop of queries", () => {
  it("the affinity rules' page reads every pool of the page at once", async () => {
    const few = await pools(2, "aff-few");
    for (const p of few) await db().affinityRule.create({ data: { tenantId, poolId: p.pool.id, name: `few-${p.pool.name}`, kind: "AFFINITY", enabled: true, vms: { create: [{ vmId: p.vm.id }] } } });
    const a = await countQueries(() => listAffinityRules(ctx, { sort: "name", dir: "asc", page: 1, pageSize: 25 }));
    const many = await pools(6, "aff-many");
    for (const p of many) await db().affinityRule.create({ data: { tenantId, poolId: p.pool.id, name: `many-${p.pool.name}`, kind: "AFFINITY", enabled: true, vms: { create: [{ vmId: p.vm.id }] } } });
    const b = await countQueries(() => listAffinityRules(ctx, { sort: "name", dir: "asc", page: 1, pageSize: 25 }));
    expect(b.result.rows).toHaveLength(8);
    expect(b.result.rows.every((r) => r.brokenBy !== undefined)).toBe(true);
    expect(b.queries, b.sql.join("\n")).toBe(a.queries);
  });

  it("a bulk power-on preview reads the VMs, their pools and datastores once for the whole selection", async () => {
    const set = await pools(8, "bulk");
    const two = await countQueries(() => previewBulkPower(ctx, { vmIds: set.slice(0, 2).map((p) => p.vm.id), action: "on" }));
    const eight = await countQueries(() => previewBulkPower(ctx, { vmIds: set.map((p) => p.vm.id), action: "on" }));
    expect(eight.result.ok && eight.result.value.map((i) => i.vmId)).toEqual(set.map((p) => p.vm.id));
    expect(eight.queries, eight.sql.join("\n")).toBe(two.queries);
  });

  it("the review queue reads the plan of every order of the page together", async () => {
    const set = await pools(6, "review");
    const author = await createUser(db(), { cost: 4 });
    const TYPE = { hosts: "HOST", datastore_resize: "DATASTORE", vlan: "VLAN" } as const;
    const submit = (payload: { kind: keyof typeof TYPE } & Record<string, unknown>) =>
      db().order.create({ data: { tenantId, resourceType: TYPE[payload.kind], status: "SUBMITTED", payload: { ...payload, summary: "s" }, createdById: author.id } });
    const q = { sort: "createdAt" as const, dir: "asc" as const, page: 1, pageSize: 100 };
    await submit({ kind: "hosts", poolId: set[0]!.pool.id, count: 1 });
    await submit({ kind: "datastore_resize", datastoreId: set[0]!.ds.id, sizeGib: 4096 });
    await submit({ kind: "vlan", networks: [{ tag: 700, name: "rev-a" }] });
    const few = await countQueries(() => listReviewOrders(owner, q));
    for (const p of set.slice(1)) {
      await submit({ kind: "hosts", poolId: p.pool.id, count: 1 });
      await submit({ kind: "datastore_resize", datastoreId: p.ds.id, sizeGib: 4096 });
    }
    await submit({ kind: "vlan", networks: [{ tag: 701, name: "rev-b" }] });
    const many = await countQueries(() => listReviewOrders(owner, q));
    expect(many.result.rows).toHaveLength(14);
    expect(many.queries, many.sql.join("\n")).toBe(few.queries);
  });

  it("disabling an account checks the other owners of all its tenants in one statement", async () => {
    const count = async (tenants: number) => {
      const u = await createUser(db(), { cost: 4 });
      for (let i = 0; i < tenants; i++) {
        const t = await createTenant(db(), { organizationId: org.id });
        await grantMembership(db(), { userId: u.id, tenantId: t.id, permissions: [] });
        await db().membership.update({ where: { userId_tenantId: { userId: u.id, tenantId: t.id } }, data: { isOwner: true } });
        const other = await createUser(db(), { cost: 4 });
        await grantMembership(db(), { userId: other.id, tenantId: t.id, permissions: [] });
        await db().membership.update({ where: { userId_tenantId: { userId: other.id, tenantId: t.id } }, data: { isOwner: true } });
      }
      const r = await countQueries(() => setUserDisabled(owner, { userId: u.id, disabled: true }));
      expect(r.result.ok).toBe(true);
      return r.queries;
    };
    expect(await count(5)).toBe(await count(1));
  });
});
