// What-if: the figures before and after a proposed change, and what the rules say about it, so the
// console can show the consequences before anyone clicks Submit. `after` is exactly the figure
// functions applied to the changed state.
import { HOST_ACTIVATED_MEMORY_MIN_GB, type StorageTierCode } from "./catalogue";
import { checkPlacement, indexPool, planPlacement, type PlacementVm } from "./placement";
import { checkAddHosts, poolMemory, type PoolMemory, type PoolState } from "./pool";
import { allViolations, type Violation } from "./result";
import { checkDatastoreResize, checkDatastoreTierChange, checkDiskAdd, datastoreFigures, startOnDatastoreViolations, type DatastoreFigures, type DatastoreState } from "./storage";

/** A pool and/or the datastore its new VMs would use. */
export type WhatIfState = { pool?: PoolState; datastore?: DatastoreState };

export type WhatIfChange =
  /** `diskGib`: a thick disk each new VM brings onto the datastore (the planner). */
  | { kind: "add_vms"; vms: (PlacementVm & { diskGib?: number })[] }
  | { kind: "add_hosts"; count: number; activatedMemoryGb?: number }
  | { kind: "resize_datastore"; sizeGib: number }
  | { kind: "change_tier"; tier: StorageTierCode };

export type WhatIfFigures = { pool: PoolMemory | null; datastore: DatastoreFigures | null };
export type WhatIfResult = { before: WhatIfFigures; after: WhatIfFigures; violations: Violation[] };

export function figuresOf(state: WhatIfState): WhatIfFigures {
  return { pool: state.pool ? poolMemory(state.pool) : null, datastore: state.datastore ? datastoreFigures(state.datastore) : null };
}

function need<T>(x: T | undefined, what: string, kind: string): T {
  if (x === undefined) throw new Error(`what-if "${kind}" needs a ${what} in the state`);
  return x;
}

/** The changed state and every violation the change meets on the way. */
function simulate(state: WhatIfState, change: WhatIfChange): { state: WhatIfState; violations: Violation[] } {
  switch (change.kind) {
    case "add_vms": {
      let pool = state.pool;
      let datastore = state.datastore;
      if (!pool && !datastore) throw new Error(`what-if "add_vms" needs a pool or a datastore in the state`);
      const violations: Violation[] = [];
      // VMs are placed one after the other, each seeing the ones before: the host the engine would
      // pick is used even when a rule refuses, so that `after` shows what going ahead would mean.
      for (const vm of change.vms) {
        // The disk is written before the VM starts: its space is taken first, then the swap file.
        if (datastore && vm.diskGib) {
          violations.push(...allViolations(checkDiskAdd(datastore, { sizeGib: vm.diskGib, provisioning: "THICK", vm })));
          datastore = { ...datastore, usedGib: datastore.usedGib + vm.diskGib, provisionedGib: datastore.provisionedGib + vm.diskGib };
        }
        let hostId: string | null = null;
        if (pool) {
          const index = indexPool(pool, vm.id);
          violations.push(...allViolations(checkPlacement({ pool, vm, datastore }, index)));
          hostId = planPlacement(pool, vm, undefined, index).hostId;
          pool = { ...pool, vms: [...pool.vms, { id: vm.id, name: vm.name, memoryGb: vm.memoryGb, hostId, poweredOn: vm.poweredOn, datastoreId: datastore?.id ?? "", iopsDemand: vm.iopsDemand }] };
        } else if (datastore && vm.poweredOn) {
          violations.push(...startOnDatastoreViolations(datastore, vm));
        }
        if (datastore) datastore = { ...datastore, vms: [...datastore.vms, { id: vm.id, memoryGb: vm.memoryGb, poweredOn: vm.poweredOn, iopsDemand: vm.iopsDemand }] };
      }
      return { state: { pool, datastore }, violations };
    }
    case "add_hosts": {
      const pool = need(state.pool, "pool", change.kind);
      const activatedMemoryGb = change.activatedMemoryGb ?? pool.activatedMemoryGb + change.count * HOST_ACTIVATED_MEMORY_MIN_GB;
      const violations = allViolations(checkAddHosts(pool, { count: change.count, nodeType: pool.nodeType, activatedMemoryGb }));
      const hosts = [...pool.hosts];
      for (let i = 0; i < change.count; i++) hosts.push({ id: `${pool.id}:new-host-${i + 1}`, maintenance: false });
      return { state: { ...state, pool: { ...pool, hosts, activatedMemoryGb } }, violations };
    }
    case "resize_datastore": {
      const ds = need(state.datastore, "datastore", change.kind);
      return { state: { ...state, datastore: { ...ds, sizeGib: change.sizeGib } }, violations: allViolations(checkDatastoreResize(ds, change.sizeGib)) };
    }
    case "change_tier": {
      const ds = need(state.datastore, "datastore", change.kind);
      return { state: { ...state, datastore: { ...ds, tier: change.tier } }, violations: allViolations(checkDatastoreTierChange(ds, change.tier)) };
    }
  }
}

/** The state once the change is made (new VMs on the hosts the engine would choose). */
export function applyChange(state: WhatIfState, change: WhatIfChange): WhatIfState {
  return simulate(state, change).state;
}

export function whatIf(state: WhatIfState, change: WhatIfChange): WhatIfResult {
  const { state: next, violations } = simulate(state, change);
  return { before: figuresOf(state), after: figuresOf(next), violations };
}

// ── The capacity planner combines several changes ──

/**
 * Several changes made one after the other (hosts added, then VMs placed on the larger pool):
 * `before` is the state as it stands, `after` the state once every change is made, and the
 * violations are every one met on the way, in order.
 */
export function whatIfAll(state: WhatIfState, changes: readonly WhatIfChange[]): WhatIfResult {
  let current = state;
  const violations: Violation[] = [];
  for (const change of changes) {
    const step = simulate(current, change);
    current = step.state;
    violations.push(...step.violations);
  }
  return { before: figuresOf(state), after: figuresOf(current), violations };
}
