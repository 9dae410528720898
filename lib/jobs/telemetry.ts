import "server-only";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db/client";
import { collectTelemetry } from "@/lib/metrics/collector";
import { runRetention } from "@/lib/metrics/partitions";
import { runRollup } from "@/lib/metrics/rollup";
import { evaluateAlerts } from "@/lib/metrics/alerts";
import { env } from "@/lib/env";
import { alertMailConfig } from "@/lib/env-mail";
import { sendDueAlertEmails } from "@/lib/services/alert-mail";
import { ALERT_MAIL_QUEUE, METRICS_RETENTION_QUEUE, METRICS_ROLLUP_QUEUE, METRIC_QUEUES, TELEMETRY_TICK_QUEUE } from "./queue-names";

// The metric jobs run by themselves: every process that works the queue keeps a timer that
// *offers* each job with a pg-boss singleton slot (singletonSeconds), so however many app and
// worker processes run, each job runs once per slot, on whichever process claims it first.

export type TelemetrySchedule = { tickSeconds: number; rollupSeconds: number; retentionSeconds: number; mailSeconds: number };

/** TELEMETRY_TICK_SECONDS (default 60; 0 turns the collector and its jobs off). */
export function telemetrySchedule(env: Record<string, string | undefined> = process.env): TelemetrySchedule | null {
  const raw = env.TELEMETRY_TICK_SECONDS;
  const tick = raw === undefined || raw === "" ? 60 : Number(raw);
  if (!Number.isFinite(tick) || tick <= 0) return null;
  return { tickSeconds: Math.max(1, Math.round(tick)), rollupSeconds: 300, retentionSeconds: 3600, mailSeconds: 30 };
}

const RUN: Record<(typeof METRIC_QUEUES)[number], () => Promise<unknown>> = {
  // The tick: the samples, then the alerts on them (still once per tick across instances).
  [TELEMETRY_TICK_QUEUE]: async () => {
    await collectTelemetry(db(), Date.now());
    await evaluateAlerts(db(), Date.now(), { mail: alertMailConfig(env()) !== null });
  },
  [METRICS_ROLLUP_QUEUE]: () => runRollup(db(), Date.now()),
  [METRICS_RETENTION_QUEUE]: () => runRetention(db(), Date.now()),
  [ALERT_MAIL_QUEUE]: async () => {
    const config = alertMailConfig(env());
    if (config) await sendDueAlertEmails(config);
  },
};

export async function startTelemetryJobs(boss: PgBoss, schedule: TelemetrySchedule): Promise<{ stop(): void; workerIds: string[] }> {
  const every: Record<(typeof METRIC_QUEUES)[number], number> = {
    [TELEMETRY_TICK_QUEUE]: schedule.tickSeconds,
    [METRICS_ROLLUP_QUEUE]: schedule.rollupSeconds,
    [METRICS_RETENTION_QUEUE]: schedule.retentionSeconds,
    [ALERT_MAIL_QUEUE]: schedule.mailSeconds,
  };
  const workerIds: string[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (const q of METRIC_QUEUES) {
    await boss.createQueue(q, { name: q, policy: "singleton", retryLimit: 0, expireInSeconds: 300 });
    workerIds.push(
      await boss.work(q, { batchSize: 1, pollingIntervalSeconds: 2 }, async () => {
        await RUN[q]();
      }),
    );
    const offer = () => void boss.send(q, {}, { singletonSeconds: every[q] }).catch((e: unknown) => console.error(`[jobs] ${q}:`, e instanceof Error ? e.message : e));
    offer();
    const t = setInterval(offer, Math.min(every[q], 60) * 1000);
    t.unref();
    timers.push(t);
  }
  return { workerIds, stop: () => timers.forEach(clearInterval) };
}
