// Every page and API list of the console, served by the production build, driven by autocannon
// from this process while the server runs in another, on the large data set of
// `npm run seed:scale -- --tenants 500 --vms 100000 --datastores-per-tenant 10`. For each: p50,
// p97.5 and p99 latency, requests a second, and beside it the same question asked in plain SQL
// (the floor) with the ratio. Results in bench/results/pages.json and pages.md, with the load average.
//
// Run: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/console_scale npm run bench:pages
//      [-- --seconds 10 --connections 1]
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { buildIfNeeded } from "../scripts/lib/build";
import { applyMigrations } from "../scripts/lib/migrate";
import { freePort } from "../scripts/lib/free-port";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({ options: { seconds: { type: "string", default: "10" }, connections: { type: "string", default: "1" } } });
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("✖ The pages bench reads the scale data set: DATABASE_URL=postgresql://…/console_scale (fill it with `npm run seed:scale -- --tenants 500 --vms 100000 --datastores-per-tenant 10`).");
  process.exit(1);
}
// A data set seeded before the latest migrations gets them, as `npm start` would apply them.
await applyMigrations(url, () => undefined);
const sql = new pg.Pool({ connectionString: url, max: 2 });
const one = async <T>(text: string, values: unknown[] = []) => (await sql.query(text, values)).rows[0] as T | undefined;

// The seventh tenant of the scale organization, its fifth pool, a PREMIUM datastore, a VM.
const found = await one<{ id: string; slug: string }>(`SELECT t.id, t.slug FROM "Tenant" t JOIN "Organization" o ON o.id = t."organizationId" WHERE o.slug = 'scale-bench' ORDER BY t.slug OFFSET 6 LIMIT 1`);
if (!found) {
  console.error(`✖ No scale data in ${new URL(url).pathname.slice(1)}: run \`DATABASE_URL=${url} npm run seed:scale\` first.`);
  process.exit(1);
}
const tenant = found;
const pool = (await one<{ id: string }>(`SELECT id FROM "ComputePool" WHERE "tenantId" = $1 ORDER BY name OFFSET 4 LIMIT 1`, [tenant.id]))!;
const ds = (await one<{ id: string }>(`SELECT id FROM "Datastore" WHERE "tenantId" = $1 ORDER BY "tierCode" = 'PREMIUM' DESC, name LIMIT 1`, [tenant.id]))!;
const vm = (await one<{ id: string; name: string }>(`SELECT id, name FROM "Vm" WHERE "tenantId" = $1 ORDER BY name OFFSET 100 LIMIT 1`, [tenant.id]))!;
const counts = (await one<{ tenants: number; vms: number; activities: number; audit: number }>(
  `SELECT (SELECT count(*) FROM "Tenant")::int AS tenants, (SELECT count(*) FROM "Vm")::int AS vms, (SELECT count(*) FROM "Activity")::int AS activities, (SELECT count(*) FROM "AuditEvent")::int AS audit`,
))!;
const tenantVms = (await one<{ n: number }>(`SELECT count(*)::int AS n FROM "Vm" WHERE "tenantId" = $1`, [tenant.id]))!.n;
const lastPage = Math.max(1, Math.ceil(tenantVms / 25));

// The bench's own administrator of that tenant (every permission), and a token for the API.
const EMAIL = "bench.admin@example.test";
const PASSWORD = "bench-password-0123";
function cli(...a: string[]) {
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/cli.ts"), ...a], { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: url } });
}
if (!(await one(`SELECT 1 FROM "User" WHERE email = $1`, [EMAIL]))) {
  const made = cli("user", "create", "--email", EMAIL, "--password", PASSWORD, "--tenant", tenant.slug);
  if (made.status !== 0) throw new Error(`bench user: ${made.stderr}`);
}
const tokenRun = cli("token", "create", "--email", EMAIL, "--tenant", tenant.slug, "--name", `bench-${Date.now()}`, "--days", "1");
if (tokenRun.status !== 0) throw new Error(`bench token: ${tokenRun.stderr}`);
const token = tokenRun.stdout.trim().split("\n").pop()!;


// The production build, served as `npm start` serves it, without the in-app worker (nothing to run).
await buildIfNeeded(console.log);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, "server.mjs")], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, DATABASE_URL: url, PORT: String(port), NODE_ENV: "production", NEXTAUTH_URL: base, NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-0123", CONSOLE_WORKER: "off", NEXT_TELEMETRY_DISABLED: "1" },
});
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);
for (let i = 0; ; i++) {
  if (await fetch(`${base}/signin`).then((r) => r.ok, () => false)) break;
  if (i > 120) throw new Error("the console did not start in 60 s");
  await new Promise((r) => setTimeout(r, 500));
}

// Sign in as a browser does: the CSRF cookie and token, then the credentials form.
const cookies = new Map<string, string>();
const keep = (res: Response) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
};
const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
const csrfRes = await fetch(`${base}/api/auth/csrf`);
keep(csrfRes);
const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
  body: new URLSearchParams({ email: EMAIL, password: PASSWORD, csrfToken, json: "true" }),
});
keep(signIn);
if (![...cookies.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`sign-in failed (${signIn.status})`);

const T = `/t/${tenant.slug}`;
const vmListFloor = (where: string, order: string, offset = 0) => [
  `SELECT v.id, v.name, v."powerState", v.cpu, v."memoryGb", v.tags, v.encryption, v."createdAt", p.name AS pool, h.name AS host, d.name AS ds
     FROM "Vm" v JOIN "ComputePool" p ON p.id = v."poolId" LEFT JOIN "Host" h ON h.id = v."hostId" JOIN "Datastore" d ON d.id = v."datastoreId"
    WHERE v."tenantId" = $1 ${where} ORDER BY ${order}, v.id LIMIT 25 OFFSET ${offset}`,
  `SELECT count(*) FROM "Vm" v WHERE v."tenantId" = $1 ${where}`,
];
/** `api`: the token's Bearer header; `anonymous`: no session (the sign-in page sends a signed-in visitor on). */
type Case = { name: string; path: string; api?: boolean; anonymous?: boolean; floor?: string[] };
const cases: Case[] = [
  { name: "sign-in page", path: "/signin", anonymous: true },
  { name: "overview", path: `${T}/overview` },
  { name: "VM list", path: `${T}/compute/vms`, floor: vmListFloor("", "v.name") },
  { name: "VM list · name search", path: `${T}/compute/vms?q=0042`, floor: vmListFloor(`AND v.name ILIKE '%0042%'`, "v.name") },
  { name: "VM list · tag", path: `${T}/compute/vms?tag=team%3Adata`, floor: vmListFloor(`AND v.tags @> ARRAY['team:data']`, "v.name") },
  ...(["powerState", "pool", "host", "memoryGb", "cpu", "datastore", "encryption", "createdAt"] as const).map((s) => ({
    name: `VM list · sort ${s}`,
    path: `${T}/compute/vms?sort=${s}`,
    floor: vmListFloor("", { powerState: `v."powerState"`, pool: "p.name", host: "h.name", memoryGb: `v."memoryGb"`, cpu: "v.cpu", datastore: "d.name", encryption: "v.encryption", createdAt: `v."createdAt"` }[s]),
  })),
  { name: `VM list · last page (${lastPage})`, path: `${T}/compute/vms?page=${lastPage}`, floor: vmListFloor("", "v.name", (lastPage - 1) * 25) },
  { name: "VM page", path: `${T}/compute/vms/${vm.id}`, floor: [`SELECT * FROM "Vm" WHERE id = $1 AND "tenantId" = $2`, `SELECT * FROM "VmDisk" WHERE "vmId" = $1 AND "tenantId" = $2`, `SELECT * FROM "Snapshot" WHERE "vmId" = $1 AND "tenantId" = $2`, `SELECT * FROM "Activity" WHERE "tenantId" = $2 AND "resourceType" = 'vm' AND "resourceId" = $1 ORDER BY "createdAt" DESC LIMIT 10`] },
  { name: "pools", path: `${T}/compute/pools` },
  { name: "fleet dashboard", path: `${T}/dashboards` },
  { name: "pool dashboard 24 h", path: `${T}/dashboards/pools/${pool.id}` },
  { name: "pool dashboard 30 d", path: `${T}/dashboards/pools/${pool.id}?range=30d` },
  { name: "datastore dashboard", path: `${T}/dashboards/datastores/${ds.id}` },
  { name: "SLA", path: `${T}/dashboards/sla` },
  { name: "cost", path: `${T}/dashboards/cost` },
  { name: "planner", path: `${T}/dashboards/planner` },
  { name: "activities", path: `${T}/activities`, floor: [`SELECT * FROM "Activity" WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, id LIMIT 25`, `SELECT count(*) FROM "Activity" WHERE "tenantId" = $1`] },
  { name: "audit", path: `${T}/audit`, floor: [`SELECT * FROM "AuditEvent" WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, id LIMIT 25`, `SELECT count(*) FROM "AuditEvent" WHERE "tenantId" = $1`] },
  { name: "audit · target search", path: `${T}/audit?target=0042`, floor: [`SELECT * FROM "AuditEvent" WHERE "tenantId" = $1 AND "targetName" ILIKE '%0042%' ORDER BY "createdAt" DESC, id LIMIT 25`, `SELECT count(*) FROM "AuditEvent" WHERE "tenantId" = $1 AND "targetName" ILIKE '%0042%'`] },
  { name: "API · VMs", path: "/api/v1/compute/vms", api: true, floor: vmListFloor("", "v.name") },
  { name: "API · VMs · name search", path: "/api/v1/compute/vms?q=0042", api: true, floor: vmListFloor(`AND v.name ILIKE '%0042%'`, "v.name") },
  { name: "API · VM", path: `/api/v1/compute/vms/${vm.id}`, api: true, floor: [`SELECT * FROM "Vm" WHERE id = $1 AND "tenantId" = $2`] },
  { name: "API · activities", path: "/api/v1/activities", api: true, floor: [`SELECT * FROM "Activity" WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, id LIMIT 25`] },
  { name: "API · audit", path: "/api/v1/audit", api: true, floor: [`SELECT * FROM "AuditEvent" WHERE "tenantId" = $1 ORDER BY "createdAt" DESC, id LIMIT 25`] },
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
/** The floor: the page's questions in plain SQL, one after the other, timed as often as the page was. */
async function floorOf(c: Case, runs: number) {
  if (!c.floor) return null;
  const bind = (q: string) => (q.includes("$2") ? [c.path.includes(vm.id) ? vm.id : tenant.id, tenant.id] : [tenant.id]);
  const times: number[] = [];
  for (let i = 0; i < Math.max(20, Math.min(runs, 200)); i++) {
    const t = performance.now();
    for (const q of c.floor) await sql.query(q, bind(q));
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

console.log(`pages on ${counts.tenants} tenants, ${counts.vms.toLocaleString("en")} VMs, ${counts.activities.toLocaleString("en")} activities, ${counts.audit.toLocaleString("en")} audit events · tenant ${tenant.slug} (${tenantVms} VMs) · ${SECONDS} s each, ${CONNECTIONS} connection(s) · load average ${loadavg()[0]!.toFixed(1)}`);
console.log(`${"page".padEnd(34)} ${"p50".padStart(7)} ${"p97.5".padStart(7)} ${"p99".padStart(7)} ${"req/s".padStart(7)}  ${"floor p50".padStart(9)}  ratio p50  errors`);
const results = [];
for (const c of cases) {
  const headers: Record<string, string> = c.api ? { authorization: `Bearer ${token}` } : c.anonymous ? { "accept-language": "en" } : { cookie: cookieHeader(), "accept-language": "en" };
  // The API allows 25 requests a second per token: it is driven just under that, the pages flat out.
  const r = await autocannon({ url: `${base}${c.path}`, connections: CONNECTIONS, duration: SECONDS, headers, ...(c.api ? { overallRate: 22 } : {}) });
  const floor = await floorOf(c, r.requests.total);
  const errors = r.non2xx + r.errors + r.timeouts;
  const row = { name: c.name, path: c.path, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, rps: r.requests.average, requests: r.requests.total, errors, floorP50: floor ? +floor.p50.toFixed(1) : null, floorP99: floor ? +floor.p99.toFixed(1) : null, ratioP50: floor ? +(r.latency.p50 / Math.max(floor.p50, 0.1)).toFixed(1) : null };
  results.push(row);
  console.log(
    `${c.name.padEnd(34)} ${String(row.p50).padStart(7)} ${String(row.p97_5).padStart(7)} ${String(row.p99).padStart(7)} ${row.rps.toFixed(1).padStart(7)}  ${(row.floorP50 === null ? "—" : row.floorP50.toFixed(1)).padStart(9)}  ${(row.ratioP50 === null ? "—" : `${row.ratioP50}×`).padStart(9)}  ${errors}`,
  );
}
stop();
await sql.end();

const at = new Date().toISOString();
const load = loadavg()[0]!;
mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(path.join(root, "bench/results/pages.json"), JSON.stringify({ at, loadavg: load, seconds: SECONDS, connections: CONNECTIONS, counts, tenant: tenant.slug, tenantVms, results }, null, 2));
const md = [
  `# Pages and API lists on ${counts.tenants} tenants and ${counts.vms.toLocaleString("en")} VMs`,
  "",
  `${at} · load average ${load.toFixed(1)} · ${SECONDS} s per row · ${CONNECTIONS} connection(s) · tenant ${tenant.slug} with ${tenantVms} VMs · times in ms`,
  "",
  "| page | p50 | p97.5 | p99 | req/s | floor p50 | ratio p50 | errors |",
  "|---|---:|---:|---:|---:|---:|---:|---:|",
  ...results.map((r) => `| ${r.name} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.rps.toFixed(1)} | ${r.floorP50 ?? "—"} | ${r.ratioP50 === null ? "—" : `${r.ratioP50}×`} | ${r.errors} |`),
  "",
].join("\n");
writeFileSync(path.join(root, "bench/results/pages.md"), md);
console.log("→ bench/results/pages.json, bench/results/pages.md");
