// Runs before `npm start` and `npm test` with nothing but Node itself: installs the
// dependencies when they are missing or older than the lock file, then generates the
// Prisma client when it is missing. With --progress (`npm start`), the port shows the start's
// progress page during the install (scripts/lib/start-progress.mjs).
import { existsSync, statSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { startProgressServer } from "./lib/start-progress.mjs";

const root = new URL("..", import.meta.url).pathname;
const at = (p) => `${root}${p}`;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
};

const marker = at("node_modules/.package-lock.json");
const stale = !existsSync(marker) || (existsSync(at("package-lock.json")) && statSync(at("package-lock.json")).mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  console.log("• Installing dependencies (npm ci)…");
  const args = existsSync(at("package-lock.json")) ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"];
  const port = Number(process.env.PORT || 3000);
  if (process.argv.includes("--progress") && Number.isInteger(port) && port > 0 && port < 65536) {
    // Asynchronously, so the page answers while npm works.
    const progress = startProgressServer(port, { steps: { install: "running" } });
    const status = await new Promise((resolve) => spawn("npm", args, { cwd: root, stdio: "inherit" }).on("close", resolve).on("error", () => resolve(1)));
    await progress.close();
    if (status !== 0) {
      console.error(`\n✖ npm ${args.join(" ")} failed (exit ${status}).`);
      process.exit(status ?? 1);
    }
  } else run("npm", args);
}
const generated = at("lib/generated/prisma/client.ts");
if (!existsSync(generated) || statSync(at("prisma/schema.prisma")).mtimeMs > statSync(generated).mtimeMs) {
  console.log("• Generating the Prisma client…");
  run("node", ["node_modules/prisma/build/index.js", "generate"]);
}
