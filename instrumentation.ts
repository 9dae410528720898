// Runs once when the Next server starts: the app works its own activity queue unless told not to
// (CONSOLE_WORKER=off, e.g. when `npm run worker` processes run beside several app instances).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.CONSOLE_WORKER === "off" || !process.env.DATABASE_URL) return;
  const { startWorker } = await import("@/lib/jobs/worker");
  const { onStop } = await import("@/lib/server/graceful-stop.mjs");
  try {
    // server.mjs runs this on SIGTERM/SIGINT while it drains: running activities are handed back.
    const worker = await startWorker();
    onStop(() => worker.stop());
  } catch (e) {
    // The console still serves pages; activities wait in the database until a worker runs.
    console.error("✖ The activity worker did not start:", e instanceof Error ? e.message : e);
  }
}

// A page or route that failed because the database is away: proxy.ts answers 503 from now on,
// until a connection to the server opens again.
export async function onRequestError(err: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { noteIfDatabaseUnavailable } = await import("@/lib/db-health");
  noteIfDatabaseUnavailable(err);
}
