import "server-only";
import { ACTIVITY_QUEUE, enqueueActivities, jobs, stopJobs } from "./queue";
import { findOrphanActivities, runActivity } from "./runner";
import { simulatedDriver, type InfraDriver } from "@/lib/infra/driver";
import { startTelemetryJobs, telemetrySchedule } from "./telemetry";

export type WorkerHandle = { stop(): Promise<void> };

/**
 * Works the activity queue: `concurrency` pollers (pg-boss 10 has no concurrency option), and a
 * sweep at start and every few seconds that requeues what a dead process left running. Several
 * processes may run this at once (`npm run worker`, or the app itself): pg-boss hands each job to
 * one of them, and the activity's claim stops a duplicate.
 */
export async function startWorker({
  concurrency = 4,
  sweepSeconds = 5,
  telemetry = true,
  driver = simulatedDriver,
}: {
  concurrency?: number;
  sweepSeconds?: number;
  /** The metric jobs (lib/jobs/telemetry.ts); off in the activity tests. */
  telemetry?: boolean;
  /** The infrastructure the steps run on (the simulated one; a test may slow it down). */
  driver?: InfraDriver;
} = {}): Promise<WorkerHandle> {
  const j = await jobs();
  // Aborted by stop(): running activities are handed back rather than left for the heartbeat.
  const stopping = new AbortController();
  const running = new Set<Promise<unknown>>();
  const run = (activityId: string) => {
    const p = runActivity(activityId, driver, stopping.signal).finally(() => running.delete(p));
    running.add(p);
    return p;
  };
  for (let i = 0; i < concurrency; i++) {
    const id = await j.boss.work<{ activityId: string }>(ACTIVITY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await run(job.data.activityId);
    });
    j.workerIds.push(id);
  }
  const resuming = new Set<string>();
  const sweep = async () => {
    if (stopping.signal.aborted) return;
    try {
      const { stale, unqueued } = await findOrphanActivities();
      await enqueueActivities(unqueued);
      // Resumed here rather than queued: the dead process's job still holds the queue's slot.
      for (const id of stale) {
        if (resuming.has(id)) continue;
        resuming.add(id);
        void run(id).finally(() => resuming.delete(id));
      }
    } catch (e) {
      console.error("[jobs] sweep failed:", e instanceof Error ? e.message : e);
    }
  };
  await sweep();
  const timer = setInterval(sweep, sweepSeconds * 1000);
  timer.unref();
  // The collector, rollups and retention, where the activity worker runs.
  const schedule = telemetry ? telemetrySchedule() : null;
  const metrics = schedule ? await startTelemetryJobs(j.boss, schedule) : null;
  return {
    async stop() {
      stopping.abort();
      clearInterval(timer);
      metrics?.stop();
      // Each running activity returns within a database round trip of the abort, handed back.
      await Promise.allSettled([...running]);
      await stopJobs();
    },
  };
}
