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
const worker = await startWorker();
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
