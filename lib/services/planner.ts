import "server-only";
import { loadDatastoreState, loadPoolState } from "@/lib/db/capacity";
import { listDashboardTargets } from "@/lib/db/dashboards-views";
import type { Decision, Violation } from "@/lib/domain/result";
import { whatIfAll, type WhatIfChange, type WhatIfState } from "@/lib/domain/what-if";
import type { PlanCapacityInput, PlannerResult } from "@/lib/validation/planner";
import { assertPermission, type TenantContext } from "./context";

// The capacity planner. Read-only: the stored pool or datastore, the hypothetical
// changes the user typed, and the domain's what-if over them. Nothing is written, nothing audited.

/** The pools and datastores of the tenant the planner can start from. */
export async function plannerTargets(ctx: TenantContext) {
  assertPermission(ctx, "metric:read");
  return listDashboardTargets(ctx.tenant.id);
}

export type { PlannerResult };

/** The planned VMs' ids: what the planner adds, told apart from the pool's own VMs. */
const PLANNED_PREFIX = "planned-";

/** The changes the planner's question asks for, in the order they would be made: hosts first, then VMs, then the datastore. */
export function plannerChanges(input: PlanCapacityInput, state: WhatIfState): WhatIfChange[] {
  const changes: WhatIfChange[] = [];
  if (state.pool && input.hostCount > 0) changes.push({ kind: "add_hosts", count: input.hostCount });
  if (state.datastore && input.sizeGib !== undefined && input.sizeGib !== state.datastore.sizeGib) changes.push({ kind: "resize_datastore", sizeGib: input.sizeGib });
  if (state.datastore && input.tier !== undefined && input.tier !== state.datastore.tier) changes.push({ kind: "change_tier", tier: input.tier });
  if (input.vmCount > 0) {
    changes.push({
      kind: "add_vms",
      vms: Array.from({ length: input.vmCount }, (_, i) => ({
        id: `${PLANNED_PREFIX}${i + 1}`,
        name: `${PLANNED_PREFIX}${i + 1}`,
        memoryGb: input.vmMemoryGb,
        poweredOn: true,
        encryption: "NONE" as const,
        iopsDemand: input.vmIops,
        diskGib: state.datastore ? input.vmDiskGib : undefined,
      })),
    });
  }
  return changes;
}

/**
 * One entry per rule and line: the what-if meets a rule at each planned VM (the pool's 85 % line
 * at the 30th VM, again at the 31st with a larger figure…). The planner shows it once, with the
 * figures of its last occurrence, i.e. of the state after every change. Distinct lines of one
 * rule (the pool's line and a host's share, other limits) and rules about an existing resource
 * (an affinity rule, a host) stay one entry each.
 */
export function oncePerRule(violations: readonly Violation[]): Violation[] {
  const key = (v: Violation) => `${v.code}|${v.subject === undefined || v.subject.startsWith(PLANNED_PREFIX) ? "" : v.subject}|${v.limit ?? ""}|${v.unit ?? ""}`;
  // A Map keeps a key where it was first set and the value it was last set to.
  return [...new Map(violations.map((v) => [key(v), v])).values()];
}

/**
 * The what-if of the planner. Always "accepted" as a question: the figures before and after travel
 * with every violation the changes would meet (refusals included), so the page can show both.
 * Another tenant's pool or datastore is not found.
 */
export async function planCapacity(ctx: TenantContext, input: PlanCapacityInput): Promise<Decision<PlannerResult>> {
  assertPermission(ctx, "metric:read");
  const tenantId = ctx.tenant.id;
  const state: WhatIfState = {};
  if (input.target === "pool") {
    state.pool = await loadPoolState(tenantId, input.poolId ?? "");
    if (input.datastoreId) state.datastore = await loadDatastoreState(tenantId, input.datastoreId);
  } else {
    state.datastore = await loadDatastoreState(tenantId, input.datastoreId ?? "");
  }
  const changes = plannerChanges(input, state);
  const r = whatIfAll(state, changes);
  const violations = oncePerRule(r.violations);
  return {
    ok: true,
    value: {
      before: r.before,
      after: r.after,
      fits: !violations.some((v) => v.severity === "refuse"),
      changes: changes.length,
      addedVms: input.vmCount,
      addedVcpu: input.vmCount * input.vmCpu,
      addedMemoryGb: input.vmCount * input.vmMemoryGb,
    },
    warnings: violations,
  };
}
