import { z } from "zod";
import { defineListQuery } from "@/lib/list-query";

// The range of a dashboard's charts, in the URL (?range=7d).
export const DASHBOARD_RANGES = ["24h", "7d", "30d"] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];
export const RANGE_MS: Record<DashboardRange, number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };

/** An unknown or missing value reads as the last 24 hours. */
export const dashboardRange = z.enum(DASHBOARD_RANGES).catch("24h");

export function parseRange(value: unknown): DashboardRange {
  return dashboardRange.parse(Array.isArray(value) ? value[0] : value);
}

/** The capacity table's columns an operator sorts by; figures sort largest first on a first click. */
export const CAPACITY_SORTS = ["consumed", "allocated", "overLine", "forecast", "alerts", "tenant", "pool"] as const;
export type CapacitySort = (typeof CAPACITY_SORTS)[number];

/** The capacity table's URL: the range of its time above the line, and its order (the most consumed first). */
export const capacityList = defineListQuery({ sorts: CAPACITY_SORTS, defaultSort: "consumed", defaultDir: "desc", filters: { range: z.enum(DASHBOARD_RANGES) } });

/** The API's query of the same table: its range (the order of a cursor is fixed: tenant, then pool). */
export const capacityApiQuery = z.object({ range: z.enum(DASHBOARD_RANGES).optional() });
