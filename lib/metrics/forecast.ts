// Forecasts beside a chart: when a series of daily figures will cross a line, from a least-squares
// straight line over them. Pure: the daily rollups go in, days come out, and the method is named
// so the page can say how the figure was made. No I/O.

export const FORECAST_METHOD = "least-squares line over the daily figures of the last 30 days" as const;
/** Fewer days than this make a line that means little: no forecast. */
export const FORECAST_MIN_DAYS = 7;
const DAY_MS = 86_400_000;

export type Trend = { slopePerDay: number; valueAt: (at: number) => number; days: number };

/** The least-squares line through (at, value) points, in units per day; null with fewer than FORECAST_MIN_DAYS points or all at one instant. */
export function linearTrend(points: readonly { at: number; value: number }[]): Trend | null {
  if (points.length < FORECAST_MIN_DAYS) return null;
  const n = points.length;
  // Days since the first point, so the sums stay small.
  const t0 = points[0]!.at;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += (p.at - t0) / DAY_MS;
    sy += p.value;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dx = (p.at - t0) / DAY_MS - mx;
    sxx += dx * dx;
    sxy += dx * (p.value - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slopePerDay: slope, valueAt: (at) => my + slope * ((at - t0) / DAY_MS - mx), days: n };
}

export type Forecast =
  /** Crosses `limit` in `days` (0: the line is already there today). */
  | { kind: "crosses"; days: number; limit: number; slopePerDay: number; basedOnDays: number }
  /** Flat or falling: the line never reaches `limit` at this rate. */
  | { kind: "not_rising"; limit: number; slopePerDay: number; basedOnDays: number }
  /** Too little history to draw a line. */
  | { kind: "not_enough_history"; limit: number; basedOnDays: number };

/** Days from `now` until the trend of `points` reaches `limit`. */
export function forecastCrossing(points: readonly { at: number; value: number }[], limit: number, now: number): Forecast {
  const trend = linearTrend(points);
  if (!trend) return { kind: "not_enough_history", limit, basedOnDays: points.length };
  const today = trend.valueAt(now);
  if (today >= limit) return { kind: "crosses", days: 0, limit, slopePerDay: trend.slopePerDay, basedOnDays: trend.days };
  if (!(trend.slopePerDay > 0)) return { kind: "not_rising", limit, slopePerDay: trend.slopePerDay, basedOnDays: trend.days };
  return { kind: "crosses", days: Math.ceil((limit - today) / trend.slopePerDay), limit, slopePerDay: trend.slopePerDay, basedOnDays: trend.days };
}

/** The whole days a forecast reads: the 30 before today's (today's row is still partial). */
export function forecastWindow(now: number): { from: Date; to: Date } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: new Date(today - 30 * DAY_MS), to: new Date(today) };
}

/** A pool: its daily peaks of consumed memory against the 85 % line in force today. */
export function poolForecast(days: readonly { at: number; max: number }[], line85Gb: number, now: number): Forecast {
  return forecastCrossing(days.map((d) => ({ at: d.at, value: d.max })), line85Gb, now);
}

/** A datastore: its daily average of space used against its size today. */
export function datastoreForecast(days: readonly { at: number; avg: number }[], sizeGib: number, now: number): Forecast {
  return forecastCrossing(days.map((d) => ({ at: d.at, value: d.avg })), sizeGib, now);
}
