// `npm test`: unit tests, integration tests on real PostgreSQL, then Playwright in
// Chromium against the production build. Ends with one line: `N passed, N failed`.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import os from "node:os";
import readline from "node:readline";
import { existsSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate } from "./lib/test-db";
import { buildIfNeeded } from "./lib/build";
import { runSeed } from "./seed";
import { freePort } from "./lib/free-port";

const root = path.resolve(import.meta.dirname, "..");
const results = path.join(root, "test-results");
mkdirSync(results, { recursive: true });
const log = (l: string) => console.log(l);
type Tally = { name: string; passed: number; failed: number; skipped: number; note?: string };
const tallies: Tally[] = [];
// `npm test -- unit integration` runs those stages; any other argument is a file filter
// handed to Vitest and Playwright (`npm run test:e2e -- e2e/orders.spec.ts`).
const STAGES = ["unit", "integration", "e2e"];
const only = process.argv.slice(2).filter((a) => STAGES.includes(a));
const filters = process.argv.slice(2).filter((a) => !STAGES.includes(a));
const wanted = (stage: string) => only.length === 0 || only.includes(stage);

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  return r.status ?? 1;
}

function vitestStage(project: "unit" | "integration", env: Record<string, string>) {
  const out = path.join(results, `${project}.json`);
  rmSync(out, { force: true });
  log(`\n━━ ${project} tests ━━`);
  const code = run(process.execPath, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--project", project, ...filters.filter((f) => !f.endsWith(".spec.ts")), "--passWithNoTests", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], env);
  if (!existsSync(out)) return tallies.push({ name: project, passed: 0, failed: 1, skipped: 0, note: `vitest exited ${code} without a report` });
  const r = JSON.parse(readFileSync(out, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number };
  // A file that fails to load has no failed test but a failed suite: count it.
  const failed = r.numFailedTests + (r.numFailedTests === 0 && code !== 0 ? Math.max(1, r.numFailedTestSuites) : 0);
  tallies.push({ name: project, passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests });
}

/**
 * How many Playwright processes share the browser tests: each runs a shard of the spec files
 * (`--shard=i/n`) against its own seeded database and its own server, so no shard sees another's
 * writes. Two on this 2-core machine (the tests mostly wait on activities and pages); `E2E_SHARDS=1`
 * runs them in one process.
 */
function e2eShardCount(specFilters: string[]): number {
  const asked = Number(process.env.E2E_SHARDS);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  const n = Math.max(1, Math.min(2, os.availableParallelism()));
  // A filter naming spec files never gets more shards than files (an empty shard fails).
  return specFilters.length > 0 ? Math.min(n, specFilters.length) : n;
}

/** Runs a child with each line of its output prefixed, so that parallel shards stay readable. */
function runPrefixed(prefix: string, cmd: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    for (const stream of [child.stdout, child.stderr]) readline.createInterface({ input: stream }).on("line", (l) => console.log(prefix ? `${prefix} ${l}` : l));
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function e2eStage(adminUrl: string, template: string, building: Promise<unknown>) {
  const specs = filters.filter((f) => f.endsWith(".spec.ts"));
  const shards = e2eShardCount(specs);
  log(`\n━━ end-to-end tests (Playwright, Chromium, production build${shards > 1 ? `, ${shards} shards in parallel` : ""}) ━━`);
  // Named after this checkout, on free ports: two work trees can run their suites at once.
  const checkout = createHash("sha256").update(root).digest("hex").slice(0, 8);
  // Seeded once; the other shards' databases are copies of it (CREATE DATABASE … TEMPLATE).
  const dbName = (i: number) => `console_e2e_${checkout}${shards > 1 ? `_${i + 1}` : ""}`;
  const seeded = dbName(0);
  const copies = Array.from({ length: shards - 1 }, (_, i) => dbName(i + 1));
  const first = await createDatabaseFromTemplate(adminUrl, template, seeded);
  await runSeed(first);
  const urls = [first, ...(await Promise.all(copies.map((n) => createDatabaseFromTemplate(adminUrl, seeded, n))))];
  const buildError = await building;
  if (buildError) throw buildError;
  const codes = await Promise.all(
    urls.map(async (url, i) => {
      const report = path.join(results, shards > 1 ? `e2e-${i + 1}.json` : "e2e.json");
      rmSync(report, { force: true });
      const port = process.env.E2E_PORT && shards === 1 ? process.env.E2E_PORT : String(await freePort());
      // Where the e2e server sends mail (SMTP_URL): e2e/invitations.spec.ts listens there while it runs.
      const smtpPort = process.env.E2E_SMTP_PORT && shards === 1 ? process.env.E2E_SMTP_PORT : String(await freePort());
      const args = [path.join(root, "node_modules/@playwright/test/cli.js"), "test", ...specs, ...(shards > 1 ? [`--shard=${i + 1}/${shards}`] : [])];
      const env = { E2E_DATABASE_URL: url, E2E_PORT: port, E2E_SMTP_PORT: smtpPort, E2E_REPORT: report, E2E_OUTPUT_DIR: path.join(results, shards > 1 ? `e2e-${i + 1}` : "e2e") };
      const code = await runPrefixed(shards > 1 ? `[${i + 1}/${shards}]` : "", process.execPath, args, env);
      return { code, report };
    }),
  );
  for (const [i, { code, report }] of codes.entries()) {
    const name = shards > 1 ? `e2e ${i + 1}/${shards}` : "e2e";
    if (!existsSync(report)) {
      tallies.push({ name, passed: 0, failed: 1, skipped: 0, note: `playwright exited ${code} without a report` });
      continue;
    }
    const s = (JSON.parse(readFileSync(report, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
    tallies.push({ name, passed: s.expected + s.flaky, failed: s.unexpected + (s.unexpected === 0 && code !== 0 ? 1 : 0), skipped: s.skipped, note: s.flaky ? `${s.flaky} flaky` : undefined });
  }
}


const t0 = Date.now();
let embeddedStop: (() => Promise<void>) | null = null;
try {
  // The production build that the browser tests need runs while the unit and integration stages
  // do (≈ 100 s of `next build` that no longer waits its turn); a failure is reported by the e2e stage.
  const building = wanted("e2e") ? buildIfNeeded(log, { logFile: path.join(results, "build.log"), jsBudget: true }).then(() => null, (e: unknown) => e) : Promise.resolve(null);
  if (wanted("unit")) vitestStage("unit", {});
  if (wanted("integration") || wanted("e2e")) {
    const server = await resolveTestServer(log);
    embeddedStop = server.embedded ? server.embedded.stop : null;
    const template = await ensureTemplate(server.adminUrl, log);
    if (wanted("integration")) vitestStage("integration", { TEST_PG_ADMIN_URL: server.adminUrl });
    if (wanted("e2e")) await e2eStage(server.adminUrl, template, building);
  }
} catch (e) {
  console.error(`✖ ${e instanceof Error ? e.message : String(e)}`);
  tallies.push({ name: "setup", passed: 0, failed: 1, skipped: 0, note: "the test run could not complete" });
} finally {
  await embeddedStop?.();
}

log("\n━━ summary ━━");
for (const t of tallies) log(`  ${t.name.padEnd(12)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}${t.note ? ` (${t.note})` : ""}`);
log(`  took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
const skipped = tallies.reduce((n, t) => n + t.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
