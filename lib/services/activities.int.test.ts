import { describe, it, expect, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import { runActivity } from "@/lib/jobs/runner";
import { setInfraFaults } from "@/lib/infra/driver";
import { ForbiddenError } from "@/lib/errors";
import { PERMISSIONS, type Permission } from "@/lib/permissions";
import { parseActivityListQuery, type ActivityListQuery } from "@/lib/validation/activity-list";
import { activityInitiators, activitySteps, getActivity, listActivities } from "./activities";
import { NotFoundError } from "@/lib/errors";
import { powerVm, setTags } from "./vms";

// Tenant A: two people, three VMs, a history written through the real services (so the
// resource, its name and the initiator are what a user's click records), plus seeded rows
// with fixed dates. Tenant B has activities of its own that A must never see.
const s = {
  a: null as unknown as TenantContext,
  a2: null as unknown as TenantContext,
  b: null as unknown as TenantContext,
  web: "",
  db1: "",
  pct: "",
  theirs: "",
  /** web-01 powered off (completed), db-01's power-off (failed at its first step), odd%name's tags (waiting). */
  done: "",
  failed: "",
  waiting: "",
};

async function ctxFor(tenantId: string, permissions: readonly Permission[] = PERMISSIONS, name?: string) {
  const user = await createUser(db(), { cost: 4, name });
  await grantMembership(db(), { userId: user.id, tenantId, permissions });
  const r = await authorize({ type: "user", userId: user.id, email: user.email, name: user.name }, { id: tenantId });
  if (!r.ok) throw new Error("no context");
  return r.ctx;
}

const q = (params: Record<string, string> = {}): ActivityListQuery => parseActivityListQuery(params);

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id });
  const b = await createTenant(db(), { organizationId: org.id });
  s.a = await ctxFor(a.id, PERMISSIONS, "Alice");
  s.a2 = await ctxFor(a.id, PERMISSIONS, "Bob");
  s.b = await ctxFor(b.id);
  const { pool, hosts } = await createPool(db(), { tenantId: a.id, hosts: 2 });
  const ds = await createDatastore(db(), { tenantId: a.id });
  const mk = (name: string, powerState: "POWERED_ON" | "POWERED_OFF") => createVm(db(), { tenantId: a.id, poolId: pool.id, datastoreId: ds.id, hostId: powerState === "POWERED_ON" ? hosts[0]!.id : null, name, powerState });
  s.web = (await mk("web-01", "POWERED_ON")).id;
  s.db1 = (await mk("db-01", "POWERED_ON")).id;
  s.pct = (await mk("odd%name", "POWERED_OFF")).id;
  const theirPool = await createPool(db(), { tenantId: b.id, hosts: 1 });
  const theirDs = await createDatastore(db(), { tenantId: b.id });
  s.theirs = (await createVm(db(), { tenantId: b.id, poolId: theirPool.pool.id, datastoreId: theirDs.id, name: "web-01", powerState: "POWERED_ON", hostId: theirPool.hosts[0]!.id })).id;

  // Alice powers web-01 off (completes); Bob tags db-01 (completes), then powers it off (fails on the infrastructure).
  const off = await powerVm(s.a, { vmId: s.web, action: "off" });
  if (!off.ok) throw new Error("setup");
  await runActivity(off.value.activityId);
  s.done = off.value.activityId;
  const tags = await setTags(s.a2, { vmId: s.db1, tags: ["env:prod"] });
  if (!tags.ok) throw new Error("setup");
  await runActivity(tags.value.activityId);
  setInfraFaults([{ type: "vm.power_off", step: "shutdown_guest" }]);
  const failing = await powerVm(s.a2, { vmId: s.db1, action: "off" });
  if (!failing.ok) throw new Error("setup");
  await runActivity(failing.value.activityId);
  s.failed = failing.value.activityId;
  setInfraFaults([]);
  // Still waiting: nobody ran it.
  const waiting = await setTags(s.a, { vmId: s.pct, tags: ["odd"] });
  if (!waiting.ok) throw new Error("setup");
  s.waiting = waiting.value.activityId;
  // Tenant B's own history.
  await powerVm(s.b, { vmId: s.theirs, action: "off" });
});

describe("a tenant's activity history", () => {
  it("lists the tenant's activities newest first, with the resource, its name and who asked", async () => {
    const { total, rows } = await listActivities(s.a, q());
    expect(total).toBe(4);
    expect(rows.map((r) => [r.type, r.concernedItems[0]?.name, r.initiator?.name, r.state])).toEqual([
      ["vm.tags_set", "odd%name", "Alice", "WAITING"],
      ["vm.power_off", "db-01", "Bob", "FAILED"],
      ["vm.tags_set", "db-01", "Bob", "COMPLETED"],
      ["vm.power_off", "web-01", "Alice", "COMPLETED"],
    ]);
    expect(rows[3]!.resource).toEqual({ type: "vm", id: s.web });
  });

  it("says why a failed activity failed", async () => {
    const { rows } = await listActivities(s.a, q({ state: "FAILED" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.failure?.message.en).toMatch(/Shutting the guest down/);
  });

  it.each([
    [{ state: "COMPLETED" }, 2],
    [{ state: "WAITING" }, 1],
    [{ type: "vm.tags_set" }, 2],
    [{ type: "vm.create" }, 0],
    [{ q: "DB-0" }, 2],
    [{ q: "%" }, 1],
    [{ q: "web" }, 1],
  ])("filters %j in the database: %i rows", async (filter, count) => {
    const r = await listActivities(s.a, q(filter));
    expect(r.total).toBe(count);
    expect(r.rows).toHaveLength(count);
  });

  it("gives one resource's own history by type and id", async () => {
    const { rows } = await listActivities(s.a, q({ resourceType: "vm", resourceId: s.db1 }));
    expect(rows.map((r) => r.type)).toEqual(["vm.power_off", "vm.tags_set"]);
    expect(rows.every((r) => r.resource?.id === s.db1)).toBe(true);
  });

  it("filters by initiator, and offers the tenant's members as initiators", async () => {
    const bob = s.a2.actor.type === "user" ? s.a2.actor.userId : "";
    const { rows } = await listActivities(s.a, q({ initiator: bob }));
    expect(rows.map((r) => r.initiator?.name)).toEqual(["Bob", "Bob"]);
    expect((await activityInitiators(s.a)).map((p) => p.name)).toEqual(["Alice", "Bob"]);
  });

  it("pages in the database without overlap", async () => {
    const first = await listActivities(s.a, q({ pageSize: "25" }));
    const pages = await Promise.all([1, 2, 3, 4].map(async (page) => (await listActivities(s.a, { ...q(), pageSize: 1, page })).rows.map((r) => r.id)));
    expect(pages.flat()).toEqual(first.rows.map((r) => r.id));
    expect((await listActivities(s.a, { ...q(), pageSize: 1, page: 2 })).total).toBe(4);
  });

  it("never shows another tenant's activities, even asked by its resource's id", async () => {
    expect((await listActivities(s.b, q())).rows.map((r) => r.concernedItems[0]?.name)).toEqual(["web-01"]);
    expect((await listActivities(s.a, q({ resourceType: "vm", resourceId: s.theirs }))).total).toBe(0);
    expect((await listActivities(s.a, q({ q: "web" }))).rows.every((r) => r.resource?.id === s.web)).toBe(true);
  });

  it("needs activity:read", async () => {
    const reader = await ctxFor(s.a.tenant.id, PERMISSIONS.filter((p) => p !== "activity:read"));
    await expect(listActivities(reader, q())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(activityInitiators(reader)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("one activity's page", () => {
  const time = (iso: string | null) => (iso ? Date.parse(iso) : NaN);

  it("shows each step of a completed activity with when it began and ended, in order", async () => {
    const a = await getActivity(s.a, s.done);
    expect(a.steps.map((st) => [st.key, st.state])).toEqual([["shutdown_guest", "done"], ["release_swap", "done"]]);
    const [shut, swap] = a.steps;
    expect(shut!.label.en).toBe("Shutting the guest down");
    expect(time(shut!.startedAt)).toBeGreaterThanOrEqual(time(a.startedAt));
    expect(shut!.endedAt).toBe(swap!.startedAt);
    expect(swap!.endedAt).toBe(a.completedAt);
    expect(a.attempts).toBe(1);
  });

  it("marks the step that failed and the steps never reached", async () => {
    const a = await getActivity(s.a, s.failed);
    expect(a.steps.map((st) => [st.key, st.state])).toEqual([["shutdown_guest", "failed"], ["release_swap", "skipped"]]);
    expect(a.steps[1]!.startedAt).toBeNull();
    expect(a.failure?.message.en).toMatch(/Shutting the guest down/);
  });

  it("lists a waiting activity's plan as pending", async () => {
    expect((await getActivity(s.a, s.waiting)).steps).toEqual([{ key: "write_tags", label: expect.objectContaining({ en: "Writing tags" }), state: "pending", startedAt: null, endedAt: null }]);
  });

  it("says a step was interrupted when a restart began the plan again", () => {
    const log = [
      { key: "shutdown_guest", at: "2027-01-01T10:00:00.000Z" },
      { key: "shutdown_guest", at: "2027-01-01T10:00:30.000Z" },
      { key: "release_swap", at: "2027-01-01T10:00:32.000Z" },
    ];
    const steps = activitySteps({ type: "vm.power_off", state: "RUNNING", completedAt: null }, log);
    expect(steps.map((st) => [st.state, st.endedAt])).toEqual([
      ["interrupted", "2027-01-01T10:00:30.000Z"],
      ["done", "2027-01-01T10:00:32.000Z"],
      ["running", null],
    ]);
  });

  it("says the last step was interrupted when a graceful stop handed the activity back (waiting again)", () => {
    const log = [
      { key: "shutdown_guest", at: "2027-01-01T10:00:00.000Z" },
      { key: "release_swap", at: "2027-01-01T10:00:02.000Z" },
    ];
    const steps = activitySteps({ type: "vm.power_off", state: "WAITING", completedAt: null }, log);
    expect(steps.map((st) => st.state)).toEqual(["done", "interrupted"]);
  });

  it("is not found from another tenant, and needs activity:read", async () => {
    await expect(getActivity(s.b, s.done)).rejects.toBeInstanceOf(NotFoundError);
    const reader = await ctxFor(s.a.tenant.id, PERMISSIONS.filter((p) => p !== "activity:read"));
    await expect(getActivity(reader, s.done)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
