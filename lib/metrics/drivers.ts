// "What drove this": the VMs behind a pool's consumed memory or a datastore's IOPS demand at one
// instant of its chart. The simulation (lib/infra/telemetry.ts) computes those figures per pool and
// per datastore, not per VM: a pool's consumption is its running VMs' configured memory times the
// slot's activity (plus, on an incident pool, a pool-wide midday surge), a datastore's demand its
// running VMs' IOPS demand times the activity (plus a surge). So each VM's part of the figure at
// an instant is the figure split in proportion to its configured memory (its IOPS demand) — how
// the collector splits a pool's consumption between its hosts. Pure; no I/O.

/** The VMs read for an attribution: the heaviest `TOP_DRIVERS` with the weight of all of them. */
export type DriverVms = { vms: { id: string; name: string; weight: number }[]; totalWeight: number; count: number };

export type Drivers = {
  /** The chart's figure at the instant, split below. */
  total: number;
  rows: { id: string; name: string; figure: number; share: number }[];
  /** The VMs not listed: how many and their figure (total − the rows, so the table adds up). */
  others: { count: number; figure: number; share: number };
};

export const TOP_DRIVERS = 10;

/**
 * Splits `total` across the VMs by weight, heaviest first (ties by name), each figure rounded to
 * `step` (0.1 GB, 1 IOPS); the rest of the VMs take what is left, so rows + others = total exactly.
 */
export function attributeDrivers(total: number, input: DriverVms, step: number): Drivers {
  const round = (n: number) => Math.round(n / step) * step;
  const fix = (n: number) => Number(n.toFixed(Math.max(0, -Math.floor(Math.log10(step)))));
  const sorted = [...input.vms].sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name)).slice(0, TOP_DRIVERS);
  const rows =
    input.totalWeight > 0
      ? sorted.map((v) => ({ id: v.id, name: v.name, figure: fix(round((total * v.weight) / input.totalWeight)), share: v.weight / input.totalWeight }))
      : [];
  const listed = rows.reduce((s, r) => s + r.figure, 0);
  const othersShare = Math.max(0, 1 - rows.reduce((s, r) => s + r.share, 0));
  return { total, rows, others: { count: Math.max(0, input.count - rows.length), figure: fix(total - listed), share: rows.length === 0 ? 0 : othersShare } };
}

/** The instant to explain: the point of the range with the highest peak (the latest of equal ones). */
export function peakPoint<T extends { at: number }>(points: readonly T[], peak: (p: T) => number): T | null {
  let best: T | null = null;
  for (const p of points) if (!best || peak(p) >= peak(best)) best = p;
  return best;
}
