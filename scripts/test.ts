// `npm test`: unit tests, integration tests on real PostgreSQL, then Playwright in
// Chromium against the production build. Ends with one line: `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import net from "node:net";
import { existsSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { resolveTestServer, ensureTemplate, createDatabaseFromTemplate } from "./lib/test-db";
import { buildIfNeeded } from "./lib/build";
import { runSeed } from "./seed";

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

async function e2eStage(adminUrl: string, template: string, building: Promise<unknown>) {
  log("\n━━ end-to-end tests (Playwright, Chromium, production build) ━━");
  // Named after this checkout, on a free port: two work trees can run their suites at once.
  const checkout = createHash("sha256").update(root).digest("hex").slice(0, 8);
  const url = await createDatabaseFromTemplate(adminUrl, template, `console_e2e_${checkout}`);
  await runSeed(url);
  const buildError = await building;
  if (buildError) throw buildError;
  const out = path.join(results, "e2e.json");
  rmSync(out, { force: true });
  const port = process.env.E2E_PORT ?? String(await freePort());
  // Where the e2e server sends mail (SMTP_URL): e2e/invitations.spec.ts listens there while it runs.
  const smtpPort = process.env.E2E_SMTP_PORT ?? String(await freePort());
  const code = run(process.execPath, [path.join(root, "node_modules/@playwright/test/cli.js"), "test", ...filters.filter((f) => f.endsWith(".spec.ts"))], { E2E_DATABASE_URL: url, E2E_PORT: port, E2E_SMTP_PORT: smtpPort });
  if (!existsSync(out)) return tallies.push({ name: "e2e", passed: 0, failed: 1, skipped: 0, note: `playwright exited ${code} without a report` });
  const s = (JSON.parse(readFileSync(out, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
  tallies.push({ name: "e2e", passed: s.expected + s.flaky, failed: s.unexpected + (s.unexpected === 0 && code !== 0 ? 1 : 0), skipped: s.skipped });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const t0 = Date.now();
let embeddedStop: (() => Promise<void>) | null = null;
try {
  // The production build that the browser tests need runs while the unit and integration stages
  // do (≈ 100 s of `next build` that no longer waits its turn); a failure is reported by the e2e stage.
  const building = wanted("e2e") ? buildIfNeeded(log, { logFile: path.join(results, "build.log") }).then(() => null, (e: unknown) => e) : Promise.resolve(null);
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
