// Shared with the test template (scripts/lib/test-db.ts), which runs outside Next.
export const ACTIVITY_QUEUE = "activity";
export const PGBOSS_SCHEMA = "pgboss";
