// `next build` when no build exists or the sources changed since the last one.
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { budgetTable, checkJsBudget } from "./first-load-js";

const root = path.resolve(import.meta.dirname, "../..");

/** What `next build` compiles or reads: an edit to any of them makes the last build stale. */
const BUILT_SOURCES = ["app", "components", "lib", "messages", "i18n", "next.config.mjs", "proxy.ts", "instrumentation.ts", "package-lock.json"];

/** What the build was made from: HEAD and the working tree's changes to built sources. */
function sourceStamp(): string | null {
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" });
  if (head.status !== 0) return null;
  const diff = spawnSync("git", ["diff", "HEAD", "--", ...BUILT_SOURCES], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const untracked = spawnSync("git", ["ls-files", "--others", "--exclude-standard", "--", ...BUILT_SOURCES], { cwd: root, encoding: "utf8" });
  const h = createHash("sha256").update(head.stdout).update(diff.stdout);
  // New files count by their content, not only their names: an edit to one rebuilds too.
  for (const f of untracked.stdout.split("\n").filter(Boolean)) h.update(f).update(readFileSync(path.join(root, f)));
  return h.digest("hex").slice(0, 16);
}

/**
 * Builds unless the last build matches the sources. With `logFile`, the build's output goes there
 * (and its tail into the error): the test run builds while its other stages print theirs. With
 * `jsBudget` (the test run), a route over its JavaScript budget fails it too.
 */
export async function buildIfNeeded(log: (l: string) => void, opts: { logFile?: string; jsBudget?: boolean } = {}): Promise<void> {
  const stampFile = path.join(root, ".next", "console-source-stamp");
  const stamp = sourceStamp();
  const built = existsSync(path.join(root, ".next", "BUILD_ID"));
  if ((built && stamp !== null && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) || (built && stamp === null)) return opts.jsBudget ? checkBudget(log) : undefined;
  log(built ? "• Sources changed since the last build; rebuilding…" : "• Building the console (next build)…");
  const out = opts.logFile ? openSync(opts.logFile, "w") : "inherit";
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
      cwd: root,
      stdio: ["ignore", out, out],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
    child.on("error", () => resolve(1));
    child.on("close", (c) => resolve(c ?? 1));
  });
  if (typeof out === "number") closeSync(out);
  if (code !== 0) {
    const tail = opts.logFile ? `\n${readFileSync(opts.logFile, "utf8").split("\n").slice(-40).join("\n")}` : "";
    throw new Error(`next build failed; ${opts.logFile ? `the end of ${path.relative(root, opts.logFile)}:${tail}` : "see the output above."}`);
  }
  if (stamp) writeFileSync(stampFile, stamp);
  log("• Build ready.");
  if (opts.jsBudget) checkBudget(log);
}

/**
 * The JavaScript budget (js-budget.json), checked on every call, a reused build included: a page
 * over its budget fails the run that would test it, naming the route and the figures.
 */
function checkBudget(log: (l: string) => void): void {
  const { rows, failures } = checkJsBudget(root);
  if (failures.length === 0) return log(`• First-load JavaScript within budget on ${rows.length} routes.`);
  throw new Error(`JavaScript budget exceeded (js-budget.json):\n  ${failures.join("\n  ")}\n\n${budgetTable(rows)}\n\nShip less to the page (server components, dynamic imports), or raise its budget in js-budget.json with a reason.`);
}
