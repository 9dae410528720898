import { describe, it, expect } from "vitest";
import { changesState, parseLiveNotice, toLiveEvent, withOwnedOrders, type LiveAudience, type LiveNotice } from "./live";
import { ROLE_BUNDLES } from "@/lib/permissions";

const notice = (over: Partial<LiveNotice> = {}): LiveNotice => ({
  t: "tenant-a",
  k: "activity",
  id: "act-1",
  s: "COMPLETED",
  p: 100,
  v: 1,
  r: [
    ["vm", "vm-1"],
    ["pool", "pool-1"],
    ["datastore", "ds-1"],
    ["user", "user-9"],
  ],
  ...over,
});

const admin: LiveAudience = new Map([["tenant-a", { slug: "a", permissions: ROLE_BUNDLES.tenantAdmin }]]);

describe("toLiveEvent: what a notice tells one reader", () => {
  it("names the tenant by slug, the activity and the resources the reader may read", () => {
    expect(toLiveEvent(notice(), admin)).toEqual({
      tenant: "a",
      activity: { id: "act-1", state: "COMPLETED", progress: 100, version: 1 },
      // a user is never named on a stream, whoever reads it
      resources: [
        { type: "vm", id: "vm-1" },
        { type: "pool", id: "pool-1" },
        { type: "datastore", id: "ds-1" },
      ],
    });
  });

  it("never sends an event of a tenant the reader may not open", () => {
    expect(toLiveEvent(notice({ t: "tenant-b" }), admin)).toBeNull();
    expect(toLiveEvent(notice(), new Map())).toBeNull();
  });

  it.each([
    ["without activity:read, no activity", ["compute:read"], { activity: null, resources: [{ type: "vm", id: "vm-1" }, { type: "pool", id: "pool-1" }] }],
    ["without compute:read, no VM nor pool", ["activity:read", "storage:read"], { activity: { id: "act-1" }, resources: [{ type: "datastore", id: "ds-1" }] }],
  ])("%s", (_, permissions, expected) => {
    const e = toLiveEvent(notice(), new Map([["tenant-a", { slug: "a", permissions }]]));
    expect(e).toMatchObject(expected);
  });

  it("sends nothing to a member who may read neither the activity nor any resource it concerns", () => {
    expect(toLiveEvent(notice(), new Map([["tenant-a", { slug: "a", permissions: ["iam:read", "network:read"] }]]))).toBeNull();
  });
});

describe("parseLiveNotice", () => {
  it("reads what lib/db/live.ts publishes", () => {
    expect(parseLiveNotice(JSON.stringify(notice()))).toEqual(notice());
  });
  it.each([[undefined], ["not json"], ["null"], [JSON.stringify({ ...notice(), k: "other" })], [JSON.stringify({ ...notice(), s: "DONE" })], [JSON.stringify({ ...notice(), t: 3 })]])(
    "refuses %s",
    (payload) => expect(parseLiveNotice(payload)).toBeNull(),
  );
  it("drops malformed resource entries", () => {
    expect(parseLiveNotice(JSON.stringify({ ...notice(), r: [["vm", "v"], ["vm"], "x", [1, 2]] }))?.r).toEqual([["vm", "v"]]);
  });
});

describe("changesState: which events refresh a page (a progress step only refetches the activity)", () => {
  const e = (state: LiveNotice["s"], progress: number) => toLiveEvent(notice({ s: state, p: progress }), admin)!;
  it.each([
    ["WAITING", 0, true],
    ["RUNNING", 0, true],
    ["RUNNING", 40, false],
    ["COMPLETED", 100, true],
    ["FAILED", 40, true],
  ] as const)("%s at %d %% → %s", (state, progress, refresh) => expect(changesState(e(state, progress))).toBe(refresh));
});

describe("withOwnedOrders: an organization's owner hears of every tenant's orders, and nothing else of them", () => {
  const order = notice({ t: "tenant-b", r: [["order", "ord-1"], ["pool", "pool-2"]] });
  it("adds the orders of a tenant the owner is not a member of: the order, not its activity nor its pool", () => {
    const audience = withOwnedOrders(admin, [{ id: "tenant-b", slug: "b" }]);
    expect(toLiveEvent(order, audience)).toEqual({ tenant: "b", activity: null, resources: [{ type: "order", id: "ord-1" }] });
    expect(toLiveEvent(notice({ t: "tenant-b", r: [["vm", "vm-2"]] }), audience)).toBeNull();
  });
  it("adds order:read to a membership that lacks it, and keeps the rest of it", () => {
    const audience = withOwnedOrders(new Map([["tenant-b", { slug: "b", permissions: ["compute:read"] }]]), [{ id: "tenant-b", slug: "b" }]);
    expect(toLiveEvent(order, audience)?.resources).toEqual([{ type: "order", id: "ord-1" }, { type: "pool", id: "pool-2" }]);
  });
  it("changes nothing for who owns nothing", () => {
    expect(withOwnedOrders(admin, [])).toEqual(admin);
  });
});
