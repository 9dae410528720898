// Shared with the test template (scripts/lib/test-db.ts), which runs outside Next.
export const ACTIVITY_QUEUE = "activity";
export const PGBOSS_SCHEMA = "pgboss";
// The collector's tick, the rollups and the retention, each on its own queue
export const TELEMETRY_TICK_QUEUE = "telemetry.tick";
export const METRICS_ROLLUP_QUEUE = "metrics.rollup";
export const METRICS_RETENTION_QUEUE = "metrics.retention";
// The alert e-mails the tick queued (the AlertEmail outbox), sent apart so SMTP never slows a tick
export const ALERT_MAIL_QUEUE = "alerts.mail";
export const METRIC_QUEUES = [TELEMETRY_TICK_QUEUE, METRICS_ROLLUP_QUEUE, METRICS_RETENTION_QUEUE, ALERT_MAIL_QUEUE] as const;
