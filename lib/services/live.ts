import "server-only";
import type { Actor } from "@/lib/auth/context";
import { authorize, membershipGate, type AuthzFailure } from "@/lib/auth/authorize";
import { listSearchableMemberships } from "@/lib/db/search";
import { getSessionStanding } from "@/lib/db/users";
import { listOwnedOrganizationTenants } from "@/lib/db/live";
import { LIVE_HEARTBEAT_SECONDS, toLiveEvent, withOwnedOrders, type LiveAudience, type LiveTenant } from "@/lib/domain/live";
import { liveHub, type LiveHub, type LiveSignal } from "./live-hub";

// A tab's live updates (Server-Sent Events): the activities and resources of the tenants its reader
// may open, as ids and kinds (lib/domain/live.ts). Opened through authorize(), like a page; every
// heartbeat checks again what a page would (the session not ended by a sign-out, the account not
// disabled, each tenant's membership gate) and ends the stream, or narrows it, at the first that fails.

type UserActor = Extract<Actor, { type: "user" }>;

/** Why a stream ended: the browser reads it ("end" event) and stops or reconnects. */
export type LiveEndReason = "UNAUTHENTICATED" | "NOT_FOUND" | "RESTART" | "EXPIRED";

export type LiveStreamOptions = {
  hub?: LiveHub;
  heartbeatMs?: number;
  /** A stream lasts this long at most; the browser then reconnects, and its cookie is read again. */
  maxAgeMs?: number;
  /** The request's abort (the tab went away). */
  signal?: AbortSignal;
};

export type LiveStreamResult = { ok: true; stream: ReadableStream<Uint8Array> } | AuthzFailure;

/** How long a stream stays open before the browser reconnects with its cookie (checked afresh). */
const MAX_AGE_MS = 10 * 60_000;
/** Events and heartbeats left unread past which a stream is taken for abandoned. */
const UNREAD_LIMIT = 50;

/**
 * The tenants the actor may open now, with their permissions: authorize()'s membership gate on every
 * membership, without its audit of a refused address (read every heartbeat), and the orders of the
 * organizations the actor owns. `only`: those slugs, and nothing else.
 */
async function currentAudience(actor: UserActor, only: readonly string[] | null): Promise<Map<string, LiveTenant>> {
  const [all, owned] = await Promise.all([listSearchableMemberships(actor.userId), only ? [] : listOwnedOrganizationTenants(actor.userId)]);
  const memberships = all.filter((m) => membershipGate(actor, m) === null);
  const tenants = new Map(memberships.filter((m) => !only || only.includes(m.tenant.slug)).map((m) => [m.tenant.id, { slug: m.tenant.slug, permissions: m.permissions }]));
  // Every tenant's orders reach an organization's owners (the review queue), tenants asked by name aside.
  return only ? tenants : withOwnedOrders(tenants, owned);
}

/**
 * Opens a tab's stream. `tenants`: the slugs it follows (each authorised like a page: another
 * tenant's is not found, an address outside the ranges forbidden), or none for every tenant the
 * reader may open. Without an actor, UNAUTHENTICATED.
 */
export async function openLiveStream(actor: Actor | null, tenants: readonly string[], options: LiveStreamOptions = {}): Promise<LiveStreamResult> {
  if (!actor) return { ok: false, reason: "UNAUTHENTICATED" };
  // Tokens call the REST API; the system has no tab.
  if (actor.type !== "user") return { ok: false, reason: "UNAUTHENTICATED" };
  const standing = await getSessionStanding(actor.userId);
  if (!standing || standing.disabledAt) return { ok: false, reason: "UNAUTHENTICATED" };
  const sessionVersion = standing.sessionVersion;

  const only = tenants.length > 0 ? [...new Set(tenants)] : null;
  let audience: LiveAudience;
  if (only) {
    const opened = new Map<string, LiveTenant>();
    for (const slug of only) {
      const r = await authorize(actor, { slug });
      if (!r.ok) return r;
      opened.set(r.ctx.tenant.id, { slug: r.ctx.tenant.slug, permissions: r.ctx.permissions });
    }
    audience = opened;
  } else {
    audience = await currentAudience(actor, null);
  }

  const hub = options.hub ?? liveHub();
  const heartbeatMs = options.heartbeatMs ?? LIVE_HEARTBEAT_SECONDS * 1000;
  const maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const end = (reason: LiveEndReason) => {
        send("end", { reason });
        finish();
      };

      const onSignal = (s: LiveSignal) => {
        if (s.type === "closing") return end("RESTART");
        if (s.type === "resync") return send("resync", {});
        const e = toLiveEvent(s.notice, audience);
        if (e) send("change", e);
      };
      const unsubscribe = hub.subscribe(onSignal);

      let checking = false;
      const check = async () => {
        if (checking || !open) return;
        checking = true;
        try {
          const now = await getSessionStanding(actor.userId);
          if (!now || now.disabledAt || now.sessionVersion !== sessionVersion) return end("UNAUTHENTICATED");
          const next = await currentAudience(actor, only);
          // A tenant asked by name that can no longer be opened ends the stream, like its page would.
          if (only ? next.size < audience.size : false) return end("NOT_FOUND");
          audience = next;
        } catch {
          // The database is away: keep the stream (the hub resynchronises when it is back).
        } finally {
          checking = false;
        }
      };
      const heartbeat = setInterval(() => {
        // Nobody has read the last heartbeats: the tab is gone without the server being told.
        if (controller.desiredSize !== null && controller.desiredSize < -UNREAD_LIMIT) return finish();
        write(": ping\n\n");
        void check();
      }, heartbeatMs);
      const expiry = setTimeout(() => end("EXPIRED"), maxAgeMs);
      const onAbort = () => finish();
      options.signal?.addEventListener("abort", onAbort);

      function finish() {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
        options.signal?.removeEventListener("abort", onAbort);
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      }
      cleanup = finish;

      // The browser waits this long before reconnecting by itself after a dropped connection.
      write(`retry: 3000\n\n`);
      send("ready", { tenants: [...audience.values()].map((t) => t.slug) });
    },
    cancel() {
      cleanup();
    },
  });
  return { ok: true, stream };
}
