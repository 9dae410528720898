import "server-only";

// The activity rows are the outbox: change() writes each in the transaction of its decision, and
// once that commits hands the ids to whoever publishes them to workers. The job layer registers
// itself here (lib/jobs/queue.ts, on import), so services never import the queue and the queue's
// handlers may import services without a cycle. With no publisher (a script that never loaded the
// queue) nothing is lost: a worker's sweep queues every activity left waiting.

export type ActivityPublisher = (activityIds: readonly string[]) => Promise<void>;

// On globalThis: Next bundles instrumentation, route handlers and server actions separately.
const g = globalThis as unknown as { __consoleActivityPublisher?: ActivityPublisher };

export function setActivityPublisher(publish: ActivityPublisher): void {
  g.__consoleActivityPublisher = publish;
}

export async function publishActivities(activityIds: readonly string[]): Promise<void> {
  if (activityIds.length > 0) await g.__consoleActivityPublisher?.(activityIds);
}
