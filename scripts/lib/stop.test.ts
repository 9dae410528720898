import { execSync, spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, test } from "vitest";
import { processAlive } from "./pg";
import { bounded, createShutdown, stopGroup } from "./stop";

// Real processes in their own group, as start.ts spawns Next.
const children: ChildProcess[] = [];
function spawnGroup(script: string): ChildProcess {
  const child = spawn(process.execPath, ["-e", script], { detached: true, stdio: ["ignore", "pipe", "ignore"] });
  children.push(child);
  return child;
}
/** Resolves when the child (or its worker) prints "ready": its signal handlers are in place, however busy the machine. */
const ready = (c: ChildProcess) => new Promise<void>((r) => c.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && r()));
const READY = "process.stdout.write('ready');";
const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once("exit", () => r())));

afterEach(() => {
  for (const c of children.splice(0)) {
    try {
      process.kill(-c.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }
});

function plan(overrides: Partial<Parameters<typeof createShutdown>[0]> = {}) {
  const calls: string[] = [];
  const exits: number[] = [];
  const p = {
    next: () => null,
    database: () => ({ stop: async () => void calls.push("database") }),
    cleanup: () => void calls.push("cleanup"),
    exit: (code: number) => void exits.push(code),
    log: (line: string) => void calls.push(line.trim()),
    ...overrides,
  };
  return { shutdown: createShutdown(p), calls, exits };
}

describe("stopGroup", () => {
  test("a child that has already exited is reported gone at once", async () => {
    const child = spawnGroup("");
    await exited(child);
    const t0 = Date.now();
    expect(await stopGroup(child)).toBe("gone");
    expect(Date.now() - t0).toBeLessThan(200);
  });

  test("a child that exits on SIGTERM is waited for", async () => {
    const child = spawnGroup(`setInterval(() => {}, 1000); ${READY}`);
    await ready(child);
    expect(await stopGroup(child, { graceMs: 3000 })).toBe("exited");
    expect(processAlive(child.pid)).toBe(false);
  });

  test("a child that ignores SIGTERM is killed after the grace", async () => {
    const child = spawnGroup(`process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); ${READY}`);
    await ready(child);
    const t0 = Date.now();
    expect(await stopGroup(child, { graceMs: 300, killMs: 2000 })).toBe("killed");
    expect(Date.now() - t0).toBeLessThan(2000);
    await exited(child);
    expect(child.signalCode).toBe("SIGKILL");
  });

  test("what is left of the group after its leader exits is killed too", async () => {
    // The leader starts a worker in its group that ignores SIGTERM, then exits on SIGTERM.
    const child = spawnGroup(`
      require("node:child_process").spawn(process.execPath, ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); ${READY}"], { stdio: ["ignore", "inherit", "ignore"] });
      setInterval(() => {}, 1000);
    `);
    await ready(child);
    const pgid = child.pid!;
    expect(await stopGroup(child, { graceMs: 2000 })).toBe("exited");
    await new Promise((r) => setTimeout(r, 100));
    // Killed members may linger as zombies until init reaps them: none may still run.
    const running = execSync("ps -eo pgid=,stat=").toString().split("\n").filter((l) => l.trim().split(/\s+/)[0] === String(pgid) && !l.includes("Z"));
    expect(running).toEqual([]);
  });
});

describe("createShutdown", () => {
  test("with Next and PostgreSQL already gone it stops at once and exits with the code", async () => {
    const child = spawnGroup("");
    await exited(child);
    const { shutdown, calls, exits } = plan({ next: () => child });
    await shutdown(0);
    expect(exits).toEqual([0]);
    expect(calls).toContain("database");
    expect(calls).toContain("cleanup");
  });

  test("Next ignoring SIGTERM is killed after its grace, then PostgreSQL stops, then exit", async () => {
    const child = spawnGroup(`process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); ${READY}`);
    await ready(child);
    const { shutdown, calls, exits } = plan({ next: () => child, timings: { nextGraceMs: 300 } });
    await shutdown(0);
    expect(processAlive(child.pid)).toBe(false);
    expect(calls.findIndex((l) => l.includes("killed it"))).toBeLessThan(calls.indexOf("database"));
    expect(exits).toEqual([0]);
  });

  test("a database stop that never returns is abandoned after its bound", async () => {
    const { shutdown, calls, exits } = plan({ database: () => ({ stop: () => new Promise<void>(() => undefined) }), timings: { databaseMs: 200 } });
    const t0 = Date.now();
    await shutdown(3);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(calls).toContain("cleanup");
    expect(exits).toEqual([3]);
  });

  test("a step that throws still ends in exit", async () => {
    const { shutdown, exits } = plan({
      database: () => {
        throw new Error("boom");
      },
    });
    await shutdown(0);
    expect(exits).toEqual([0]);
  });

  test("the watchdog exits even when a step hangs past every bound", async () => {
    const { shutdown, calls, exits } = plan({
      database: () => ({ stop: () => new Promise<void>(() => undefined) }),
      timings: { databaseMs: 60_000, watchdogMs: 200 },
    });
    void shutdown(0);
    await new Promise((r) => setTimeout(r, 400));
    expect(exits).toEqual([1]);
    expect(calls.some((l) => l.includes("exiting anyway"))).toBe(true);
  });

  test("a second signal while stopping does not start a second sequence", async () => {
    const { shutdown, calls, exits } = plan();
    await Promise.all([shutdown(0), shutdown(0), shutdown(0)]);
    expect(calls.filter((l) => l === "database")).toHaveLength(1);
    expect(exits).toEqual([0]);
  });
});

test("bounded gives up on a promise that never settles, and swallows a rejection", async () => {
  expect(await bounded(new Promise(() => undefined), 50)).toBeUndefined();
  expect(await bounded(Promise.reject(new Error("x")), 50)).toBeUndefined();
  expect(await bounded(Promise.resolve(7), 50)).toBe(7);
});
