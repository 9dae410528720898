// The audit log's URL: its filters, shared by the page and the CSV export (which exports exactly
// what the filters show). Dates are days in UTC, both ends included.
import { z } from "zod";
import { PAGE_SIZES, defineListQuery, type ListQuery } from "@/lib/list-query";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit-actions";

export const AUDIT_OUTCOMES = ["SUCCEEDED", "REFUSED", "DENIED"] as const;
export type AuditOutcomeName = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_PAGE_SIZES = PAGE_SIZES;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));

export const auditList = defineListQuery({
  sorts: ["createdAt"],
  defaultSort: "createdAt",
  defaultDir: "desc",
  pageSizes: AUDIT_PAGE_SIZES,
  filters: {
    action: z.enum(AUDIT_ACTIONS),
    outcome: z.enum(AUDIT_OUTCOMES),
    /** Part of the actor's label (an email, a token's name, "system"). */
    actor: z.string().trim().max(100),
    /** Part of the target's name, or its exact id. */
    target: z.string().trim().max(100),
    /** One resource's own trail ("vm" + its id), as its page links to it. */
    targetType: z.string().trim().max(40),
    targetId: z.string().trim().max(64),
    from: day,
    to: day,
    /** The columns shown, in order (lib/list-views.ts); absent = the defaults. Not a filter: the export has every column. */
    cols: z.string().trim().max(300),
  },
});

export type AuditFilters = {
  action?: AuditAction;
  outcome?: AuditOutcomeName;
  actor?: string;
  target?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  cols?: string;
};
export type AuditListQuery = ListQuery<"createdAt", AuditFilters>;

export const parseAuditListQuery = (params: Record<string, string | string[] | undefined>): AuditListQuery => auditList.parse(params);
export const auditListHref = (base: string, q: AuditListQuery, change: Partial<AuditListQuery> = {}): string => auditList.href(base, q, change);

/** The createdAt bounds of a UTC day range: `from` at 00:00, up to (not including) the day after `to`. */
export function auditDateBounds(f: Pick<AuditFilters, "from" | "to">): { gte?: Date; lt?: Date } {
  const out: { gte?: Date; lt?: Date } = {};
  if (f.from) out.gte = new Date(`${f.from}T00:00:00Z`);
  if (f.to) out.lt = new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000);
  return out;
}
