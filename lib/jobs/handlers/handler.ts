import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import type { ActivityType } from "@/lib/activity-types";

/** What the runner hands a handler: the activity as recorded at request time. */
export type ActivityRecord = { id: string; tenantId: string; type: ActivityType; payload: Prisma.JsonValue; resourceType: string | null; resourceId: string | null };

/** The payload the request recorded for its handler (an object; `{}` when it recorded none). */
export function payloadOf<P extends object>(a: Pick<ActivityRecord, "payload">): Partial<P> {
  const p = a.payload;
  return p && typeof p === "object" && !Array.isArray(p) ? (p as Partial<P>) : {};
}

/**
 * An id the handler is about to write or delete by. A missing one is a bug, and must never become a
 * `where` without it (Prisma reads `{ id: undefined }` as no condition at all).
 */
export function required(id: string | null | undefined, what: string): string {
  if (!id) throw new Error(`activity payload lacks the ${what} id`);
  return id;
}

/**
 * How an activity ends. The request reserved its change in the inventory (so concurrent requests
 * see it); `complete` makes it final once the infrastructure is done, `revert` puts the inventory
 * back as it was when a step failed. Both run in one transaction with the activity's end state.
 */
export type ActivityHandler = {
  complete(tx: Tx, a: ActivityRecord): Promise<{ resultId?: string } | void>;
  revert(tx: Tx, a: ActivityRecord): Promise<void>;
};
