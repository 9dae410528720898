import "server-only";
import pg from "pg";
import { LIVE_CHANNEL, parseLiveNotice, type LiveNotice } from "@/lib/domain/live";
import { env } from "@/lib/env";
import { onStop } from "@/lib/server/graceful-stop.mjs";

// One LISTEN connection per instance, whatever the number of open tabs: every notice of every
// instance (lib/db/live.ts, sent on commit) reaches this process once and is fanned out here to
// the streams it serves, each of which filters it for its reader (lib/domain/live.ts). After a
// database outage the hub connects again by itself and tells every stream to resynchronise: what
// was published while it was away is lost, so the tabs reload what they show.

export type LiveSignal =
  | { type: "notice"; notice: LiveNotice }
  /** The hub reconnected after losing its connection: notices may have been missed. */
  | { type: "resync" }
  /** The instance is stopping: streams end, and the browser reconnects (to another instance). */
  | { type: "closing" };

export type LiveListener = (signal: LiveSignal) => void;

export type LiveHub = {
  /** Starts listening on first use; returns the unsubscription. */
  subscribe(listener: LiveListener): () => void;
  /** Resolves once the hub listens (tests wait for it before writing). */
  ready(): Promise<void>;
  readonly listening: boolean;
  readonly subscribers: number;
  /** Ends every stream and the connection, for good. */
  close(): Promise<void>;
};

export type LiveHubOptions = {
  /** The first delay before reconnecting, doubled at each failure up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often the connection is checked with a query (a half-open TCP connection tells nothing). */
  pingMs?: number;
  log?: (message: string) => void;
};

export function createLiveHub(connectionString: string, options: LiveHubOptions = {}): LiveHub {
  const { retryMs = 500, maxRetryMs = 10_000, pingMs = 30_000, log = (m: string) => console.warn(`[live] ${m}`) } = options;
  const listeners = new Set<LiveListener>();
  let client: pg.Client | null = null;
  let listening = false;
  let started = false;
  let closed = false;
  let lostOnce = false;
  let delay = retryMs;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let pingTimer: ReturnType<typeof setInterval> | null = null;
  let waiters: (() => void)[] = [];

  const emit = (signal: LiveSignal) => {
    for (const l of [...listeners]) {
      try {
        l(signal);
      } catch (e) {
        log(`a stream failed on a notice: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };

  const drop = (c: pg.Client, why: string) => {
    if (client !== c) return; // already dropped
    client = null;
    if (listening) log(`lost the database (${why}); reconnecting`);
    listening = false;
    lostOnce = true;
    if (pingTimer) clearInterval(pingTimer);
    pingTimer = null;
    c.removeAllListeners("notification");
    c.on("error", () => {}); // a late error of a dropped connection must not crash the process
    void c.end().catch(() => {});
    schedule();
  };

  const schedule = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref?.();
    delay = Math.min(delay * 2, maxRetryMs);
  };

  const connect = async () => {
    if (closed || client) return;
    const c = new pg.Client({ connectionString, keepAlive: true, application_name: "console-live" });
    client = c;
    c.on("error", (e) => drop(c, e.message));
    c.on("end", () => drop(c, "connection ended"));
    c.on("notification", (m) => {
      if (m.channel !== LIVE_CHANNEL) return;
      const notice = parseLiveNotice(m.payload);
      if (notice) emit({ type: "notice", notice });
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (e) {
      drop(c, e instanceof Error ? e.message : String(e));
      return;
    }
    if (client !== c || closed) return;
    listening = true;
    delay = retryMs;
    pingTimer = setInterval(() => {
      c.query("SELECT 1").catch((e: unknown) => drop(c, e instanceof Error ? e.message : String(e)));
    }, pingMs);
    pingTimer.unref?.();
    for (const w of waiters) w();
    waiters = [];
    if (lostOnce) emit({ type: "resync" });
  };

  const start = () => {
    if (started || closed) return;
    started = true;
    void connect();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      start();
      return () => listeners.delete(listener);
    },
    ready() {
      start();
      if (listening || closed) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    get listening() {
      return listening;
    },
    get subscribers() {
      return listeners.size;
    },
    async close() {
      if (closed) return;
      closed = true;
      emit({ type: "closing" });
      listeners.clear();
      if (retryTimer) clearTimeout(retryTimer);
      if (pingTimer) clearInterval(pingTimer);
      const c = client;
      client = null;
      listening = false;
      for (const w of waiters) w();
      waiters = [];
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}

// On globalThis: Next bundles route handlers separately, and the process needs one connection.
const g = globalThis as unknown as { __consoleLiveHub?: LiveHub };

/** The process's hub, created on first use (never at import: `next build` has no database). */
export function liveHub(): LiveHub {
  if (!g.__consoleLiveHub) {
    const connectionString = env().DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set; live updates need the console's database.");
    const hub = createLiveHub(connectionString);
    g.__consoleLiveHub = hub;
    // A stop drains open requests: the streams end first, so the drain does not wait on them.
    onStop(() => hub.close());
  }
  return g.__consoleLiveHub;
}
