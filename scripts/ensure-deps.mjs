// Runs before `npm start` and `npm test` with nothing but Node itself: installs the
// dependencies when they are missing or older than the lock file, then generates the
// Prisma client when it is missing. With --progress (`npm start`), the port shows the start's
// progress page meanwhile (scripts/lib/start-progress.mjs).
import { existsSync, statSync } from "node:fs";
import { spawn } from "node:child_process";
import { startProgressServer } from "./lib/start-progress.mjs";

const root = new URL("..", import.meta.url).pathname;
const at = (p) => `${root}${p}`;
// Asynchronous, so the progress page answers while npm works.
const run = async (cmd, args) => {
  const status = await new Promise((resolve) =>
    spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } })
      .on("close", resolve)
      .on("error", () => resolve(1)),
  );
  if (status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} failed (exit ${status}).`);
    process.exit(status ?? 1);
  }
};

const marker = at("node_modules/.package-lock.json");
const stale = !existsSync(marker) || (existsSync(at("package-lock.json")) && statSync(at("package-lock.json")).mtimeMs > statSync(marker).mtimeMs + 1000);
const generated = at("lib/generated/prisma/client.ts");
const ungenerated = () => !existsSync(generated) || statSync(at("prisma/schema.prisma")).mtimeMs > statSync(generated).mtimeMs;

const port = Number(process.env.PORT || 3000);
const progress = process.argv.includes("--progress") && (stale || ungenerated()) && Number.isInteger(port) && port > 0 && port < 65536 ? startProgressServer(port, { steps: { install: "running" } }) : null;
if (stale) {
  console.log("• Installing dependencies (npm ci)…");
  await run("npm", existsSync(at("package-lock.json")) ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"]);
}
if (ungenerated()) {
  console.log("• Generating the Prisma client…");
  await run("node", ["node_modules/prisma/build/index.js", "generate"]);
}
await progress?.close();
