import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import type { ActivityType } from "@/lib/activity-types";
import { payloadOf, required, type ActivityHandler, type ActivityRecord } from "./handler";

// How the activities of a pool's settings and a host's maintenance end (lib/services/pools.ts reserves them).

type PoolPayload = { before?: Prisma.ComputePoolUpdateManyMutationInput; hostId?: string; moves?: { vmId: string; from: string }[] };

const restorePool: ActivityHandler = {
  async complete() {},
  async revert(tx, a) {
    const { before } = payloadOf<PoolPayload>(a);
    if (before) await tx.computePool.updateMany({ where: { id: required(a.resourceId, "pool"), tenantId: a.tenantId }, data: before });
  },
};

const releaseMoved = (tx: Tx, a: ActivityRecord) => tx.vm.updateMany({ where: { tenantId: a.tenantId, busyActivityId: a.id }, data: { busyActivityId: null } });

export const POOL_ACTIVITY_HANDLERS = {
  "pool.set_activated_memory": restorePool,
  "pool.set_ha": restorePool,
  "host.enter_maintenance": {
    async complete(tx, a) {
      await releaseMoved(tx, a);
    },
    // The migration failed: every VM back on the host, which stays in service.
    async revert(tx, a) {
      const p = payloadOf<PoolPayload>(a);
      for (const m of p.moves ?? []) await tx.vm.updateMany({ where: { id: m.vmId, tenantId: a.tenantId }, data: { hostId: m.from } });
      await tx.host.updateMany({ where: { id: required(p.hostId, "host"), tenantId: a.tenantId }, data: { status: "CONNECTED" } });
      await releaseMoved(tx, a);
    },
  },
  "host.exit_maintenance": {
    async complete(tx, a) {
      await tx.host.updateMany({ where: { id: required(payloadOf<PoolPayload>(a).hostId, "host"), tenantId: a.tenantId, status: "MAINTENANCE" }, data: { status: "CONNECTED" } });
    },
    async revert() {},
  },
} satisfies Record<Extract<ActivityType, `pool.${string}` | `host.${string}`>, ActivityHandler>;
