import "server-only";
import { ACTIVITY_QUEUE, enqueueActivities, jobs, stopJobs } from "./queue";
import { findOrphanActivities, runActivity } from "./runner";
import { startTelemetryJobs, telemetrySchedule } from "./telemetry";

export type WorkerHandle = { stop(): Promise<void> };

/**
 * Works the activity queue: `concurrency` pollers (pg-boss 10 has no concurrency option), and a
 * sweep at start and every few seconds that requeues what a dead process left running. Several
 * processes may run this at once (`npm run worker`, or the app itself): pg-boss hands each job to
 * one of them, and the activity's claim stops a duplicate.
 */
export async function startWorker({ concurrency = 4, sweepSeconds = 5, telemetry = true }: { concurrency?: number; sweepSeconds?: number; /** The metric jobs (lib/jobs/telemetry.ts); off in the activity tests. */ telemetry?: boolean } = {}): Promise<WorkerHandle> {
  const j = await jobs();
  for (let i = 0; i < concurrency; i++) {
    const id = await j.boss.work<{ activityId: string }>(ACTIVITY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await runActivity(job.data.activityId);
    });
    j.workerIds.push(id);
  }
  const resuming = new Set<string>();
  const sweep = async () => {
    try {
      const { stale, unqueued } = await findOrphanActivities();
      await enqueueActivities(unqueued);
      // Resumed here rather than queued: the dead process's job still holds the queue's slot.
      for (const id of stale) {
        if (resuming.has(id)) continue;
        resuming.add(id);
        void runActivity(id).finally(() => resuming.delete(id));
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
      clearInterval(timer);
      metrics?.stop();
      await stopJobs();
    },
  };
}
