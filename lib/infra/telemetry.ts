// The simulated telemetry of the infrastructure (there is no vCenter here): what a collector would
// read from the hypervisors and the SAN every 5 minutes, computed from the real inventory. Pure and
// deterministic: the same inventory, seed and instant always give the same samples, so the demo
// backfill and the live collector draw the same lines and a restarted collector fills its gap
// exactly as it would have written it.
//
// Patterns: a working-day hump (07:00–19:00 Paris, peak at 13:00) and quieter weekends. Incidents,
// chosen per resource by a hash of the seed and its name (at least one of each kind when the
// inventory has a candidate): a pool whose midday peak crosses 85 % of its activated memory, a
// datastore whose midday demand goes past its tier's IOPS limit (throttled), a replication whose
// lag grows past its RPO in the afternoon, and a host outage each month (HA restart: minutes of
// downtime) — or, for a one-host pool without HA, a pool outage.
import { SLA_MIN_HOSTS, type NodeTypeCode, type StorageTierCode } from "@/lib/domain/catalogue";
import { memoryCapacityGb, pressureLimitGb } from "@/lib/domain/pool";
import { iopsLimit } from "@/lib/domain/storage";
import type { MetricName, MetricResourceType } from "@/lib/metrics/names";

export const TELEMETRY_SLOT_MS = 5 * 60_000;
export const DEFAULT_TELEMETRY_SEED = 2026;

export type TelemetryInventory = {
  pools: {
    id: string;
    tenantId: string;
    name: string;
    nodeType: NodeTypeCode;
    activatedMemoryGb: number;
    haEnabled: boolean;
    /** Memory of the pool's powered-on VMs. */
    onMemGb: number;
    hosts: { id: string; name: string; maintenance: boolean; onMemGb: number }[];
  }[];
  datastores: { id: string; tenantId: string; name: string; tier: StorageTierCode; sizeGib: number; usedGib: number; swapGib: number; iopsDemand: number }[];
  replications: { id: string; tenantId: string; name: string; kind: string; promisedRpoMinutes: number }[];
};

export type Sample = {
  tenantId: string;
  resourceType: MetricResourceType;
  resourceId: string;
  metric: MetricName;
  value: number;
  at: number;
  /** The capacity in force at `at` (a pool's activated memory on mem_used_gb, a datastore's size on space_used_gb). */
  capacity?: number | null;
  /** The line in force at `at` (the 85 % line on a pool's mem_used_gb, the IOPS limit on iops_demand): history keeps it. */
  threshold?: number | null;
};

export type Outage = { tenantId: string; resourceType: "HOST" | "POOL"; resourceId: string; startedAt: number; endedAt: number; cause: string };

export type Incidents = { pressurePools: Set<string>; throttledDatastores: Set<string>; laggingReplications: Set<string>; outageHosts: Set<string>; outagePools: Set<string> };

// ───────────────────────── Deterministic noise ─────────────────────────

/** FNV-1a, 32 bits. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A number in [0, 1) from a base and a counter (the slot): a mulberry32 step. */
export function noise(base: number, n: number): number {
  let t = (base ^ Math.imul(n, 0x9e3779b1)) + 0x6d2b79f5;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// ───────────────────────── Patterns ─────────────────────────

/** Paris is UTC+1 in winter; the pattern does not move with daylight saving (a simulation). */
const LOCAL_OFFSET_H = 1;

/** The working-day hump, 0 at night, 1 at 13:00 local. */
export function dailyHump(at: number): number {
  const h = (((at / 3_600_000 + LOCAL_OFFSET_H) % 24) + 24) % 24;
  return h < 7 || h > 19 ? 0 : Math.sin((Math.PI * (h - 7)) / 12);
}

export function isWeekend(at: number): boolean {
  const day = new Date(at + LOCAL_OFFSET_H * 3_600_000).getUTCDay();
  return day === 0 || day === 6;
}

/** Activity level: the hump, damped at weekends. */
export function workload(at: number): number {
  return dailyHump(at) * (isWeekend(at) ? 0.35 : 1);
}

export function floorSlot(at: number): number {
  return Math.floor(at / TELEMETRY_SLOT_MS) * TELEMETRY_SLOT_MS;
}

// ───────────────────────── Incidents ─────────────────────────

function pick<T extends { name: string; tenantId: string }>(seed: number, kind: string, xs: readonly T[], every: number): Set<T> {
  const scored = xs.map((x) => ({ x, h: hashString(`${seed}:${kind}:${x.name}`) }));
  const chosen = scored.filter((s) => s.h % every === 0);
  if (chosen.length === 0 && scored.length > 0) chosen.push(scored.reduce((a, b) => (b.h < a.h ? b : a)));
  return new Set(chosen.map((c) => c.x));
}

export function pickIncidents(inv: TelemetryInventory, seed: number): Incidents {
  const ids = <T extends { id: string }>(s: Set<T>) => new Set([...s].map((x) => x.id));
  const eligible = inv.pools.filter((p) => p.hosts.length >= SLA_MIN_HOSTS && p.haEnabled);
  const loners = inv.pools.filter((p) => p.hosts.length < SLA_MIN_HOSTS || !p.haEnabled);
  const hosts = eligible.flatMap((p) => p.hosts.map((h) => ({ ...h, tenantId: p.tenantId })));
  return {
    pressurePools: ids(pick(seed, "pressure", inv.pools, 5)),
    throttledDatastores: ids(pick(seed, "throttle", inv.datastores.filter((d) => iopsLimit(d.tier, d.sizeGib) !== null && d.iopsDemand > 0), 5)),
    laggingReplications: ids(pick(seed, "lag", inv.replications.filter((r) => r.promisedRpoMinutes > 0), 5)),
    outageHosts: ids(pick(seed, "outage", hosts, 20)),
    outagePools: ids(pick(seed, "pool-outage", loners, 3)),
  };
}

/** Host outages last this long: HA restarts the VMs elsewhere (a 99.99 % month allows ≈ 4.3 min). */
export const HOST_OUTAGE_MINUTES = 3;
/** A pool without HA waits for its host to come back. */
export const POOL_OUTAGE_MINUTES = 12;

/** The outages that start in [from, to): one a month per chosen host (the 12th) and pool (the 20th). */
export function outagesBetween(inv: TelemetryInventory, seed: number, incidents: Incidents, from: number, to: number): Outage[] {
  const out: Outage[] = [];
  const months: { y: number; m: number }[] = [];
  const start = new Date(from);
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); Date.UTC(y, m, 1) < to; m === 11 ? ((m = 0), y++) : m++) months.push({ y, m });
  for (const p of inv.pools) {
    for (const h of p.hosts) {
      if (!incidents.outageHosts.has(h.id)) continue;
      for (const { y, m } of months) {
        const at = Date.UTC(y, m, 12, 2, 0) + (hashString(`${seed}:${h.name}`) % 120) * 60_000;
        if (at >= from && at < to) out.push({ tenantId: p.tenantId, resourceType: "HOST", resourceId: h.id, startedAt: at, endedAt: at + HOST_OUTAGE_MINUTES * 60_000, cause: "host.failure.ha_restart" });
      }
    }
    if (!incidents.outagePools.has(p.id)) continue;
    for (const { y, m } of months) {
      const at = Date.UTC(y, m, 20, 1, 0) + (hashString(`${seed}:${p.name}`) % 120) * 60_000;
      if (at >= from && at < to) out.push({ tenantId: p.tenantId, resourceType: "POOL", resourceId: p.id, startedAt: at, endedAt: at + POOL_OUTAGE_MINUTES * 60_000, cause: "host.failure.no_ha" });
    }
  }
  return out;
}

// ───────────────────────── Samples ─────────────────────────

const TIER_LATENCY_MS: Record<StorageTierCode, number> = { ULTRA: 0.4, ENTERPRISE: 0.7, PREMIUM: 1, STANDARD: 2, ESSENTIEL: 4, MASS: 9 };

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A prepared inventory: hashes and incident flags computed once, then `at(t)` per slot. */
export function telemetryModel(inv: TelemetryInventory, seed = DEFAULT_TELEMETRY_SEED) {
  const incidents = pickIncidents(inv, seed);
  const pools = inv.pools.map((p) => {
    const capacity = memoryCapacityGb(p.nodeType, p.activatedMemoryGb, p.hosts.filter((h) => !h.maintenance).length);
    return { ...p, capacity, h: hashString(`${seed}:${p.name}`), pressure: incidents.pressurePools.has(p.id), hosts: p.hosts.map((h) => ({ ...h, outage: incidents.outageHosts.has(h.id) })) };
  });
  const datastores = inv.datastores.map((d) => ({ ...d, limit: iopsLimit(d.tier, d.sizeGib), h: hashString(`${seed}:${d.name}`), throttled: incidents.throttledDatastores.has(d.id) }));
  const replications = inv.replications.map((r) => ({ ...r, h: hashString(`${seed}:${r.name}`), lagging: incidents.laggingReplications.has(r.id) }));

  function samplesAt(at: number, outages: readonly Outage[] = []): Sample[] {
    const slot = Math.floor(at / TELEMETRY_SLOT_MS);
    const hump = dailyHump(at);
    const load = workload(at);
    const down = new Set(outages.filter((o) => o.startedAt < at + TELEMETRY_SLOT_MS && o.endedAt > at).map((o) => o.resourceId));
    const out: Sample[] = [];
    for (const p of pools) {
      const n = noise(p.h, slot);
      let used = p.onMemGb * (0.72 + 0.25 * load + 0.04 * (n - 0.5));
      // The incident: midday demand on top of the reservation, up to 93 % of what the hosts can carry.
      if (p.pressure) used += Math.max(0, 0.93 * p.capacity - used) * hump * hump;
      if (down.has(p.id)) used = 0;
      const limit = pressureLimitGb(p.capacity);
      const ballooned = used > limit ? (used - limit) * 0.4 : 0;
      const cpu = Math.min(100, 6 + 70 * load * (p.capacity > 0 ? Math.min(1, used / p.capacity) : 0) + 4 * n);
      out.push(
        { tenantId: p.tenantId, resourceType: "POOL", resourceId: p.id, metric: "mem_used_gb", value: round2(used), at, capacity: p.capacity, threshold: limit },
        { tenantId: p.tenantId, resourceType: "POOL", resourceId: p.id, metric: "mem_ballooned_gb", value: round2(ballooned), at },
        { tenantId: p.tenantId, resourceType: "POOL", resourceId: p.id, metric: "cpu_pct", value: round2(cpu), at },
      );
      const live = p.hosts.filter((h) => !h.maintenance && !down.has(h.id));
      for (const h of p.hosts) {
        const off = h.maintenance || down.has(h.id) || down.has(p.id);
        // A host's share of the pool's use: its own running VMs, or an even split when none is placed.
        const share = p.onMemGb > 0 ? h.onMemGb / p.onMemGb : live.length > 0 ? 1 / live.length : 0;
        const hostUsed = off ? 0 : used * share;
        out.push(
          { tenantId: p.tenantId, resourceType: "HOST", resourceId: h.id, metric: "mem_used_gb", value: round2(hostUsed), at },
          { tenantId: p.tenantId, resourceType: "HOST", resourceId: h.id, metric: "cpu_pct", value: off ? 0 : round2(Math.min(100, cpu * (0.9 + 0.2 * noise(p.h ^ hashString(h.name), slot)))), at },
        );
      }
    }
    for (const d of datastores) {
      const n = noise(d.h, slot);
      let demand = d.iopsDemand * (0.45 + 0.6 * load + 0.1 * (n - 0.5));
      // The incident: a midday surge to 120 % of the tier's limit.
      if (d.throttled && d.limit !== null) demand += Math.max(0, 1.2 * d.limit - demand) * hump * hump;
      const over = d.limit !== null && d.limit > 0 && demand > d.limit ? demand / d.limit : 0;
      const latency = TIER_LATENCY_MS[d.tier] * (1 + 0.3 * load + 0.1 * n) * (over > 0 ? 4 * over : 1);
      const weekFrac = (((at / 86_400_000 + 3) % 7) + 7) % 7 / 7;
      const space = (d.usedGib + d.swapGib) * (0.97 + 0.03 * weekFrac);
      out.push(
        { tenantId: d.tenantId, resourceType: "DATASTORE", resourceId: d.id, metric: "iops_demand", value: Math.round(demand), at, threshold: d.limit },
        { tenantId: d.tenantId, resourceType: "DATASTORE", resourceId: d.id, metric: "latency_ms", value: round2(latency), at },
        { tenantId: d.tenantId, resourceType: "DATASTORE", resourceId: d.id, metric: "space_used_gb", value: round2(space), at, capacity: d.sizeGib },
      );
    }
    for (const r of replications) out.push({ tenantId: r.tenantId, resourceType: "REPLICATION", resourceId: r.id, metric: "lag_s", value: lagSeconds(r, slot, hump), at });
    return out;
  }

  function lagSeconds(r: (typeof replications)[number], slot: number, hump: number): number {
    const n = noise(r.h, slot);
    // Synchronous (Metro Mirror): a write is acknowledged on both sites, a second at most behind.
    if (r.promisedRpoMinutes <= 0) return round2(n);
    const rpoS = r.promisedRpoMinutes * 60;
    // The incident: an afternoon of heavy writes pushes the lag past the RPO (1.4 × at the peak).
    const ratio = r.lagging ? 0.3 + 1.1 * hump + 0.05 * n : 0.12 + 0.25 * hump * 0.5 + 0.1 * n;
    return Math.round(rpoS * ratio);
  }

  return { incidents, samplesAt, outagesBetween: (from: number, to: number) => outagesBetween(inv, seed, incidents, from, to) };
}

export type TelemetryModel = ReturnType<typeof telemetryModel>;
