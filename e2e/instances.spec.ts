import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { test, expect, sql, DEMO_USERS } from "./fixtures";
import { freePort } from "../scripts/lib/free-port";

// Several instances as one (issue 17): beside the suite's server (instance A, playwright.config.ts,
// which works the activity queue itself), this spec starts instance B (`node server.mjs`,
// CONSOLE_WORKER=off) and a separate `npm run worker`, all on the shard's database, and proves that a
// session works on both, an activity started on B runs once, the API's rate limit counts across both,
// the metric jobs run once per slot, and an activity whose worker is killed -9 is finished by another.

// Not a page spec: the one page it opens (on B) is scanned by the specs of that page.
test.use({ axe: { enabled: false } });
test.describe.configure({ mode: "serial" });

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const portA = Number(process.env.E2E_PORT ?? 3100);
const DB = process.env.E2E_DATABASE_URL ?? "";
// playwright.config.ts's webServer: one signing secret for every instance.
const SECRET = "e2e-secret-e2e-secret-e2e-secret-0123";
/** lib/jobs/runner.ts: a running activity silent this long was interrupted; the sweep runs every 5 s. */
const STALE_SECONDS = 15;
const SWEEP_SECONDS = 5;

type Proc = { name: string; child: ChildProcess; out: string[] };
const procs: Proc[] = [];
let portB = 0;
let stoppedA: number | null = null;
const started = new Date();
let t0: Date;
let vmId = "";
let tenantId = "";
let tokenId = "";
const secret = "scp_" + randomBytes(32).toString("base64url");
const auth = { authorization: `Bearer ${secret}` };
const activityIds: string[] = [];


/** A child in its own process group (killed whole in afterAll), its output kept for a failure's message. */
function start(name: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, args, { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  const p: Proc = { name, child, out: [] };
  const keep = (b: Buffer) => {
    p.out.push(b.toString());
    if (p.out.length > 200) p.out.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  procs.push(p);
  return p;
}

const workerEnv = (scale: string) => ({ DATABASE_URL: DB, INFRA_TIME_SCALE: scale });
const startWorker = (name: string, scale: string) => start(name, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], workerEnv(scale));

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs: number, p?: Proc): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch(() => null);
    if (v) return v;
    if (p && p.child.exitCode !== null) throw new Error(`${p.name} exited (${p.child.exitCode}) while waiting for ${what}:\n${p.out.join("")}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${p ? `:\n${p.out.join("")}` : ""}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const workerReady = (p: Proc) => until(`${p.name} to start`, async () => p.out.join("").includes("Activity worker running"), 60_000, p);

function killGroup(p: Proc, signal: NodeJS.Signals) {
  if (p.child.exitCode !== null || p.child.signalCode !== null || !p.child.pid) return;
  try {
    process.kill(-p.child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** The pid listening on instance A's port (the suite's server). */
function pidOnPort(port: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`]).toString();
  const m = /pid=(\d+)/.exec(out);
  if (!m) throw new Error(`no process listens on ${port}: ${out}`);
  return Number(m[1]);
}

const activity = async (id: string) =>
  (await sql(`SELECT state::text AS state, attempts, step, "stepLog", "completedAt" FROM "Activity" WHERE id = $1`, [id])).rows[0] as { state: string; attempts: number; step: string | null; stepLog: { key: string }[]; completedAt: Date | null };

/** Restarts the VM through an instance's REST API; the activity's id from the 201's Location. */
async function restart(request: import("@playwright/test").APIRequestContext, port: number): Promise<string> {
  const res = await request.post(`http://localhost:${port}/api/v1/compute/vms/${vmId}/power`, { headers: auth, data: { action: "restart" } });
  expect(res.status(), await res.text()).toBe(201);
  const { activityId } = (await res.json()) as { activityId: string };
  activityIds.push(activityId);
  return activityId;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  portB = await freePort();
  const b = start("instance B", ["server.mjs"], {
    DATABASE_URL: DB,
    PORT: String(portB),
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: `http://localhost:${portB}`,
    CONSOLE_WORKER: "off",
    INFRA_TIME_SCALE: process.env.INFRA_TIME_SCALE ?? "0.2",
  });
  // The separate worker runs the simulated steps 10× slower than A (2 instead of 0.2): an activity it
  // holds is still running when it is killed (point 5).
  const w = startWorker("worker 1", "2");
  await Promise.all([until("instance B to serve", async () => (await fetch(`http://localhost:${portB}/signin`)).status === 200, 90_000, b), workerReady(w)]);
  t0 = (await sql(`SELECT now() AS t`)).rows[0].t as Date;

  // A running VM of the production tenant, and a token of its admin that may power it.
  const vm = await sql(
    `SELECT v.id, v."tenantId" FROM "Vm" v JOIN "Tenant" t ON t.id = v."tenantId"
      WHERE t.slug = 'production' AND v."powerState" = 'POWERED_ON' AND v.status = 'ACTIVE'
        AND NOT EXISTS (SELECT 1 FROM "Activity" a WHERE a."resourceId" = v.id AND a.state IN ('WAITING', 'RUNNING'))
      ORDER BY v.name LIMIT 1`,
  );
  ({ id: vmId, tenantId } = vm.rows[0] as { id: string; tenantId: string });
  const user = await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO_USERS.adminProd]);
  tokenId = "e2e-instances-" + randomBytes(6).toString("hex");
  await sql(
    `INSERT INTO "PersonalAccessToken" (id, "userId", "tenantId", name, prefix, "tokenHash", permissions, "expiresAt")
     VALUES ($1, $2, $3, 'e2e instances', $4, $5, ARRAY['vm:power', 'compute:read'], now() + interval '1 day')`,
    [tokenId, user.rows[0].id, tenantId, secret.slice(0, 12), createHash("sha256").update(secret).digest("hex")],
  );
});

test.afterAll(async () => {
  if (stoppedA) process.kill(stoppedA, "SIGCONT");
  for (const p of procs) killGroup(p, "SIGTERM");
  await Promise.all(procs.map((p) => (p.child.exitCode !== null || p.child.signalCode !== null ? null : new Promise((r) => { p.child.once("exit", r); setTimeout(r, 8000); }))));
  for (const p of procs) killGroup(p, "SIGKILL");
  if (activityIds.length > 0) {
    await sql(`DELETE FROM pgboss.job WHERE name = 'activity' AND data->>'activityId' = ANY($1)`, [activityIds]);
    await sql(`DELETE FROM "Activity" WHERE id = ANY($1)`, [activityIds]);
  }
  if (vmId) await sql(`DELETE FROM "AuditEvent" WHERE "targetId" = $1 AND "createdAt" >= $2`, [vmId, started]);
  if (tokenId) await sql(`DELETE FROM "PersonalAccessToken" WHERE id = $1`, [tokenId]);
  await sql(`DELETE FROM rate_limiter_flexible WHERE key = $1`, ["rl:api:" + createHash("sha256").update(secret).digest("hex")]).catch(() => undefined);
});

test("a session signed in on instance A is served by instance B", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  // Cookies belong to the host, not the port: the browser sends A's session cookie to B.
  const url = `http://localhost:${portB}/t/production/compute/vms/${vmId}`;
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  expect(page.url()).toBe(url);
  const name = (await sql(`SELECT name FROM "Vm" WHERE id = $1`, [vmId])).rows[0].name as string;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
});

test("the API's per-token rate limit counts the requests of both instances together", async ({ request }) => {
  const get = (port: number) => request.get(`http://localhost:${port}/api/v1/compute/vms?limit=1`, { headers: auth }).then((r) => r.status());
  const key = "rl:api:" + createHash("sha256").update(secret).digest("hex");
  // One request on A, one on B: the token's counter in PostgreSQL (one row for both instances)
  // holds 2. Counting alone, each instance would keep 1 in its own memory and the row 1 at most.
  // The window lasts one second from its first request: a round whose window closed between the
  // two requests (a slow machine) is tried again, in a fresh window, three rounds at most.
  const rounds: { a: number; b: number; points: number | null }[] = [];
  for (let round = 0; round < 3 && !rounds.some((r) => r.points === 2); round++) {
    await new Promise((r) => setTimeout(r, 1100));
    const a = await get(portA);
    const b = await get(portB);
    const row = (await sql(`SELECT points FROM rate_limiter_flexible WHERE key = $1 AND expire > (extract(epoch FROM now()) * 1000)::bigint`, [key])).rows[0] as { points: number } | undefined;
    rounds.push({ a, b, points: row?.points ?? null });
  }
  expect(rounds.some((r) => r.a === 200 && r.b === 200 && r.points === 2), JSON.stringify(rounds)).toBe(true);

  // And the shared count refuses: 30 at once spread over A and B pass the 25 of one window.
  await new Promise((r) => setTimeout(r, 1100));
  const burst = await Promise.all([...Array(30)].map((_, i) => get(i % 2 ? portB : portA)));
  expect(burst.every((s) => s === 200 || s === 429), JSON.stringify(burst)).toBe(true);
  expect(burst.filter((s) => s === 429).length, JSON.stringify(burst)).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 1100));
});

test("an activity started through instance B runs once: one row, one attempt, one audit event, one job", async ({ request }) => {
  const id = await restart(request, portB);
  await until("the restart to complete", async () => (await activity(id)).state === "COMPLETED", 30_000);
  const a = await activity(id);
  expect(a.attempts).toBe(1);
  expect(a.stepLog.map((s) => s.key)).toEqual(["shutdown_guest", "boot"]);
  const rows = await sql(`SELECT count(*)::int AS n FROM "Activity" WHERE "resourceId" = $1 AND type = 'vm.restart' AND "createdAt" >= $2`, [vmId, started]);
  expect(rows.rows[0].n).toBe(1);
  const audit = await sql(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "targetId" = $1 AND action = 'vm.restart' AND "createdAt" >= $2`, [vmId, started]);
  expect(audit.rows[0].n).toBe(1);
  const jobs = await sql(`SELECT state::text AS state, retry_count FROM pgboss.job WHERE name = 'activity' AND data->>'activityId' = $1`, [id]);
  expect(jobs.rows).toEqual([{ state: "completed", retry_count: 0 }]);
});

test("a worker killed -9 in the middle of an activity leaves it to another, which finishes it once", async ({ request }) => {
  test.setTimeout(90_000);
  // Instance A works the queue too: paused (SIGSTOP) until worker 1 has claimed the activity, so
  // that the process killed is the one running it. B has no worker (CONSOLE_WORKER=off).
  stoppedA = pidOnPort(portA);
  process.kill(stoppedA, "SIGSTOP");
  let id: string;
  try {
    id = await restart(request, portB);
    await until("worker 1 to claim the restart", async () => {
      const a = await activity(id);
      return a.state === "RUNNING" && a.step === "shutdown_guest";
    }, 20_000);
  } finally {
    process.kill(stoppedA, "SIGCONT");
    stoppedA = null;
  }
  const w1 = procs.find((p) => p.name === "worker 1")!;
  killGroup(w1, "SIGKILL");
  const killedAt = Date.now();
  // The shutdown step takes 2.4 s on worker 1: it was killed in it, the activity still says so.
  expect(await activity(id)).toMatchObject({ state: "RUNNING", attempts: 1, step: "shutdown_guest" });
  await workerReady(startWorker("worker 2", process.env.INFRA_TIME_SCALE ?? "0.2"));

  // Nobody claims it while its heartbeat is fresh; once it is STALE_SECONDS old, the next sweep of A
  // or worker 2 resumes it, and it completes once.
  await until("the restart to be resumed and completed", async () => (await activity(id)).state === "COMPLETED", (STALE_SECONDS + SWEEP_SECONDS + 15) * 1000);
  const a = await activity(id);
  const took = (a.completedAt!.getTime() - killedAt) / 1000;
  expect(took).toBeLessThan(STALE_SECONDS + SWEEP_SECONDS + 10);
  expect(took).toBeGreaterThan(STALE_SECONDS - 5);
  expect(a.attempts).toBe(2);
  // Its plan started again from the first step (the steps are idempotent), and ran to its end once.
  expect(a.stepLog.map((s) => s.key)).toEqual(["shutdown_guest", "shutdown_guest", "boot"]);
  const audit = await sql(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "targetId" = $1 AND action = 'vm.restart' AND "createdAt" >= $2`, [vmId, started]);
  expect(audit.rows[0].n).toBe(2); // this restart and the one of the test before
  expect((await sql(`SELECT "powerState"::text AS s FROM "Vm" WHERE id = $1`, [vmId])).rows[0].s).toBe("POWERED_ON");
});

test("the collector's tick and the rollups run once per slot however many processes offer them", async () => {
  test.setTimeout(90_000);
  // Every process offers each metric job on its own timer (lib/jobs/telemetry.ts); a pg-boss
  // singleton slot lets one through. Wait for a tick offered after B and the workers started.
  await until("a collector tick after every process started", async () => {
    const r = await sql(`SELECT 1 FROM pgboss.job WHERE name = 'telemetry.tick' AND created_on >= $1 AND state = 'completed'`, [t0]);
    return r.rowCount! > 0;
  }, 75_000);
  const perSlot = await sql(
    `SELECT name, singleton_on, count(*)::int AS n FROM pgboss.job
      WHERE name IN ('telemetry.tick', 'metrics.rollup') AND created_on >= $1::timestamptz - interval '5 minutes'
      GROUP BY name, singleton_on ORDER BY singleton_on`,
    [t0],
  );
  expect(perSlot.rows.length).toBeGreaterThan(0);
  expect(perSlot.rows.filter((r) => r.n !== 1)).toEqual([]);
  // Each tick writes one sample per series and instant: no series has two rows for one instant.
  const dup = await sql(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM "MetricSample" WHERE at >= $1::timestamptz - interval '15 minutes'
       GROUP BY "tenantId", "resourceType", "resourceId", metric, at HAVING count(*) > 1) d`,
    [t0],
  );
  expect(dup.rows[0].n).toBe(0);
});
