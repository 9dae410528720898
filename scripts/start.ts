// `npm start`: database (embedded unless DATABASE_URL names one) → migrations → demo
// data on first run → production build if missing or stale → Next on PORT.
// Ctrl-C stops Next first, then PostgreSQL, in bounded time (scripts/lib/stop.ts). A run
// killed with -9 leaves its children behind: the next start finds them through
// .data/start.json and stops them.
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseEnv } from "@/lib/env";
import { startEmbedded, ensureDatabase, type EmbeddedServer } from "./lib/embedded-pg";
import { createShutdown, stopGroup } from "./lib/stop";
import { processAlive as alive, withDatabase } from "./lib/pg";
import { applyMigrations } from "./lib/migrate";
import { buildIfNeeded } from "./lib/build";
import { sharedSecret } from "./lib/shared-secret";
import { startProgressServer } from "./lib/start-progress.mjs";
import { runSeed } from "./seed";

const root = path.resolve(import.meta.dirname, "..");
const t0 = Date.now();
const log = (line: string) => console.log(line);
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error("✖ The console cannot start; fix its configuration:");
  for (const e of parsed.errors) console.error(`  - ${e}`);
  process.exit(1);
}
const env = parsed.env;
const dataDir = path.resolve(root, env.CONSOLE_DATA_DIR ?? ".data");
mkdirSync(dataDir, { recursive: true });
const stateFile = path.join(dataDir, "start.json");

// One console per data folder; children of a killed run are stopped.
if (existsSync(stateFile)) {
  const prev = JSON.parse(readFileSync(stateFile, "utf8")) as { pid?: number; nextPid?: number };
  if (alive(prev.pid) && prev.pid !== process.pid) {
    console.error(`✖ The console is already running (pid ${prev.pid}). Stop it with Ctrl-C, or kill ${prev.pid}.`);
    process.exit(1);
  }
  if (alive(prev.nextPid)) {
    log(`• Found a Next server (pid ${prev.nextPid}) left running by an earlier start; stopping it.`);
    // Its exit also releases the port before the new one starts.
    await stopGroup({ pid: prev.nextPid, exitCode: null, signalCode: null });
  }
}
// The port answers from now on with the start's progress; the console takes it over when ready.
const progress = startProgressServer(env.PORT, { steps: { install: "done" } });
if (await progress.listening) log(`• Progress on http://localhost:${env.PORT} until the console is ready.`);

const state: { pid: number; nextPid?: number } = { pid: process.pid };
const saveState = () => writeFileSync(stateFile, JSON.stringify(state));
saveState();

let pgServer: EmbeddedServer | null = null;
// Set as soon as PostgreSQL is being started (pg_ctl detaches it): a Ctrl-C during its
// start-up stops it too, rather than leaving it for the next start to find.
let pgStarting: { stop: () => Promise<void> } | null = null;
let next: ChildProcess | null = null;
let stopping = false;

const shutdown = createShutdown({
  next: () => next,
  database: () => pgServer ?? pgStarting,
  cleanup: () => rmSync(stateFile, { force: true }),
  exit: (code) => process.exit(code),
  log,
});
const stop = (code: number) => {
  stopping = true;
  void shutdown(code);
};
// Next runs in its own process group and PostgreSQL in its own session, so the terminal's
// Ctrl-C reaches only us, and we stop them in order.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(0));
// Last resort, whatever path leads to exit: never leave a Next server behind.
process.on("exit", () => {
  if (next?.pid && next.exitCode === null && next.signalCode === null) {
    try {
      process.kill(-next.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/**
 * The session signing key: NEXTAUTH_SECRET, or the one stored in the database, shared by every
 * instance on it. The first start stores it; a `.data/auth-secret` of an earlier version is the
 * one stored, so the sessions it signed stay valid.
 */
async function authSecret(url: string): Promise<string> {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const earlier = path.join(dataDir, "auth-secret");
  return sharedSecret(url, "auth", existsSync(earlier) ? readFileSync(earlier, "utf8").trim() : randomBytes(32).toString("base64"));
}

try {
  let url = env.DATABASE_URL;
  progress.step("database", "running");
  if (url) {
    log(`• Using the PostgreSQL server named by DATABASE_URL (${new URL(url).host}).`);
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    // Create the database when the server allows it; a missing right surfaces at migrate.
    await ensureDatabase(withDatabase(url, "postgres"), database).catch(() => undefined);
  } else {
    pgServer = await startEmbedded({ dataDir: path.join(dataDir, "pg"), port: env.EMBEDDED_PG_PORT, database: "console", log, onStarting: (stop) => (pgStarting = { stop }) });
    url = pgServer.url;
    log(`• Embedded PostgreSQL 17 ready on 127.0.0.1:${env.EMBEDDED_PG_PORT} (${elapsed()}).`);
  }
  progress.step("database", "done");
  progress.step("migrations", "running");
  progress.step("migrations", (await applyMigrations(url, log)) > 0 ? "done" : "skipped");
  progress.step("seed", "running");
  const seeded = await runSeed(url);
  if (seeded) log("• Demo data created (see README for the demo accounts).");
  progress.step("seed", seeded ? "done" : "skipped");
  progress.step("build", "running");
  await buildIfNeeded(log);
  progress.step("build", "done");
  progress.step("console", "running");
  const port = env.PORT;
  const secret = await authSecret(url);
  await progress.close();
  // server.mjs rather than `next start`: it decides the client's address from the socket (the sign-in limit's key).
  next = spawn(process.execPath, [path.join(root, "server.mjs")], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // its own process group: Ctrl-C reaches it through us, in order
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
  });
  state.nextPid = next.pid;
  saveState();
  next.on("exit", (code) => {
    if (!stopping) {
      console.error(`✖ The Next server exited (code ${code}).`);
      stop(code ?? 1);
    }
  });
  log(`• Console starting on http://localhost:${port} (${elapsed()} since npm start).`);
} catch (e) {
  // A step cut short by Ctrl-C (its children got the signal too) is not an error to report.
  if (!stopping) console.error(`✖ ${e instanceof Error ? e.message : String(e)}`);
  stop(stopping ? 0 : 1);
}
