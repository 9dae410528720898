import { z } from "zod";
import { PAGE_SIZES, defineListQuery, type ListQuery } from "@/lib/list-query";

export const VM_SORT_COLUMNS = ["name", "powerState", "pool", "host", "memoryGb", "cpu", "datastore", "encryption", "createdAt"] as const;
export type VmSortColumn = (typeof VM_SORT_COLUMNS)[number];
export const VM_PAGE_SIZES = PAGE_SIZES;
export const POWER_STATES = ["POWERED_ON", "POWERED_OFF", "SUSPENDED"] as const;

export const vmList = defineListQuery({
  sorts: VM_SORT_COLUMNS,
  defaultSort: "name",
  pageSizes: VM_PAGE_SIZES,
  filters: {
    q: z.string().trim().max(100),
    state: z.enum(POWER_STATES),
    tag: z.string().trim().max(63),
    /** The columns shown, in order (lib/list-views.ts); absent = the defaults. */
    cols: z.string().trim().max(300),
  },
});

export type VmListQuery = ListQuery<VmSortColumn, { q?: string; state?: (typeof POWER_STATES)[number]; tag?: string; cols?: string }>;

export function parseVmListQuery(params: Record<string, string | string[] | undefined>): VmListQuery {
  return vmList.parse(params);
}

export function vmListHref(base: string, q: VmListQuery, change: Partial<VmListQuery> = {}): string {
  return vmList.href(base, q, change);
}
