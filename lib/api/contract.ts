// The REST API's own vocabulary: the cursor-paged query of its lists, their filters, and the
// envelopes of its answers. Inputs of changes are never restated here: a write route parses with
// its use case's schema (lib/use-cases), the one the console's form and action use.
import { z } from "zod";
import { API_PAGE_LIMIT_DEFAULT, API_PAGE_LIMIT_MAX } from "./paging";
import { ORDER_STATUSES } from "@/lib/validation/orders";
import { POWER_STATES } from "@/lib/validation/vm-list";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { AUDIT_OUTCOMES } from "@/lib/validation/audit-list";
import { HOST_STATUSES } from "@/lib/validation/pools";
import { VLAN_SCOPES } from "@/lib/validation/network";
import { BACKUP_JOB_STATES, COVERAGE_FILTERS, REPLICATION_KINDS, RPO_STATUSES } from "@/lib/validation/data-protection";

const id = z.string().trim().min(1).max(64);

/**
 * Lists: `limit` (1–100, default 25), the opaque `cursor` of the previous page's `nextCursor`, and
 * `count=true` to have the matching rows counted (`total`); without it nothing is counted.
 */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(API_PAGE_LIMIT_MAX).default(API_PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(1000).optional().meta({ description: "The nextCursor of the previous page, as given: it names the last row returned (its sort key and id), so rows created or deleted meanwhile neither repeat nor skip one. A cursor this API did not give for this list is a 400 on `cursor`." }),
  count: z.enum(["true", "false"]).optional().meta({ description: "`true`: also count every matching row and answer it as `total` (a count costs a pass over the matching rows; without it nothing is counted)." }),
});

export const idParams = z.object({ id });

export const vmListQuery = pageQuery.extend({ q: z.string().trim().max(100).optional(), state: z.enum(POWER_STATES).optional(), tag: z.string().trim().max(63).optional() });
export const activityListQuery = pageQuery.extend({
  state: z.enum(["WAITING", "RUNNING", "COMPLETED", "FAILED"]).optional(),
  resourceType: z.string().trim().max(40).optional(),
  resourceId: z.string().trim().max(64).optional(),
});
export const auditListQuery = pageQuery.extend({ action: z.enum(AUDIT_ACTIONS).optional(), outcome: z.enum(AUDIT_OUTCOMES).optional(), targetId: z.string().trim().max(64).optional() });
export const orderListQuery = pageQuery.extend({ status: z.enum(ORDER_STATUSES).optional() });


export const hostListQuery = pageQuery.extend({ q: z.string().trim().max(100).optional(), status: z.enum(HOST_STATUSES).optional(), pool: id.optional() });
export const vlanListQuery = pageQuery.extend({ q: z.string().trim().max(100).optional(), scope: z.enum(VLAN_SCOPES).optional() });
export const replicationListQuery = pageQuery.extend({ kind: z.enum(REPLICATION_KINDS).optional(), rpo: z.enum(RPO_STATUSES).optional(), q: z.string().trim().max(100).optional() });
export const backupJobListQuery = pageQuery.extend({ state: z.enum(BACKUP_JOB_STATES).optional(), vmId: z.string().trim().min(1).max(64).optional(), q: z.string().trim().max(100).optional() });
export const coverageListQuery = pageQuery.extend({ coverage: z.enum(COVERAGE_FILTERS).optional(), state: z.enum(POWER_STATES).optional(), q: z.string().trim().max(100).optional() });

// Responses (for the document and the clients): the envelope is exact, the items are the services' views.
export const itemSchema = z.object({ id: z.string() }).loose();
export const listResponse = z.object({
  items: z.array(itemSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional().meta({ description: "Every matching row, only when the request said count=true" }),
});
export const acceptedResponse = z.object({ activityId: z.string() }).loose();
export const violationSchema = z.object({ code: z.string(), message: z.string(), limit: z.number().optional(), actual: z.number().optional(), unit: z.string().optional() });
export const refusalResponse = z.object({ code: z.string(), message: z.string(), violations: z.array(violationSchema) });
export const errorResponse = z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.array(z.string())).optional() });
export const valueResponse = z.object({}).loose();
export const bulkResponse = z.object({ results: z.array(z.object({ vmId: z.string(), ok: z.boolean(), activityId: z.string().optional(), violations: z.array(violationSchema) }).loose()) });
