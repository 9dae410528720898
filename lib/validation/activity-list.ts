// The activities page's URL: filters of the tenant's activity history, newest first.
import { z } from "zod";
import { PAGE_SIZES, defineListQuery, type ListQuery } from "@/lib/list-query";
import { ACTIVITY_STATES, ACTIVITY_TYPES, HISTORY_ONLY_TYPES, type ActivityStateName } from "@/lib/activity-types";

export const ACTIVITY_FILTER_TYPES = [...ACTIVITY_TYPES, ...HISTORY_ONLY_TYPES] as const;
export const ACTIVITY_PAGE_SIZES = PAGE_SIZES;

export const activityList = defineListQuery({
  sorts: ["createdAt"],
  defaultSort: "createdAt",
  defaultDir: "desc",
  pageSizes: ACTIVITY_PAGE_SIZES,
  filters: {
    state: z.enum(ACTIVITY_STATES),
    type: z.enum(ACTIVITY_FILTER_TYPES),
    /** Part of the resource's name. */
    q: z.string().trim().max(100),
    /** One resource's own history ("vm" + its id), as its page links to it. */
    resourceType: z.string().trim().max(40),
    resourceId: z.string().trim().max(64),
    initiator: z.string().trim().max(64),
    /** The columns shown, in order (lib/list-views.ts); absent = the defaults. */
    cols: z.string().trim().max(300),
  },
});

export type ActivityListQuery = ListQuery<
  "createdAt",
  { state?: ActivityStateName; type?: (typeof ACTIVITY_FILTER_TYPES)[number]; q?: string; resourceType?: string; resourceId?: string; initiator?: string; cols?: string }
>;

export const parseActivityListQuery = (params: Record<string, string | string[] | undefined>): ActivityListQuery => activityList.parse(params);
export const activityListHref = (base: string, q: ActivityListQuery, change: Partial<ActivityListQuery> = {}): string => activityList.href(base, q, change);
