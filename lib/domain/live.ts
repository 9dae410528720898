import type { Permission } from "@/lib/permissions";

// Live updates: what travels between instances (PostgreSQL NOTIFY, lib/db/live.ts) and what a
// browser tab receives (app/api/console/events). Pure: the hub, the stream and their tests share it.
// A notice carries ids and kinds only; whoever reads a resource's data asks for it through the
// pages and routes that check the reader's rights again.

/** The NOTIFY channel every instance listens on. */
export const LIVE_CHANNEL = "console_live";

/** Seconds between two heartbeats (and two checks of the session and the memberships) on a stream. */
export const LIVE_HEARTBEAT_SECONDS = 25;

/** The states an activity can be in, as the notice says them. */
export type LiveActivityState = "WAITING" | "RUNNING" | "COMPLETED" | "FAILED";

/** One notice as published on LIVE_CHANNEL: an activity changed, with the resources it concerns. */
export type LiveNotice = {
  /** tenant id */
  t: string;
  /** kind: only activities today (every resource write goes through an activity) */
  k: "activity";
  /** the activity's id */
  id: string;
  /** its state and progress */
  s: LiveActivityState;
  p: number;
  /** a version that grows with each notice of one activity (milliseconds at publication) */
  v: number;
  /** the resources it concerns, as [type, id] */
  r: [string, string][];
};

const STATES = new Set<string>(["WAITING", "RUNNING", "COMPLETED", "FAILED"]);

/** A notice's payload read back, or null when it is not one (another publisher, a truncated text). */
export function parseLiveNotice(payload: string | undefined): LiveNotice | null {
  if (!payload) return null;
  let x: unknown;
  try {
    x = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!x || typeof x !== "object") return null;
  const n = x as Record<string, unknown>;
  if (typeof n.t !== "string" || n.k !== "activity" || typeof n.id !== "string" || typeof n.s !== "string" || !STATES.has(n.s)) return null;
  const r = Array.isArray(n.r) ? n.r.filter((e): e is [string, string] => Array.isArray(e) && e.length === 2 && typeof e[0] === "string" && typeof e[1] === "string") : [];
  return { t: n.t, k: "activity", id: n.id, s: n.s as LiveActivityState, p: typeof n.p === "number" ? n.p : 0, v: typeof n.v === "number" ? n.v : 0, r };
}

/**
 * The permission that reads each kind of resource, the same its pages ask. A type not listed here
 * (a user, a token, a backup policy) is never named to anyone on a stream.
 */
export const LIVE_READ_PERMISSION: Record<string, Permission> = {
  vm: "compute:read",
  pool: "compute:read",
  host: "compute:read",
  affinity_rule: "compute:read",
  datastore: "storage:read",
  vlan: "network:read",
  order: "order:read",
  replication: "backup:read",
};

/** A tenant a stream may tell about: its slug (the browser's name for it) and what the reader holds there. */
export type LiveTenant = { slug: string; permissions: readonly string[] };

/** Who a stream is for: the tenants they may open, by id, with their permissions in each. */
export type LiveAudience = ReadonlyMap<string, LiveTenant>;

/** What a tab receives: the tenant by slug, the activity (when they may read activities) and the resources they may read. */
export type LiveEvent = {
  tenant: string;
  activity: { id: string; state: LiveActivityState; progress: number; version: number } | null;
  resources: { type: string; id: string }[];
};

/**
 * The event a notice becomes for one reader, or null when it tells them nothing they may know: a
 * tenant they may not open is never named, an activity only to who reads activities, a resource
 * only to who reads its kind.
 */
export function toLiveEvent(notice: LiveNotice, audience: LiveAudience): LiveEvent | null {
  const tenant = audience.get(notice.t);
  if (!tenant) return null;
  const can = (p: Permission) => tenant.permissions.includes(p);
  const resources = notice.r.filter(([type]) => LIVE_READ_PERMISSION[type] !== undefined && can(LIVE_READ_PERMISSION[type]!)).map(([type, id]) => ({ type, id }));
  const activity = can("activity:read") ? { id: notice.id, state: notice.s, progress: notice.p, version: notice.v } : null;
  if (!activity && resources.length === 0) return null;
  return { tenant: tenant.slug, activity, resources };
}

/**
 * A stream's audience: the tenants the reader may open, widened by the orders of the tenants of
 * the organizations they own (the review queue reads every tenant's orders, member or not). Such a
 * tenant adds `order:read` only: its activities and other resources stay with its members.
 */
export function withOwnedOrders(tenants: ReadonlyMap<string, LiveTenant>, owned: readonly { id: string; slug: string }[]): Map<string, LiveTenant> {
  const out = new Map(tenants);
  for (const t of owned) {
    const held = out.get(t.id);
    if (!held) out.set(t.id, { slug: t.slug, permissions: ["order:read"] });
    else if (!held.permissions.includes("order:read")) out.set(t.id, { ...held, permissions: [...held.permissions, "order:read"] });
  }
  return out;
}

/** Whether an event changes what a page shows beyond an activity's progress (created, started, ended, or a resource named). */
export function changesState(e: LiveEvent): boolean {
  return !e.activity || e.activity.state !== "RUNNING" || e.activity.progress === 0;
}
