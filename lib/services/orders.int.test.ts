import { describe, it, expect, beforeAll, beforeEach, afterEach } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize, authorizeOrganization } from "@/lib/auth/authorize";
import type { OrganizationContext, TenantContext } from "@/lib/auth/context";
import { setInfraFaults } from "@/lib/infra/driver";
import { runActivity } from "@/lib/jobs/runner";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { iopsLimit } from "@/lib/domain/storage";
import { PERMISSIONS } from "@/lib/permissions";
import type { SubmitOrderInput } from "@/lib/validation/orders";
import { submitOrderAction } from "@/lib/actions/orders/submit-order";
import { call, makeApiTenant, memberWithToken } from "@/test/api/fixture";
import { signInAs, signOut } from "@/test/integration/session";
import { approveOrder, cancelOrder, getOrder, listReviewOrders, rejectOrder, submitOrder } from "./orders";

// One organization with two tenants (a, b) and its owner; a second organization with its own owner.
const s = {
  a: null as unknown as TenantContext,
  aOther: null as unknown as TenantContext,
  b: null as unknown as TenantContext,
  owner: null as unknown as OrganizationContext,
  operator: null as unknown as OrganizationContext,
  strangerOwner: null as unknown as OrganizationContext,
};

async function userCtx(tenantId: string) {
  const user = await createUser(db(), { cost: 4 });
  await grantMembership(db(), { userId: user.id, tenantId, permissions: PERMISSIONS });
  const r = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: tenantId });
  if (!r.ok) throw new Error("no context");
  return r.ctx;
}

async function orgCtx(organizationId: string, role: "OWNER" | "OPERATOR") {
  const user = await createUser(db(), { cost: 4 });
  await db().organizationMember.create({ data: { organizationId, userId: user.id, role } });
  const r = await authorizeOrganization({ type: "user", userId: user.id, email: user.email, name: user.name }, organizationId, role);
  if (!r.ok) throw new Error(`no organization context: ${r.reason}`);
  return r.ctx;
}

const order = (id: string) => db().order.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { createdAt: "asc" } } } });
const activity = (id: string) => db().activity.findUniqueOrThrow({ where: { id } });

/** Submits and lets the submission's activity end, as the worker would. */
async function submitted(ctx: TenantContext, input: SubmitOrderInput) {
  const r = await submitOrder(ctx, input);
  if (!r.ok) throw new Error(JSON.stringify(r.violations));
  expect(await runActivity(r.value.activityId)).toBe("completed");
  return r.value.orderId;
}

const datastore512: SubmitOrderInput = { kind: "datastore", azId: "PAR7S", tier: "STANDARD", sizeGib: 512, count: 2 };

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id });
  const b = await createTenant(db(), { organizationId: org.id });
  s.a = await userCtx(a.id);
  s.aOther = await userCtx(a.id);
  s.b = await userCtx(b.id);
  s.owner = await orgCtx(org.id, "OWNER");
  s.operator = await orgCtx(org.id, "OPERATOR");
  const other = await createOrganization(db());
  await createTenant(db(), { organizationId: other.id });
  s.strangerOwner = await orgCtx(other.id, "OWNER");
});

beforeEach(async () => {
  // Each test starts with no open order in tenant a.
  await db().order.updateMany({ where: { tenantId: s.a.tenant.id, status: { in: ["SUBMITTED", "IN_REVIEW"] } }, data: { status: "CANCELLED", busyActivityId: null } });
});
afterEach(() => setInfraFaults([]));

describe("a datastore order", () => {
  it("is submitted, approved by an owner of the organization and delivered: its two datastores appear with their IOPS, and the order links to them", async () => {
    const r = await submitOrder(s.a, datastore512);
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    expect(await order(r.value.orderId)).toMatchObject({ status: "SUBMITTED", resourceType: "DATASTORE", busyActivityId: r.value.activityId, createdById: (s.a.actor as { userId: string }).userId });
    expect(await activity(r.value.activityId)).toMatchObject({ type: "order.submit", state: "WAITING", resourceType: "order", resourceId: r.value.orderId });
    await expect(approveOrder(s.owner, { orderId: r.value.orderId })).rejects.toBeInstanceOf(ConflictError); // still being registered
    expect(await runActivity(r.value.activityId)).toBe("completed");
    expect(await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, action: "order.submit", targetId: r.value.orderId } })).toMatchObject({ outcome: "SUCCEEDED", actorType: "USER" });

    const approved = await approveOrder(s.owner, { orderId: r.value.orderId });
    if (!approved.ok) throw new Error(JSON.stringify(approved.violations));
    expect(approved.value.tenantSlug).toBe(s.a.tenant.slug);
    expect(await order(r.value.orderId)).toMatchObject({ status: "IN_REVIEW" });
    const delivery = await activity(approved.value.activityId);
    expect(delivery).toMatchObject({ type: "order.deliver_datastore", tenantId: s.a.tenant.id, initiatorId: (s.owner.actor as { userId: string }).userId, state: "WAITING" });
    // Nothing exists before the provider has installed it.
    expect(await db().datastore.count({ where: { tenantId: s.a.tenant.id } })).toBe(0);
    await expect(cancelOrder(s.a, { orderId: r.value.orderId })).rejects.toBeInstanceOf(ConflictError);

    expect(await runActivity(approved.value.activityId)).toBe("completed");
    const stores = await db().datastore.findMany({ where: { tenantId: s.a.tenant.id }, orderBy: { name: "asc" } });
    const prefix = `ds-${s.a.tenant.slug.slice(0, 3)}-standard-`;
    expect(stores.map((d) => [d.name, d.sizeGib, d.tierCode, d.azId])).toEqual([
      [`${prefix}01`, 512, "STANDARD", "PAR7S"],
      [`${prefix}02`, 512, "STANDARD", "PAR7S"],
    ]);
    const ds = stores[0]!;
    const both = stores.map((d) => ({ type: "datastore", id: d.id, name: d.name }));
    expect(iopsLimit("STANDARD", ds.sizeGib)).toBe(750);
    const done = await order(r.value.orderId);
    expect(done).toMatchObject({ status: "DELIVERED", deliveredId: ds.id, busyActivityId: null });
    expect(done.events.map((e) => [e.kind, e.status])).toEqual([
      ["SUBMITTED", "SUBMITTED"],
      ["APPROVED", "IN_REVIEW"],
      ["DELIVERED", "DELIVERED"],
    ]);
    expect(done.events[1]).toMatchObject({ actorType: "USER", activityId: approved.value.activityId });
    expect(done.events[2]).toMatchObject({ actorType: "SYSTEM", details: { resources: both } });
    expect(await activity(approved.value.activityId)).toMatchObject({ state: "COMPLETED", resultId: ds.id });
    expect(await db().auditEvent.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, action: "order.approve", targetId: r.value.orderId } })).toMatchObject({
      outcome: "SUCCEEDED",
      organizationId: s.a.tenant.organizationId,
      details: { activityId: approved.value.activityId, before: { status: "SUBMITTED" }, after: { status: "IN_REVIEW" } },
    });
    const view = await getOrder(s.a, r.value.orderId);
    expect(view.resources).toEqual(both);
    expect(view.events.map((e) => e.activity?.state ?? null)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED"]);
  });

  it("refuses a second open datastore order in the tenant, naming the open one, while another type goes through", async () => {
    const first = await submitted(s.a, datastore512);
    const second = await submitOrder(s.a, { ...datastore512, sizeGib: 1024 });
    expect(!second.ok && second.violations).toEqual([expect.objectContaining({ code: "ORDER.ALREADY_OPEN", subject: first, limit: 1, actual: 2 })]);
    expect(await db().auditEvent.count({ where: { tenantId: s.a.tenant.id, action: "order.submit", outcome: "REFUSED" } })).toBeGreaterThanOrEqual(1);
    // A resize is a datastore order too.
    const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, sizeGib: 1024 });
    const resize = await submitOrder(s.a, { kind: "datastore_resize", datastoreId: ds.id, sizeGib: 2048 });
    expect(!resize.ok && resize.violations.map((v) => v.code)).toEqual(["ORDER.ALREADY_OPEN"]);
    const vlan = await submitOrder(s.a, { kind: "vlan", networks: [{ tag: 310, name: "back" }] });
    expect(vlan.ok).toBe(true);
    // Another tenant of the organization orders on its own.
    expect((await submitOrder(s.b, datastore512)).ok).toBe(true);
  });

  it("lets exactly one of two datastore orders submitted at the same instant through", async () => {
    const results = await Promise.all([submitOrder(s.a, datastore512), submitOrder(s.aOther, { ...datastore512, sizeGib: 2048 })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.violations.map((v) => v.code)).toEqual(["ORDER.ALREADY_OPEN"]);
    expect(await db().order.count({ where: { tenantId: s.a.tenant.id, resourceType: "DATASTORE", status: "SUBMITTED" } })).toBe(1);
  });

  it("holds 2 to 10 datastores (ORDER.DATASTORE_COUNT), two when it does not say", async () => {
    for (const [count, limit] of [[1, 2], [11, 10]] as const) {
      const r = await submitOrder(s.a, { ...datastore512, count });
      expect(!r.ok && r.violations).toEqual([expect.objectContaining({ code: "ORDER.DATASTORE_COUNT", limit, actual: count, unit: "datastores" })]);
    }
    expect(await db().order.count({ where: { tenantId: s.a.tenant.id, status: "SUBMITTED" } })).toBe(0);
    const unsaid = await submitOrder(s.a, { kind: "datastore", azId: "PAR7S", tier: "STANDARD", sizeGib: 512 });
    if (!unsaid.ok) throw new Error(JSON.stringify(unsaid.violations));
    expect((await getOrder(s.a, unsaid.value.orderId)).summary).toBe("2 × 512 GiB FLASH Standard · PAR7S");
  });

  it("says each rule a datastore order breaks, with its numbers, and records the refusal", async () => {
    const small = await submitOrder(s.a, { ...datastore512, sizeGib: 499 });
    expect(!small.ok && small.violations[0]).toMatchObject({ code: "DATASTORE.MIN_SIZE", limit: 500, actual: 499 });
    const iops = await submitOrder(s.a, { ...datastore512, requestedIops: 1000 });
    expect(!iops.ok && iops.violations[0]).toMatchObject({ code: "DATASTORE.IOPS_LIMIT", limit: 750, actual: 1000 });
    expect(await db().order.count({ where: { tenantId: s.a.tenant.id, status: "SUBMITTED" } })).toBe(0);
    expect(await db().auditEvent.count({ where: { tenantId: s.a.tenant.id, action: "order.submit", outcome: "REFUSED", details: { path: ["violations", "0", "code"], equals: "DATASTORE.MIN_SIZE" } } })).toBe(1);
  });

  it("leaves no order when its registration fails on the infrastructure", async () => {
    setInfraFaults([{ type: "order.submit", step: "*" }]);
    const r = await submitOrder(s.a, datastore512);
    if (!r.ok) throw new Error("expected acceptance");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    expect(await db().order.findUnique({ where: { id: r.value.orderId } })).toBeNull();
    expect(await db().orderEvent.count({ where: { orderId: r.value.orderId } })).toBe(0);
  });
});

describe("reviewing orders", () => {
  it("rejects with the reviewer's note, which the author reads in the order's history", async () => {
    const id = await submitted(s.a, datastore512);
    const r = await rejectOrder(s.owner, { orderId: id, note: "Use the existing Premium volume instead." });
    if (!r.ok) throw new Error("expected rejection");
    expect(await runActivity(r.value.activityId)).toBe("completed");
    const o = await order(id);
    expect(o).toMatchObject({ status: "REJECTED", reviewNote: "Use the existing Premium volume instead.", busyActivityId: null });
    expect(o.events.at(-1)).toMatchObject({ kind: "REJECTED", status: "REJECTED", note: "Use the existing Premium volume instead.", actorLabel: (s.owner.actor as { email: string }).email });
    expect(await db().auditEvent.findFirstOrThrow({ where: { action: "order.reject", targetId: id } })).toMatchObject({ outcome: "SUCCEEDED", tenantId: s.a.tenant.id });
    await expect(approveOrder(s.owner, { orderId: id })).rejects.toBeInstanceOf(ConflictError);
    // Closed: a new datastore order may be submitted.
    expect((await submitOrder(s.a, datastore512)).ok).toBe(true);
  });

  it("puts a rejected order back to review when closing it fails on the infrastructure", async () => {
    const id = await submitted(s.a, datastore512);
    setInfraFaults([{ type: "order.reject", step: "*" }]);
    const r = await rejectOrder(s.owner, { orderId: id, note: "Not this quarter." });
    if (!r.ok) throw new Error("expected rejection");
    expect(await runActivity(r.value.activityId)).toBe("failed");
    const o = await order(id);
    expect(o).toMatchObject({ status: "SUBMITTED", reviewNote: null, busyActivityId: null });
    expect(o.events.map((e) => e.kind)).toEqual(["SUBMITTED"]);
  });

  it("is cancelled by its author only, and only before approval", async () => {
    const id = await submitted(s.a, datastore512);
    await expect(cancelOrder(s.aOther, { orderId: id })).rejects.toBeInstanceOf(ConflictError);
    await expect(cancelOrder(s.b, { orderId: id })).rejects.toBeInstanceOf(NotFoundError);
    const r = await cancelOrder(s.a, { orderId: id });
    if (!r.ok) throw new Error("expected cancellation");
    expect(await runActivity(r.value.activityId)).toBe("completed");
    const o = await order(id);
    expect(o.status).toBe("CANCELLED");
    expect(o.events.map((e) => [e.kind, e.actorLabel])).toEqual([
      ["SUBMITTED", (s.a.actor as { email: string }).email],
      ["CANCELLED", (s.a.actor as { email: string }).email],
    ]);
    expect(await db().auditEvent.count({ where: { action: "order.cancel", targetId: id, outcome: "SUCCEEDED" } })).toBe(1);
    await expect(cancelOrder(s.a, { orderId: id })).rejects.toBeInstanceOf(ConflictError);
  });

  it("shows owners every tenant's submitted orders, each with what the rules say today", async () => {
    const mine = await submitted(s.a, { kind: "vlan", networks: [{ tag: 400, name: "review-a" }] });
    const theirs = await submitted(s.b, { kind: "vlan", networks: [{ tag: 400, name: "review-b" }] });
    const q = await listReviewOrders(s.owner, { sort: "createdAt", dir: "asc", page: 1, pageSize: 100 });
    const ids = q.rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([mine, theirs]));
    expect(q.rows.find((r) => r.id === theirs)).toMatchObject({ tenant: { id: s.b.tenant.id }, violations: [] });
    const stranger = await listReviewOrders(s.strangerOwner, { sort: "createdAt", dir: "asc", page: 1, pageSize: 100 });
    expect(stranger.rows.map((r) => r.id)).not.toContain(mine);
  });

  it("keeps review inside the organization and for its owners", async () => {
    const id = await submitted(s.a, datastore512);
    await expect(approveOrder(s.strangerOwner, { orderId: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(rejectOrder(s.strangerOwner, { orderId: id, note: "not mine to say" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(approveOrder(s.operator, { orderId: id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await order(id)).status).toBe("SUBMITTED");
  });
});

describe("compute orders", () => {
  it("delivers a pool with its hosts, named after the tenant, node type and AZ", async () => {
    const r = await submitOrder(s.a, { kind: "pool", azId: "TH3S", nodeType: "STANDARD_V3", hostCount: 3, haEnabled: true });
    if (!r.ok) throw new Error(JSON.stringify(r.violations));
    await runActivity(r.value.activityId);
    const approved = await approveOrder(s.owner, { orderId: r.value.orderId });
    if (!approved.ok) throw new Error(JSON.stringify(approved.violations));
    expect((await activity(approved.value.activityId)).type).toBe("order.deliver_pool");
    expect(await runActivity(approved.value.activityId)).toBe("completed");
    const prefix = s.a.tenant.slug.slice(0, 3);
    const pool = await db().computePool.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, name: `${prefix}-standard-th3s` }, include: { hosts: { orderBy: { name: "asc" } } } });
    expect(pool).toMatchObject({ azId: "TH3S", nodeTypeCode: "STANDARD_V3", activatedMemoryGb: 384, haEnabled: true });
    expect(pool.hosts.map((h) => [h.name, h.status])).toEqual([1, 2, 3].map((n) => [`${prefix}-standard-th3s-esx0${n}`, "CONNECTED"]));
    expect((await getOrder(s.a, r.value.orderId)).resources.map((x) => x.type)).toEqual(["pool", "host", "host", "host"]);
  });

  it("says a pool order's rules: 32 hosts at most, memory in its range, and the SLA of a single host as a warning", async () => {
    const many = await submitOrder(s.a, { kind: "pool", azId: "PAR7S", nodeType: "ECO_V3", hostCount: 33, haEnabled: true });
    expect(!many.ok && many.violations.map((v) => [v.code, v.limit, v.actual])).toContainEqual(["CPOOL.MAX_HOSTS", 32, 33]);
    const memory = await submitOrder(s.a, { kind: "pool", azId: "PAR7S", nodeType: "ECO_V3", hostCount: 3, activatedMemoryGb: 1200, haEnabled: true });
    expect(!memory.ok && memory.violations.map((v) => [v.code, v.limit, v.actual])).toContainEqual(["CPOOL.MEMORY_RESERVATION_RANGE", 1152, 1200]);
    const single = await submitOrder(s.a, { kind: "pool", azId: "PAR7S", nodeType: "ECO_V3", hostCount: 1, haEnabled: true });
    expect(single.ok && single.warnings.map((v) => v.code)).toEqual(["CPOOL.SLA_INELIGIBLE"]);
  });

  it("adds hosts to a pool, numbered after its last one, with 128 GB more each by default; refuses another node type", async () => {
    const { pool } = await createPool(db(), { tenantId: s.a.tenant.id, hosts: 2, nodeTypeCode: "STANDARD_V3", activatedMemoryGb: 512, name: `grow-${Date.now().toString(36)}` });
    const mixed = await submitOrder(s.a, { kind: "hosts", poolId: pool.id, count: 1, nodeType: "PERF2_V3" });
    expect(!mixed.ok && mixed.violations.map((v) => v.code)).toContain("CPOOL.MIXED_NODE_TYPES");
    const range = await submitOrder(s.a, { kind: "hosts", poolId: pool.id, count: 1, activatedMemoryGb: 1200 });
    expect(!range.ok && range.violations.map((v) => [v.code, v.limit, v.actual])).toEqual([["CPOOL.MEMORY_RESERVATION_RANGE", 1152, 1200]]);
    const tooMany = await submitOrder(s.a, { kind: "hosts", poolId: pool.id, count: 31 });
    expect(!tooMany.ok && tooMany.violations.map((v) => [v.code, v.actual])).toContainEqual(["CPOOL.MAX_HOSTS", 33]);
    const id = await submitted(s.a, { kind: "hosts", poolId: pool.id, count: 2 });
    const approved = await approveOrder(s.owner, { orderId: id });
    if (!approved.ok) throw new Error(JSON.stringify(approved.violations));
    expect(await runActivity(approved.value.activityId)).toBe("completed");
    const after = await db().computePool.findUniqueOrThrow({ where: { id: pool.id }, include: { hosts: { orderBy: { name: "asc" } } } });
    expect(after.activatedMemoryGb).toBe(768);
    expect(after.hosts.map((h) => h.name.slice(-5))).toEqual(["esx01", "esx02", "esx03", "esx04"]);
    await expect(submitOrder(s.a, { kind: "hosts", poolId: (await createPool(db(), { tenantId: s.b.tenant.id, hosts: 1 })).pool.id, count: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("leaves nothing half-made when a delivery step fails: no pool, no host, and the order awaits review again", async () => {
    const id = await submitted(s.a, { kind: "pool", azId: "AZ07", nodeType: "ECO_V3", hostCount: 2, haEnabled: true });
    setInfraFaults([{ type: "order.deliver_pool", step: "install_esxi" }]);
    const approved = await approveOrder(s.owner, { orderId: id });
    if (!approved.ok) throw new Error(JSON.stringify(approved.violations));
    expect(await runActivity(approved.value.activityId)).toBe("failed");
    expect(await activity(approved.value.activityId)).toMatchObject({ state: "FAILED", failure: { code: "INFRA_FAULT" } });
    expect(await db().computePool.count({ where: { tenantId: s.a.tenant.id, azId: "AZ07" } })).toBe(0);
    const o = await order(id);
    expect(o).toMatchObject({ status: "SUBMITTED", busyActivityId: null, deliveredId: null });
    expect(o.events.map((e) => e.kind)).toEqual(["SUBMITTED", "APPROVED", "DELIVERY_FAILED"]);
    // Approved again once the fault is gone, it is delivered.
    setInfraFaults([]);
    const again = await approveOrder(s.owner, { orderId: id });
    if (!again.ok) throw new Error("expected approval");
    expect(await runActivity(again.value.activityId)).toBe("completed");
    expect(await db().host.count({ where: { tenantId: s.a.tenant.id, pool: { azId: "AZ07" } } })).toBe(2);
  });
});

describe("datastore changes", () => {
  async function usedDatastore(sizeGib: number, tierCode: "STANDARD" | "PREMIUM" = "STANDARD") {
    const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, sizeGib, tierCode });
    const { pool, hosts } = await createPool(db(), { tenantId: s.a.tenant.id, hosts: 2 });
    // 600 GiB of thick disks and a running 16 GB VM demanding 900 IOPS.
    await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: ds.id, hostId: hosts[0]!.id, diskGib: 600, memoryGb: 16, powerState: "POWERED_ON", iopsDemand: 900 });
    return ds;
  }

  it("refuses a shrink below what the disks and swap files hold, and one that cuts IOPS below today's demand", async () => {
    const ds = await usedDatastore(1024);
    const below = await submitOrder(s.a, { kind: "datastore_resize", datastoreId: ds.id, sizeGib: 600 });
    expect(!below.ok && below.violations.map((v) => [v.code, v.limit, v.actual])).toContainEqual(["DATASTORE.MIN_SIZE", 616, 600]);
    const reserve = await submitOrder(s.a, { kind: "datastore_resize", datastoreId: ds.id, sizeGib: 680 });
    expect(!reserve.ok && reserve.violations.map((v) => v.code)).toContain("DATASTORE.SNAPSHOT_RESERVE");
    const iops = await submitOrder(s.a, { kind: "datastore_tier", datastoreId: ds.id, tier: "ESSENTIEL" });
    expect(!iops.ok && iops.violations[0]).toMatchObject({ code: "DATASTORE.IOPS_LIMIT", limit: 500, actual: 900 });
    await expect(submitOrder(s.a, { kind: "datastore_tier", datastoreId: ds.id, tier: "STANDARD" })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("accepts a shrink that leaves thin disks promising more than the room left, with the warning", async () => {
    const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, sizeGib: 4096 });
    const { pool } = await createPool(db(), { tenantId: s.a.tenant.id, hosts: 2 });
    // 2 TiB promised by a thin disk that wrote 40 % of it.
    await createVm(db(), { tenantId: s.a.tenant.id, poolId: pool.id, datastoreId: ds.id, diskGib: 2000, thin: true, powerState: "POWERED_OFF" });
    const r = await submitOrder(s.a, { kind: "datastore_resize", datastoreId: ds.id, sizeGib: 2000 });
    expect(r.ok && r.warnings.map((v) => [v.code, v.actual])).toEqual([["DATASTORE.THIN_OVERCOMMIT", 2000]]);
  });

  it("refuses a Global Mirror datastore a tier Global Mirror cannot run on", async () => {
    const ds = await createDatastore(db(), { tenantId: s.a.tenant.id, tierCode: "PREMIUM", sizeGib: 2048 });
    await db().replication.create({ data: { tenantId: s.a.tenant.id, kind: "GLOBAL_MIRROR", sourceAzId: "PAR7S", targetAzId: "TH3S", datastoreId: ds.id, promisedRpoMinutes: 15, status: "ACTIVE" } });
    const r = await submitOrder(s.a, { kind: "datastore_tier", datastoreId: ds.id, tier: "ULTRA" });
    expect(!r.ok && r.violations.map((v) => v.code)).toContain("REPLICATION.GM_TIER");
  });

  it("grows a datastore once delivered", async () => {
    const ds = await usedDatastore(1024);
    const id = await submitted(s.a, { kind: "datastore_resize", datastoreId: ds.id, sizeGib: 2048 });
    const approved = await approveOrder(s.owner, { orderId: id });
    if (!approved.ok) throw new Error("expected approval");
    expect(await runActivity(approved.value.activityId)).toBe("completed");
    expect(await db().datastore.findUniqueOrThrow({ where: { id: ds.id } })).toMatchObject({ sizeGib: 2048 });
  });

  it("decides again at delivery: a shrink that no longer fits is refused with its rule, and the datastore keeps its size", async () => {
    const ds = await usedDatastore(2048);
    const id = await submitted(s.a, { kind: "datastore_resize", datastoreId: ds.id, sizeGib: 1024 });
    const approved = await approveOrder(s.owner, { orderId: id });
    if (!approved.ok) throw new Error(JSON.stringify(approved.violations));
    // Meanwhile 500 GiB more of thick disks land on it.
    await db().vmDisk.create({ data: { tenantId: s.a.tenant.id, vmId: (await db().vm.findFirstOrThrow({ where: { datastoreId: ds.id } })).id, datastoreId: ds.id, label: "Hard disk 2", sizeGib: 500, usedGib: 500 } });
    expect(await runActivity(approved.value.activityId)).toBe("failed");
    const a = await activity(approved.value.activityId);
    expect(a.failure).toMatchObject({ code: "DATASTORE.MIN_SIZE", message: { en: expect.stringContaining("1116 GiB"), fr: expect.stringContaining("1116 Gio") } });
    expect(await db().datastore.findUniqueOrThrow({ where: { id: ds.id } })).toMatchObject({ sizeGib: 2048 });
    expect(await order(id)).toMatchObject({ status: "SUBMITTED" });
    // Approval now asks the rules on today's inventory and refuses, audited.
    const again = await approveOrder(s.owner, { orderId: id });
    expect(!again.ok && again.violations.map((v) => v.code)).toContain("DATASTORE.MIN_SIZE");
    expect(await db().auditEvent.count({ where: { action: "order.approve", targetId: id, outcome: "REFUSED" } })).toBe(1);
  });
});

describe("a VLAN order", () => {
  it("is delivered as a VLAN of the tenant; a tag in use is refused next to its field", async () => {
    const id = await submitted(s.a, { kind: "vlan", networks: [{ tag: 220, name: "app-back" }] });
    const approved = await approveOrder(s.owner, { orderId: id });
    if (!approved.ok) throw new Error("expected approval");
    expect(await runActivity(approved.value.activityId)).toBe("completed");
    expect(await db().vlan.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, tag: 220 } })).toMatchObject({ name: "app-back" });
    const again = await submitOrder(s.a, { kind: "vlan", networks: [{ tag: 220, name: "other" }] }).catch((e) => e);
    expect(again).toBeInstanceOf(InvalidInputError);
    expect(Object.keys((again as InvalidInputError).fields)).toEqual(["networks.0.tag"]);
  });

  it("of 3 networks is reviewed and delivered in one activity: the 3 VLANs appear with their subnets, and the order lists them", async () => {
    const networks = [
      { tag: 230, name: "web" },
      { tag: 231, name: "app" },
      { tag: 232, name: "db" },
    ];
    const id = await submitted(s.a, { kind: "vlan", networks });
    const queued = (await listReviewOrders(s.owner, { page: 1, pageSize: 50, sort: "createdAt", dir: "asc" })).rows.find((o) => o.id === id)!;
    expect(queued).toMatchObject({ summary: "3 VLANs: 230, 231, 232", violations: [], input: { kind: "vlan", networks } });
    const approved = await approveOrder(s.owner, { orderId: id });
    if (!approved.ok) throw new Error("expected approval");
    expect(await activity(approved.value.activityId)).toMatchObject({ type: "order.deliver_vlan" });
    expect(await db().vlan.count({ where: { tenantId: s.a.tenant.id, tag: { in: [230, 231, 232] } } })).toBe(0);
    expect(await runActivity(approved.value.activityId)).toBe("completed");
    const made = await db().vlan.findMany({ where: { tenantId: s.a.tenant.id, tag: { in: [230, 231, 232] } }, orderBy: { tag: "asc" } });
    expect(made.map((v) => [v.tag, v.name, v.subnet !== null])).toEqual([
      [230, "web", true],
      [231, "app", true],
      [232, "db", true],
    ]);
    const view = await getOrder(s.a, id);
    expect(view).toMatchObject({ status: "DELIVERED", summary: "3 VLANs: 230, 231, 232", input: { networks } });
    expect(view.resources).toEqual(made.map((v) => ({ type: "vlan", id: v.id, name: `${v.tag} ${v.name}` })));
  });

  it("makes none of its networks when one of their tags was taken between approval and delivery", async () => {
    const id = await submitted(s.a, { kind: "vlan", networks: [{ tag: 240, name: "one" }, { tag: 241, name: "two" }] });
    const approved = await approveOrder(s.owner, { orderId: id });
    if (!approved.ok) throw new Error("expected approval");
    await db().vlan.create({ data: { tenantId: s.a.tenant.id, tag: 241, name: "meanwhile" } });
    expect(await runActivity(approved.value.activityId)).toBe("failed");
    expect(await activity(approved.value.activityId)).toMatchObject({ state: "FAILED", failure: { code: "VLAN.TAG_IN_USE" } });
    expect(await db().vlan.count({ where: { tenantId: s.a.tenant.id, tag: 240 } })).toBe(0);
    expect(await order(id)).toMatchObject({ status: "SUBMITTED", deliveredId: null });
  });

  it("refuses 21 networks (ORDER.NETWORK_COUNT, 20 at most) and a tag twice in the order, and writes no order", async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ tag: 600 + i, name: `n-${600 + i}` }));
    const r = await submitOrder(s.a, { kind: "vlan", networks: rows(21) });
    if (r.ok) throw new Error("accepted");
    expect(r.violations.map((v) => [v.code, v.limit, v.actual])).toEqual([["ORDER.NETWORK_COUNT", 20, 21]]);
    const twice = await submitOrder(s.a, { kind: "vlan", networks: [{ tag: 650, name: "x" }, { tag: 650, name: "y" }] }).catch((e) => e);
    expect(twice).toBeInstanceOf(InvalidInputError);
    expect((twice as InvalidInputError).fields["networks.1.tag"]?.en).toBe("VLAN 650 is in this order twice (networks 1 and 2); one tag names one network. Give each network its own tag.");
    expect(await db().order.count({ where: { tenantId: s.a.tenant.id, resourceType: "VLAN", status: "SUBMITTED" } })).toBe(0);
    // 20 pass.
    expect((await submitOrder(s.a, { kind: "vlan", networks: rows(20) })).ok).toBe(true);
  });

  it("reads an order stored in the first shape, one VLAN as { tag, name }, and delivers it", async () => {
    const author = (s.a.actor as { userId: string }).userId;
    const stored = await db().order.create({
      data: { tenantId: s.a.tenant.id, resourceType: "VLAN", status: "SUBMITTED", payload: { kind: "vlan", tag: 250, name: "legacy", summary: "VLAN 250 legacy" }, createdById: author },
    });
    expect((await getOrder(s.a, stored.id)).input).toEqual({ kind: "vlan", networks: [{ tag: 250, name: "legacy" }] });
    const approved = await approveOrder(s.owner, { orderId: stored.id });
    if (!approved.ok) throw new Error("expected approval");
    expect(await runActivity(approved.value.activityId)).toBe("completed");
    expect(await db().vlan.findFirstOrThrow({ where: { tenantId: s.a.tenant.id, tag: 250 } })).toMatchObject({ name: "legacy" });
  });
});

describe("a VLAN order of 21 networks through both doors", () => {
  it("is refused by the console action and by POST /orders with ORDER.NETWORK_COUNT, limit 20, actual 21", async () => {
    const org = await createOrganization(db());
    const f = await makeApiTenant(org.id);
    const networks = Array.from({ length: 21 }, (_, i) => ({ tag: 700 + i, name: `door-${i + 1}` }));
    const admin = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: admin.id, tenantId: f.tenantId, permissions: PERMISSIONS });
    signInAs(admin);
    try {
      const viaAction = await submitOrderAction(f.tenantId, null, { kind: "vlan", networks });
      expect(viaAction).toMatchObject({ ok: false, code: "REFUSED", violations: [expect.objectContaining({ code: "ORDER.NETWORK_COUNT", limit: 20, actual: 21 })] });
    } finally {
      signOut();
    }
    const { secret } = await memberWithToken(f.tenantId);
    const res = await call("orders", "POST", { token: secret, body: { kind: "vlan", networks } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { violations: { code: string; limit: number; actual: number; message: string }[] };
    expect(body.violations).toEqual([expect.objectContaining({ code: "ORDER.NETWORK_COUNT", limit: 20, actual: 21, message: "One order holds at most 20 networks; this one would hold 21. Split it into several." })]);
    expect(await db().order.count({ where: { tenantId: f.tenantId, resourceType: "VLAN" } })).toBe(0);
  });
});
