// `npm run worker`: works the activity queue without serving pages. Run several (here or on other
// machines, against the same DATABASE_URL) and they share the work; pg-boss gives each job to one.
import { parseEnv } from "@/lib/env";

const parsed = parseEnv(process.env);
if (!parsed.ok || !parsed.env.DATABASE_URL) {
  console.error("✖ The worker needs DATABASE_URL (the console's database), e.g. DATABASE_URL=postgresql://… npm run worker");
  for (const e of parsed.ok ? [] : parsed.errors) console.error(`  - ${e}`);
  process.exit(1);
}
const { startWorker } = await import("@/lib/jobs/worker");
const { isDatabaseUnavailable } = await import("@/lib/db-unavailable");

// An outage must not end the worker: pg-boss's timers and the runner's own queries fail while the
// database is away and work again when it returns. Such a failure is logged, not fatal; any
// other unhandled rejection is still a bug that stops the process.
process.on("unhandledRejection", (e) => {
  if (isDatabaseUnavailable(e)) return console.warn(`[worker] database unavailable: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  console.error("✖ Unhandled rejection in the worker:", e);
  process.exit(1);
});

// Started while the database is away (a fresh start of everything at once): wait for it.
async function startWhenReachable() {
  for (let delay = 1000; ; delay = Math.min(delay * 2, 15_000)) {
    try {
      return await startWorker();
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      console.warn(`[worker] database unavailable at start, trying again in ${delay / 1000} s`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
const worker = await startWhenReachable();
console.log(`• Activity worker running (pid ${process.pid}); Ctrl-C to stop.`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // Running activities finish their step; an interrupted one is resumed by the next worker.
  const guard = setTimeout(() => process.exit(1), 15_000);
  await worker.stop();
  clearTimeout(guard);
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
