// `next build` when no build exists or the sources changed since the last one.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** What the build was made from: HEAD and the working tree's changes to built sources. */
function sourceStamp(): string | null {
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" });
  if (head.status !== 0) return null;
  const diff = spawnSync("git", ["diff", "HEAD", "--", "app", "components", "lib", "messages", "i18n", "next.config.mjs", "proxy.ts", "package-lock.json"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const untracked = spawnSync("git", ["ls-files", "--others", "--exclude-standard", "--", "app", "components", "lib", "messages", "i18n", "proxy.ts"], { cwd: root, encoding: "utf8" });
  const h = createHash("sha256").update(head.stdout).update(diff.stdout);
  // New files count by their content, not only their names: an edit to one rebuilds too.
  for (const f of untracked.stdout.split("\n").filter(Boolean)) h.update(f).update(readFileSync(path.join(root, f)));
  return h.digest("hex").slice(0, 16);
}

export function buildIfNeeded(log: (l: string) => void): void {
  const stampFile = path.join(root, ".next", "console-source-stamp");
  const stamp = sourceStamp();
  const built = existsSync(path.join(root, ".next", "BUILD_ID"));
  if (built && stamp !== null && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return;
  if (built && stamp === null) return;
  log(built ? "• Sources changed since the last build; rebuilding…" : "• Building the console (next build)…");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("next build failed; see the output above.");
  if (stamp) writeFileSync(stampFile, stamp);
}
