import { z } from "zod";

// The range of a dashboard's charts, in the URL (?range=7d).
export const DASHBOARD_RANGES = ["24h", "7d", "30d"] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];
export const RANGE_MS: Record<DashboardRange, number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };

/** An unknown or missing value reads as the last 24 hours. */
export const dashboardRange = z.enum(DASHBOARD_RANGES).catch("24h");

export function parseRange(value: unknown): DashboardRange {
  return dashboardRange.parse(Array.isArray(value) ? value[0] : value);
}
