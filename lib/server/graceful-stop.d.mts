import type { Server, ServerResponse } from "node:http";

export function onStop(hook: () => Promise<unknown> | unknown): void;
export function gracefulStop(server: Server, options?: { deadlineMs?: number }): {
  onRequest(res: ServerResponse): void;
  readonly draining: boolean;
  stop(): Promise<"drained" | "deadline">;
};
