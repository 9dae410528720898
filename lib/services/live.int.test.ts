import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { db } from "@/lib/db/client";
import { createDatastore, createOrganization, createPool, createTenant, createUser, createVm, grantMembership } from "@/lib/db/factories";
import { endUserSessions } from "@/lib/db/users";
import { notifyActivity } from "@/lib/db/live";
import { runActivity } from "@/lib/jobs/runner";
import type { Actor } from "@/lib/auth/context";
import type { LiveEvent } from "@/lib/domain/live";
import { ROLE_BUNDLES } from "@/lib/permissions";
import { signInAs, signOut } from "@/test/integration/session";
import { memberContext } from "@/test/integration/context";
import { GET } from "@/app/api/console/events/route";
import { createLiveHub, type LiveHub } from "./live-hub";
import { openLiveStream } from "./live";
import { powerVm } from "./vms";

// Live updates across instances: two hubs on one database stand for two instances of the console
// (each its own LISTEN connection). A write committed through change() in this process, and the
// worker's steps, reach the streams of both; a reader of another tenant hears nothing.

type Received = { event: string; data: unknown }[];

/** Reads a stream's events as they come, into `received`; `until` waits for one that matches. */
function reader(stream: ReadableStream<Uint8Array>) {
  const received: Received = [];
  const r = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let closed = false;
  void (async () => {
    for (;;) {
      const { value, done } = await r.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) received.push({ event, data: data ? JSON.parse(data) : null });
      }
    }
    closed = true;
  })();
  return {
    received,
    get closed() {
      return closed;
    },
    changes: () => received.filter((e) => e.event === "change").map((e) => e.data as LiveEvent),
    async until(match: (e: { event: string; data: unknown }) => boolean, ms = 2000) {
      const start = Date.now();
      while (Date.now() - start < ms) {
        const hit = received.find(match);
        if (hit) return { hit, ms: Date.now() - start };
        await new Promise((res) => setTimeout(res, 10));
      }
      throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(received)}`);
    },
    cancel: () => r.cancel(),
  };
}

const s = {
  tenantA: { id: "", slug: "" },
  tenantB: { id: "", slug: "" },
  userA: null as unknown as { id: string; email: string; name: string },
  userB: null as unknown as { id: string; email: string; name: string },
  vm: "",
  pool: "",
  ds: "",
  host: "",
};
/** A VM of tenant A for one test (each test powers its own). */
const newVm = async (powerState: "POWERED_ON" | "POWERED_OFF") => (await createVm(db(), { tenantId: s.tenantA.id, poolId: s.pool, datastoreId: s.ds, hostId: s.host, powerState })).id;
const actor = (u: { id: string; email: string; name: string }): Actor => ({ type: "user", userId: u.id, email: u.email, name: u.name });
let hubs: LiveHub[] = [];

beforeAll(async () => {
  const org = await createOrganization(db());
  const a = await createTenant(db(), { organizationId: org.id });
  const b = await createTenant(db(), { organizationId: org.id });
  s.tenantA = { id: a.id, slug: a.slug };
  s.tenantB = { id: b.id, slug: b.slug };
  s.userA = await createUser(db(), { cost: 4 });
  s.userB = await createUser(db(), { cost: 4 });
  await memberContext(a.id, ROLE_BUNDLES.tenantAdmin, s.userA);
  await memberContext(b.id, ROLE_BUNDLES.tenantAdmin, s.userB);
  const { pool, hosts } = await createPool(db(), { tenantId: a.id, hosts: 2, activatedMemoryGb: 512 });
  const ds = await createDatastore(db(), { tenantId: a.id });
  Object.assign(s, { pool: pool.id, ds: ds.id, host: hosts[0]!.id });
  s.vm = await newVm("POWERED_ON");
  // Two instances: two hubs, two LISTEN connections.
  hubs = [createLiveHub(process.env.DATABASE_URL!), createLiveHub(process.env.DATABASE_URL!)];
  await Promise.all(hubs.map((h) => h.ready()));
});

afterAll(async () => {
  // The route's own hub (the process's) too.
  const g = globalThis as unknown as { __consoleLiveHub?: LiveHub };
  await Promise.all([...hubs, ...(g.__consoleLiveHub ? [g.__consoleLiveHub] : [])].map((h) => h.close()));
});

async function open(who: Actor | null, tenants: string[], hub: LiveHub, heartbeatMs?: number) {
  const r = await openLiveStream(who, tenants, { hub, heartbeatMs });
  if (!r.ok) throw new Error(r.reason);
  const rd = reader(r.stream);
  await rd.until((e) => e.event === "ready");
  return rd;
}

describe("live updates across two instances", () => {
  it("a write on one instance reaches the other's subscribers within 2 s, with the worker's progress; another tenant's reader gets nothing", async () => {
    const [one, two] = hubs as [LiveHub, LiveHub];
    const here = await open(actor(s.userA), [], one);
    const there = await open(actor(s.userA), [s.tenantA.slug], two);
    const stranger = await open(actor(s.userB), [], two);
    expect(two.subscribers).toBe(2);

    const ctx = (await memberContextOf(s.userA, s.tenantA.id))!;
    const r = await powerVm(ctx, { vmId: s.vm, action: "off" });
    expect(r.ok).toBe(true);
    const activityId = r.ok ? r.value.activityId : "";

    const got = await there.until((e) => e.event === "change" && (e.data as LiveEvent).activity?.id === activityId);
    expect(got.ms).toBeLessThan(2000);
    expect(got.hit.data).toEqual({ tenant: s.tenantA.slug, activity: expect.objectContaining({ id: activityId, state: "WAITING" }), resources: expect.arrayContaining([{ type: "vm", id: s.vm }]) });
    await here.until((e) => e.event === "change" && (e.data as LiveEvent).activity?.id === activityId);

    // The worker's steps and its end publish too.
    expect(await runActivity(activityId)).toBe("completed");
    await there.until((e) => e.event === "change" && (e.data as LiveEvent).activity?.state === "RUNNING");
    await there.until((e) => e.event === "change" && (e.data as LiveEvent).activity?.state === "COMPLETED");
    const progress = there.changes().filter((e) => e.activity?.id === activityId).map((e) => e.activity!.progress);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));

    // Tenant B's member heard nothing of tenant A: not the activity, not the VM.
    await new Promise((res) => setTimeout(res, 300));
    expect(stranger.changes()).toEqual([]);
    expect(JSON.stringify(stranger.received)).not.toContain(s.vm);
    await Promise.all([here.cancel(), there.cancel(), stranger.cancel()]);
    // A tab that goes away leaves nothing subscribed behind it.
    expect([one.subscribers, two.subscribers]).toEqual([0, 0]);
  });

  it("a write rolled back publishes nothing", async () => {
    const there = await open(actor(s.userA), [], hubs[1]!);
    const ctx = (await memberContextOf(s.userA, s.tenantA.id))!;
    // Already powered off: a conflict, the transaction rolled back.
    await expect(powerVm(ctx, { vmId: await newVm("POWERED_OFF"), action: "off" })).rejects.toThrow(/already powered off/);
    await new Promise((res) => setTimeout(res, 300));
    expect(there.changes()).toEqual([]);
    await there.cancel();
  });

  it("after the database drops the hub's connection, it reconnects by itself, resynchronises its streams and delivers again", async () => {
    const hub = createLiveHub(process.env.DATABASE_URL!, { retryMs: 50 });
    await hub.ready();
    const stream = await open(actor(s.userA), [], hub);
    await db().$queryRaw`SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE application_name = 'console-live' AND datname = current_database()`;
    await stream.until((e) => e.event === "resync", 5000);
    // Every hub of this file was cut too: wait for all of them before the next write.
    await Promise.all([hub, ...hubs].map((h) => h.ready()));
    const ctx = (await memberContextOf(s.userA, s.tenantA.id))!;
    const r = await powerVm(ctx, { vmId: await newVm("POWERED_ON"), action: "off" });
    expect(r.ok).toBe(true);
    await stream.until((e) => e.event === "change" && (e.data as LiveEvent).activity?.id === (r.ok ? r.value.activityId : ""));
    await runActivity(r.ok ? r.value.activityId : "");
    await stream.cancel();
    await hub.close();
  });

  it("an instance that stops ends its streams first (the browser reconnects elsewhere), so its drain does not wait on them", async () => {
    const hub = createLiveHub(process.env.DATABASE_URL!);
    const stream = await open(actor(s.userA), [], hub);
    await hub.close();
    await stream.until((e) => e.event === "end" && (e.data as { reason: string }).reason === "RESTART");
    await expect.poll(() => stream.closed).toBe(true);
    // Its listening connection is gone; the other instances' remain.
    const listening = async () => (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'console-live' AND datname = current_database()`)[0]!.n;
    await expect.poll(listening).toBe(hubs.length);
  });

  it("a stream nobody reads any more (a tab gone without the server being told) is let go", async () => {
    const hub = createLiveHub(process.env.DATABASE_URL!);
    await hub.ready();
    const r = await openLiveStream(actor(s.userA), [], { hub, heartbeatMs: 5 });
    expect(r.ok).toBe(true);
    expect(hub.subscribers).toBe(1);
    await expect.poll(() => hub.subscribers, { timeout: 3000 }).toBe(0);
    await hub.close();
  });

  it("an organization's owner hears of the orders of its tenants they are not a member of, and of nothing else there", async () => {
    const owner = await createUser(db(), { cost: 4 });
    const org = await db().tenant.findUniqueOrThrow({ where: { id: s.tenantB.id }, select: { organizationId: true } });
    await db().organizationMember.create({ data: { organizationId: org.organizationId, userId: owner.id, role: "OWNER" } });
    const stream = await open(actor(owner), [], hubs[1]!);
    const activityOf = (items: { type: string; id: string; name: string }[]) =>
      db().activity.create({ data: { tenantId: s.tenantB.id, type: "order.submit", concernedItems: items, resourceType: items[0]!.type, resourceId: items[0]!.id, state: "COMPLETED", progress: 100 } });
    const vmOnly = await activityOf([{ type: "vm", id: "vm-of-b", name: "secret-vm" }]);
    const order = await activityOf([{ type: "order", id: "order-of-b", name: "order" }, { type: "pool", id: "pool-of-b", name: "pool" }]);
    await notifyActivity(db(), vmOnly.id);
    await notifyActivity(db(), order.id);
    const got = await stream.until((e) => e.event === "change");
    expect(got.hit.data).toEqual({ tenant: s.tenantB.slug, activity: null, resources: [{ type: "order", id: "order-of-b" }] });
    await new Promise((res) => setTimeout(res, 200));
    expect(stream.changes()).toHaveLength(1);
    await stream.cancel();
  });

  it("a sign-out ends the stream at its next check", async () => {
    const u = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: u.id, tenantId: s.tenantA.id, permissions: ROLE_BUNDLES.readOnly });
    const stream = await open(actor(u), [], hubs[0]!, 100);
    await endUserSessions(u.id);
    await stream.until((e) => e.event === "end" && (e.data as { reason: string }).reason === "UNAUTHENTICATED");
    await expect.poll(() => stream.closed).toBe(true);
  });

  it("a membership taken away narrows the stream: the tenant's events stop at the next check", async () => {
    const u = await createUser(db(), { cost: 4 });
    await grantMembership(db(), { userId: u.id, tenantId: s.tenantA.id, permissions: ROLE_BUNDLES.readOnly });
    const stream = await open(actor(u), [], hubs[0]!, 100);
    await db().membership.deleteMany({ where: { userId: u.id } });
    await new Promise((res) => setTimeout(res, 400));
    const ctx = (await memberContextOf(s.userA, s.tenantA.id))!;
    const r = await powerVm(ctx, { vmId: await newVm("POWERED_ON"), action: "off" });
    expect(r.ok).toBe(true);
    await new Promise((res) => setTimeout(res, 300));
    expect(stream.changes()).toEqual([]);
    await runActivity(r.ok ? r.value.activityId : "");
    await stream.cancel();
  });
});

describe("GET /api/console/events", () => {
  const req = (query = "") => new Request(`http://localhost/api/console/events${query}`);

  it("refuses without a session (401)", async () => {
    signOut();
    const res = await GET(req());
    expect(res.status).toBe(401);
  });

  it("refuses a tenant the person may not open (404, like its pages), and streams one they may", async () => {
    signInAs(s.userA);
    expect((await GET(req(`?tenant=${s.tenantB.slug}`))).status).toBe(404);
    expect((await GET(req(`?tenant=${s.tenantA.slug}&tenant=${s.tenantB.slug}`))).status).toBe(404);
    expect((await GET(req("?tenant=no-such-tenant"))).status).toBe(404);
    const ok = await GET(req(`?tenant=${s.tenantA.slug}`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const stream = reader(ok.body!);
    const ready = await stream.until((e) => e.event === "ready");
    expect(ready.hit.data).toEqual({ tenants: [s.tenantA.slug] });
    await stream.cancel();
    signOut();
  });
});

async function memberContextOf(user: { id: string; email: string; name: string }, tenantId: string) {
  const { authorize } = await import("@/lib/auth/authorize");
  const r = await authorize(actor(user), { id: tenantId });
  return r.ok ? r.ctx : null;
}
