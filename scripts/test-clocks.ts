// `npm run test:clocks`: the date-sensitive suites under a shifted clock, once per edge that a
// calendar can put under a test — the last and first minute of a month, months of 28, 29, 30 and
// 31 days, the two DST changes of Europe/Paris, 23:59 UTC against local midnight, and the hours
// and weekdays that move the simulated telemetry.
//
// The clock is shifted with libfaketime (Debian's `faketime` package, installed when missing),
// preloaded into every process of the run: Node (Vitest, the seed, `next start`), the embedded
// PostgreSQL that the run starts for itself (so `now()` in SQL agrees with `Date.now()` in Node),
// and Chromium. The shifted clock keeps ticking, so a run that starts a minute before a month's
// end crosses into the next month part-way, as a real run would.
//
//   npm run test:clocks                      every edge: unit + integration + the dashboards' e2e
//   npm run test:clocks -- --edge dst-spring one edge (see EDGES below)
//   npm run test:clocks -- --stages unit     only some stages (unit, integration, e2e)
//
// Ends with `N passed, N failed` over all edges; exits non-zero if any edge failed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";

const root = path.resolve(import.meta.dirname, "..");
const LIBFAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

export type Edge = { name: string; at: string; tz: string; why: string };

export const EDGES: Edge[] = [
  { name: "31-day-last-minute", at: "2027-01-31T23:59:00Z", tz: "UTC", why: "last minute of a 31-day month (January)" },
  { name: "28-day-first-minute", at: "2027-02-01T00:00:00Z", tz: "UTC", why: "first minute of a 28-day month (February 2027)" },
  { name: "29-day-leap", at: "2028-02-29T23:59:00Z", tz: "UTC", why: "last minute of a 29-day February (2028)" },
  { name: "30-day-last-minute", at: "2027-04-30T23:59:00Z", tz: "UTC", why: "last minute of a 30-day month (April)" },
  { name: "dst-spring", at: "2027-03-28T00:59:00Z", tz: "Europe/Paris", why: "a minute before Paris skips 02:00–03:00 (last Sunday of March)" },
  { name: "dst-autumn", at: "2027-10-31T00:59:00Z", tz: "Europe/Paris", why: "a minute before Paris repeats 02:00–03:00 (last Sunday of October)" },
  { name: "utc-vs-paris-midnight", at: "2027-06-30T22:30:00Z", tz: "Europe/Paris", why: "already 1 July in Paris, still 30 June in UTC" },
  { name: "year-end-2359-utc", at: "2027-12-31T23:59:00Z", tz: "Europe/Paris", why: "23:59 UTC on 31 December: already 1 January in Paris" },
  // The simulated telemetry moves with the hour and the weekday (lib/infra/telemetry.ts).
  { name: "weekday-midday-peak", at: "2027-02-03T12:00:00Z", tz: "Europe/Paris", why: "a Wednesday at the working-day peak (pressure and throttling incidents)" },
  { name: "sunday-evening", at: "2027-02-07T20:00:00Z", tz: "Europe/Paris", why: "the last 24 h are all weekend: the quietest day" },
];

const STAGES = ["unit", "integration", "e2e"] as const;
/**
 * The suites that read the clock: every unit test (they are quick), and the integration and browser
 * tests of what prints or computes months, days, hours and ages — dashboards, SLA, cost, telemetry
 * and its rollups, RPO statuses, backups, token expiry, the demo seed (its data is dated from now),
 * and the audit export named after the day.
 */
const INTEGRATION_FILES = [
  "lib/services/dashboards.int.test.ts",
  "lib/services/dashboards-views.int.test.ts",
  "lib/services/replication.int.test.ts",
  "lib/services/backup.int.test.ts",
  "lib/services/tokens.int.test.ts",
  "lib/metrics/metrics.int.test.ts",
  "lib/db/demo-seed.int.test.ts",
  "app/t/[tenant]/audit/export/route.int.test.ts",
];
const E2E_SPECS = ["e2e/dashboards.spec.ts", "e2e/dashboards-views.spec.ts", "e2e/data-protection.spec.ts"];

/** A Debian package the run needs and a fresh machine may lack (`.ci/run` installs Chromium the same way). */
function ensureDebianPackage(pkg: string, file: string, why: string) {
  if (existsSync(file)) return;
  console.log(`• Installing Debian's ${pkg} ${why}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  const r = spawnSync("apt-get", ["install", "-y", "-qq", pkg], { stdio: "inherit", env });
  if (r.status !== 0 || !existsSync(file)) throw new Error(`${file} is missing and could not be installed: apt-get install ${pkg}`);
}

/** libfaketime's relative form ("+N" seconds from the real clock): the same shift in every process, whenever it starts. */
export function faketimeEnv(edge: Edge, realNow = Date.now()): Record<string, string> {
  const offset = Math.round((Date.parse(edge.at) - realNow) / 1000);
  return {
    LD_PRELOAD: LIBFAKETIME,
    FAKETIME: `${offset >= 0 ? "+" : ""}${offset}`,
    // File times stay real (the build cache compares them), and so do monotonic clocks (timeouts).
    NO_FAKE_STAT: "1",
    DONT_FAKE_MONOTONIC: "1",
    FAKETIME_DONT_RESET: "1",
    TZ: edge.tz,
    // A PostgreSQL of the run's own, under the same clock (the machine's server keeps the real one).
    TEST_EMBEDDED_PG: "1",
    TEST_EMBEDDED_PG_DIR: path.join(root, ".data", "test-pg-clocks"),
    TEST_EMBEDDED_PG_PORT: "54341",
  };
}

function lastLine(out: string): { passed: number; failed: number } {
  const m = [...out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 1 };
}

/** Runs the suite, its output shown as it comes, and reads its closing `N passed, N failed` line. */
function runSuite(args: string[], env: Record<string, string>): Promise<{ passed: number; failed: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      out = (out + chunk.toString("utf8")).slice(-10_000);
    });
    child.on("close", (code) => {
      const tally = lastLine(out);
      resolve(code !== 0 && tally.failed === 0 ? { ...tally, failed: 1 } : tally);
    });
  });
}

async function main() {
  const opts = new Command()
    .option("--edge <name...>", `edges to run (${EDGES.map((e) => e.name).join(", ")})`)
    .option("--stages <stage...>", "stages to run", [...STAGES])
    .parse()
    .opts<{ edge?: string[]; stages: string[] }>();
  const unknown = [...(opts.edge ?? []).filter((n) => !EDGES.some((e) => e.name === n)), ...opts.stages.filter((s) => !(STAGES as readonly string[]).includes(s))];
  if (unknown.length > 0) throw new Error(`Unknown edge or stage: ${unknown.join(", ")}`);
  const edges = opts.edge ? EDGES.filter((e) => opts.edge!.includes(e.name)) : EDGES;
  ensureDebianPackage("faketime", LIBFAKETIME, "(libfaketime) for the shifted clocks");
  if (opts.stages.includes("e2e")) ensureDebianPackage("chromium", "/usr/bin/chromium", "for the browser tests");

  const results: { edge: Edge; passed: number; failed: number; seconds: number }[] = [];
  for (const edge of edges) {
    console.log(`\n━━━━ ${edge.name}: ${edge.at} (${edge.tz}) — ${edge.why} ━━━━`);
    const t0 = Date.now();
    // scripts/test.ts hands a file filter to both Vitest stages: the unit stage runs on its own, whole.
    const runs = [
      opts.stages.includes("unit") ? ["unit"] : [],
      [...opts.stages.filter((s) => s !== "unit"), ...(opts.stages.includes("integration") ? INTEGRATION_FILES : []), ...(opts.stages.includes("e2e") ? E2E_SPECS : [])],
    ].filter((r) => r.length > 0);
    const env = faketimeEnv(edge);
    const tally = { passed: 0, failed: 0 };
    for (const stages of runs) {
      const t = await runSuite(["--import", "tsx", "scripts/test.ts", ...stages], env);
      tally.passed += t.passed;
      tally.failed += t.failed;
    }
    results.push({ edge, ...tally, seconds: Math.round((Date.now() - t0) / 1000) });
  }

  console.log("\n━━ clock edges ━━");
  for (const r of results) console.log(`  ${r.failed === 0 ? "✓" : "✖"} ${r.edge.name.padEnd(24)} ${r.edge.at} ${r.edge.tz.padEnd(13)} ${r.passed} passed, ${r.failed} failed (${r.seconds} s)`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
