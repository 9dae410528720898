import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { setActivityPublisher } from "@/lib/services/outbox";
import { ACTIVITY_QUEUE, PGBOSS_SCHEMA } from "./queue-names";

// Activities run on pg-boss (PostgreSQL-backed: no other server to run). One instance per
// process, kept on globalThis because Next bundles instrumentation and routes separately.
export { ACTIVITY_QUEUE, PGBOSS_SCHEMA };

type Jobs = { boss: PgBoss; workerIds: string[] };
const g = globalThis as unknown as { __consoleJobs?: Promise<Jobs> };

function create(): PgBoss {
  const connectionString = env().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set; the job queue needs the console's database.");
  const boss = new PgBoss({
    connectionString,
    schema: PGBOSS_SCHEMA,
    max: 4,
    // No cron here; maintenance (expiring and archiving jobs) runs in whichever instance supervises.
    schedule: false,
    supervise: true,
    migrate: true,
  });
  boss.on("error", (e) => console.error("[jobs]", e.message));
  return boss;
}

/** The process's queue, started on first use (installs pg-boss's schema the first time). */
export function jobs(): Promise<Jobs> {
  g.__consoleJobs ??= (async () => {
    const boss = create();
    await boss.start();
    // stately: at most one waiting and one running job per activity id, however often it is sent.
    await boss.createQueue(ACTIVITY_QUEUE, { name: ACTIVITY_QUEUE, policy: "stately", retryLimit: 3, retryDelay: 2, expireInSeconds: 120 });
    return { boss, workerIds: [] };
  })().catch((e) => {
    g.__consoleJobs = undefined;
    throw e;
  });
  return g.__consoleJobs;
}

/**
 * Queues activities whose transaction has committed. A failure to queue loses nothing: the
 * activity row is the record, and the worker's sweep queues any activity left waiting.
 */
export async function enqueueActivities(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    const { boss, workerIds } = await jobs();
    for (const id of ids) await boss.send(ACTIVITY_QUEUE, { activityId: id }, { singletonKey: id });
    // A worker in this process starts at once instead of at its next poll.
    for (const w of workerIds) boss.notifyWorker(w);
  } catch (e) {
    console.error("[jobs] could not queue; the sweep will", e instanceof Error ? e.message : e);
  }
}

export async function stopJobs(): Promise<void> {
  const current = g.__consoleJobs;
  g.__consoleJobs = undefined;
  if (!current) return;
  const { boss } = await current.catch(() => ({ boss: null }));
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
}

// The services' outbox publishes through this queue in every process that loads it.
setActivityPublisher(enqueueActivities);
