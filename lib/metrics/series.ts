// Pure shaping of stored series for the dashboards: rows per (metric, instant) into chart points,
// periods above a line, and downtime minutes from availability events. No I/O.

/**
 * The periods to shade on a chart from each point's minutes above its line: runs of consecutive
 * buckets that had any, each with the minutes they hold, so a day with 225 such minutes is shaded
 * for what it is (`share` = minutes / the period's length) instead of as a whole day above the line.
 */
export function overPeriods(points: readonly { at: number; overMinutes: number }[], bucketMs: number): { from: number; to: number; minutes: number; share: number }[] {
  const out: { from: number; to: number; minutes: number; share: number }[] = [];
  for (const p of points) {
    if (!(p.overMinutes > 0)) continue;
    const last = out[out.length - 1];
    if (last && p.at <= last.to) {
      last.to = p.at + bucketMs;
      last.minutes += p.overMinutes;
    } else out.push({ from: p.at, to: p.at + bucketMs, minutes: p.overMinutes, share: 0 });
  }
  for (const o of out) o.share = Math.min(1, o.minutes / ((o.to - o.from) / 60_000));
  return out;
}

/** Minutes of [from, to) covered by at least one interval (overlaps counted once; open intervals run to `to`). */
export function downtimeMinutes(intervals: readonly { startedAt: Date; endedAt: Date | null }[], from: Date, to: Date): number {
  const spans = intervals
    .map((i) => [Math.max(i.startedAt.getTime(), from.getTime()), Math.min((i.endedAt ?? to).getTime(), to.getTime())] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curS = -Infinity;
  let curE = -Infinity;
  for (const [s, e] of spans) {
    if (s > curE) {
      if (curE > curS) total += curE - curS;
      curS = s;
      curE = e;
    } else curE = Math.max(curE, e);
  }
  if (curE > curS) total += curE - curS;
  return total / 60_000;
}

/**
 * The first instant of the UTC month of `now`, its number of days, and which day of it `now` is
 * (1-based, today counted): the SLA and the cost pages both say "day {day} of {days}" from this.
 */
export function monthOf(now: Date): { start: Date; days: number; day: number } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return { start: new Date(Date.UTC(y, m, 1)), days: new Date(Date.UTC(y, m + 1, 0)).getUTCDate(), day: now.getUTCDate() };
}
