// How `npm start` stops: Next first, then PostgreSQL, then exit — in bounded time whatever
// state the children are in. A child may already be gone (a signal reached it directly),
// may ignore SIGTERM (Next waits for open requests), or its exit event may have fired
// before anyone listened: nothing here waits on an event alone, every wait has a deadline,
// and a watchdog exits even if a step never returns.
import { processAlive } from "./pg";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A process we started in its own process group (spawn's `detached: true`). */
export type GroupLeader = { pid?: number; exitCode: number | null; signalCode: NodeJS.Signals | null };

export type StopOutcome = "gone" | "exited" | "killed" | "stuck";

function leaderGone(p: GroupLeader): boolean {
  return p.pid === undefined || p.exitCode !== null || p.signalCode !== null || !processAlive(p.pid);
}

/** Signals the whole group; false when none of it is left. */
function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

async function waitUntil(done: () => boolean, ms: number, pollMs = 25): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(pollMs)) if (done()) return true;
  return done();
}

/**
 * SIGTERM to the group, at most `graceMs` for the leader to exit, then SIGKILL to the group
 * and at most `killMs` more. Whatever the outcome, what is left of the group gets a SIGKILL
 * (workers of a leader that exited alone).
 */
export async function stopGroup(p: GroupLeader, { graceMs = 5000, killMs = 2000 } = {}): Promise<StopOutcome> {
  if (p.pid === undefined) return "gone";
  const pid = p.pid;
  let outcome: StopOutcome;
  if (leaderGone(p)) outcome = "gone";
  else if (!signalGroup(pid, "SIGTERM")) outcome = "gone";
  else if (await waitUntil(() => leaderGone(p), graceMs)) outcome = "exited";
  else {
    signalGroup(pid, "SIGKILL");
    outcome = (await waitUntil(() => leaderGone(p), killMs)) ? "killed" : "stuck";
  }
  signalGroup(pid, "SIGKILL");
  return outcome;
}

/** `promise`, or `undefined` after `ms`; a rejection counts as done. */
export async function bounded<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise.catch(() => undefined), new Promise<undefined>((r) => {
        timer = setTimeout(() => r(undefined), ms);
      })]);
  } finally {
    clearTimeout(timer);
  }
}

export type ShutdownPlan = {
  /** The Next server (in its own process group), if started. */
  next: () => GroupLeader | null;
  /** The embedded PostgreSQL, if started; its stop() should bound itself, but is bounded again here. */
  database: () => { stop: () => Promise<void> } | null;
  /** Synchronous clean-up before exit (the run-state file). */
  cleanup: () => void;
  exit: (code: number) => void;
  log: (line: string) => void;
  timings?: { nextGraceMs?: number; nextKillMs?: number; databaseMs?: number; watchdogMs?: number };
};

/**
 * The stop sequence, run once however many signals arrive. Worst case with the default
 * timings: 12 s grace (server.mjs drains for at most 10 s: STOP_DRAIN_SECONDS) + 2 s after SIGKILL
 * + 15 s for PostgreSQL, and the watchdog at 30 s.
 */
export function createShutdown(plan: ShutdownPlan): (code: number) => Promise<void> {
  const { nextGraceMs = 12_000, nextKillMs = 2000, databaseMs = 15_000, watchdogMs = 30_000 } = plan.timings ?? {};
  let stopping = false;
  return async (code) => {
    if (stopping) return;
    stopping = true;
    const t0 = Date.now();
    plan.log("\n• Stopping…");
    let exited = false;
    const exit = (c: number) => {
      if (exited) return;
      exited = true;
      plan.exit(c);
    };
    const watchdog = setTimeout(() => {
      plan.log(`✖ Stopping took more than ${Math.round(watchdogMs / 1000)} s; exiting anyway.`);
      const next = plan.next();
      if (next?.pid) signalGroup(next.pid, "SIGKILL");
      try {
        plan.cleanup();
      } catch {
        // exiting regardless
      }
      exit(code || 1);
    }, watchdogMs);
    try {
      const next = plan.next();
      if (next) {
        const outcome = await stopGroup(next, { graceMs: nextGraceMs, killMs: nextKillMs });
        if (outcome === "killed") plan.log(`• Next did not stop within ${nextGraceMs / 1000} s; killed it.`);
        if (outcome === "stuck") plan.log(`✖ Next (pid ${next.pid}) survived SIGKILL; leaving it.`);
      }
      const db = plan.database();
      if (db) await bounded(db.stop(), databaseMs);
      plan.cleanup();
    } catch (e) {
      plan.log(`✖ While stopping: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(watchdog);
      if (!exited) plan.log(`• Stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
      exit(code);
    }
  };
}
