import net from "node:net";
import { isDatabaseUnavailable } from "./db-unavailable";
import { env } from "@/lib/env";

// What this process last learnt about its database. Set when any entry point meets a connection
// error (lib/db-unavailable.ts); while set, proxy.ts checks the server before each request (at most
// one check a second, shared) and answers 503 with Retry-After instead of rendering a page that can
// only fail. The first check that connects clears it: the console recovers without a restart.
// The state lives on globalThis: proxy.ts, the route handlers and instrumentation.ts are separate
// bundles of one process.

type State = { down: boolean; checkedAt: number; checking: Promise<boolean> | null };
const KEY = Symbol.for("sovereign-console.db-health");
const g = globalThis as unknown as Record<symbol, State | undefined>;
const state = (): State => (g[KEY] ??= { down: false, checkedAt: 0, checking: null });

export function markDatabaseDown(): void {
  state().down = true;
}

/** Whether `err` says the database is away; if so, the process remembers it (every entry point's catch asks this). */
export function noteIfDatabaseUnavailable(err: unknown): boolean {
  if (!isDatabaseUnavailable(err)) return false;
  markDatabaseDown();
  return true;
}

/** Whether a TCP connection to the database's server opens (the server answers again). */
export function reachable(url: string | undefined, timeoutMs = 1000): Promise<boolean> {
  if (!url) return Promise.resolve(false);
  let host = "127.0.0.1";
  let port = 5432;
  try {
    const u = new URL(url);
    host = u.hostname || host;
    port = Number(u.port || 5432);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** True while the database was last seen away and still does not answer. */
export async function databaseLooksDown(url = env().DATABASE_URL, now = Date.now()): Promise<boolean> {
  const s = state();
  if (!s.down) return false;
  if (now - s.checkedAt < 1000 && !s.checking) return s.down;
  s.checking ??= reachable(url).then((ok) => {
    s.checkedAt = Date.now();
    s.checking = null;
    if (ok) s.down = false;
    return !ok;
  });
  return s.checking;
}
