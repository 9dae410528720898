import "server-only";
import type { ActivityType } from "@/lib/activity-types";
import { payloadOf, required, type ActivityHandler, type ActivityRecord } from "./handler";

// How a replication's activities end (lib/services/replication.ts reserves them).

const replicationIdOf = (a: ActivityRecord) => required(payloadOf<{ replicationId: string }>(a).replicationId, "replication");

/** The initial copy done: the replication runs, with its first replicated point. A failure takes the reservation back. */
const enableHandler: ActivityHandler = {
  async complete(tx, a) {
    const id = replicationIdOf(a);
    await tx.replication.updateMany({ where: { id, tenantId: a.tenantId }, data: { status: "ACTIVE", lastReplicatedAt: new Date(), busyActivityId: null } });
    return { resultId: id };
  },
  async revert(tx, a) {
    await tx.replication.deleteMany({ where: { id: replicationIdOf(a), tenantId: a.tenantId } });
  },
};

export const REPLICATION_ACTIVITY_HANDLERS = {
  "replication.vm_enable": enableHandler,
  "replication.global_mirror_enable": enableHandler,
  "replication.metro_mirror_enable": enableHandler,
  "replication.stop": {
    async complete(tx, a) {
      await tx.replication.deleteMany({ where: { id: replicationIdOf(a), tenantId: a.tenantId } });
    },
    async revert(tx, a) {
      await tx.replication.updateMany({ where: { id: replicationIdOf(a), tenantId: a.tenantId }, data: { busyActivityId: null } });
    },
  },
} satisfies Record<Extract<ActivityType, `replication.${string}`>, ActivityHandler>;
