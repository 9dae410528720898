import "server-only";
import type { ActivityType } from "@/lib/activity-types";
import { payloadOf, required, type ActivityHandler, type ActivityRecord } from "./handler";

// How an affinity rule's activities end (lib/services/affinity.ts reserves them).

type RulePayload = { ruleId: string; before: { enabled: boolean } };
const ruleOf = (a: ActivityRecord) => ({ id: required(payloadOf<RulePayload>(a).ruleId, "affinity rule"), tenantId: a.tenantId });

const restore: ActivityHandler = {
  async complete() {},
  async revert(tx, a) {
    const { before } = payloadOf<RulePayload>(a);
    if (before) await tx.affinityRule.updateMany({ where: ruleOf(a), data: before });
  },
};

export const AFFINITY_ACTIVITY_HANDLERS = {
  "affinity.create": {
    async complete() {},
    async revert(tx, a) {
      await tx.affinityRule.deleteMany({ where: ruleOf(a) });
    },
  },
  "affinity.enable": restore,
  "affinity.disable": restore,
  "affinity.delete": {
    async complete(tx, a) {
      await tx.affinityRule.deleteMany({ where: ruleOf(a) });
    },
    async revert() {},
  },
} satisfies Record<Extract<ActivityType, `affinity.${string}`>, ActivityHandler>;
