// The REST API v1 (issue 10), declared once: every endpoint's method, path, permission and the zod
// schemas its handler validates with. The route handlers (app/api/v1/**) take their entry from
// here, and the OpenAPI document (lib/api/openapi.ts) is generated from the same entries: there is
// no hand-written copy to drift. Bodies reuse the console's own schemas (lib/validation/*).
import { z } from "zod";
import type { Permission } from "@/lib/permissions";
import { createVmSchema, VM_POWER_ACTIONS, TAG_PATTERN } from "@/lib/validation/vms";
import { createAffinityRuleSchema } from "@/lib/validation/affinity";
import { submitOrderSchema, ORDER_STATUSES } from "@/lib/validation/orders";
import { POWER_STATES } from "@/lib/validation/vm-list";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { AUDIT_OUTCOMES } from "@/lib/validation/audit-list";

const id = z.string().trim().min(1).max(64);

/** Lists: `limit` (1–100, default 25) and the opaque `cursor` of the previous page's `nextCursor`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export const idParams = z.object({ id });
export const snapshotParams = z.object({ id, sid: id });

export const powerBodySchema = z.object({
  action: z.enum(VM_POWER_ACTIONS.filter((a) => a !== "suspend") as ["on", "off", "restart"]),
  overrideReason: z.string().trim().min(10).max(500).optional(),
});

/** A VM's changeable properties: its size (cpu and memory, either may be left out) or its tags, one change per request. */
export const patchVmBodySchema = z
  .object({
    cpu: z.number().int().min(1).max(128).optional(),
    memoryGb: z.number().int().min(1).max(1536).optional(),
    tags: z.array(z.string().regex(TAG_PATTERN)).max(20).optional(),
    overrideReason: z.string().trim().min(10).max(500).optional(),
  })
  .strict()
  .refine((b) => b.cpu !== undefined || b.memoryGb !== undefined || b.tags !== undefined, { message: "Give cpu and/or memoryGb, or tags.", path: ["_"] })
  .refine((b) => !(b.tags !== undefined && (b.cpu !== undefined || b.memoryGb !== undefined)), { message: "One change per request: a resize or tags, not both.", path: ["tags"] });

export const snapshotBodySchema = z.object({ name: z.string().trim().min(1).max(80) });
export const emptyBodySchema = z.object({}).strict();

export const vmListQuery = pageQuery.extend({ q: z.string().trim().max(100).optional(), state: z.enum(POWER_STATES).optional(), tag: z.string().trim().max(63).optional() });
export const activityListQuery = pageQuery.extend({
  state: z.enum(["WAITING", "RUNNING", "COMPLETED", "FAILED"]).optional(),
  resourceType: z.string().trim().max(40).optional(),
  resourceId: z.string().trim().max(64).optional(),
});
export const auditListQuery = pageQuery.extend({ action: z.enum(AUDIT_ACTIONS).optional(), outcome: z.enum(AUDIT_OUTCOMES).optional(), targetId: z.string().trim().max(64).optional() });
export const orderListQuery = pageQuery.extend({ status: z.enum(ORDER_STATUSES).optional() });

// Responses (for the document and the clients): the envelope is exact, the items are the services' views.
export const itemSchema = z.object({ id: z.string() }).loose();
export const listResponse = z.object({ items: z.array(itemSchema), nextCursor: z.string().nullable() });
export const acceptedResponse = z.object({ activityId: z.string() });
export const violationSchema = z.object({ code: z.string(), message: z.string(), limit: z.number().optional(), actual: z.number().optional(), unit: z.string().optional() });
export const refusalResponse = z.object({ code: z.string(), message: z.string(), violations: z.array(violationSchema) });
export const errorResponse = z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.array(z.string())).optional() });

export type Kind = "list" | "read" | "write" | "document";

export type Endpoint = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI form, under /api/v1. */
  path: string;
  summary: string;
  tag: string;
  /** null: no token needed (the document itself). */
  permission: Permission | null;
  kind: Kind;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The 200 body of a read, when more precise than an object with an id. */
  response?: z.ZodType;
  /** A text body instead of JSON (Prometheus). */
  text?: string;
};

const e = <T extends Endpoint>(x: T) => x;

export const ENDPOINTS = {
  listPools: e({ method: "GET", path: "/compute/pools", summary: "The tenant's compute pools with their memory figures", tag: "compute", permission: "compute:read", kind: "list", query: pageQuery }),
  getPool: e({ method: "GET", path: "/compute/pools/{id}", summary: "One compute pool, its hosts and VMs", tag: "compute", permission: "compute:read", kind: "read", params: idParams }),
  listVms: e({ method: "GET", path: "/compute/vms", summary: "The tenant's virtual machines", tag: "compute", permission: "compute:read", kind: "list", query: vmListQuery }),
  createVm: e({ method: "POST", path: "/compute/vms", summary: "Create a VM (placement decided by the rules)", tag: "compute", permission: "compute:write", kind: "write", body: createVmSchema }),
  getVm: e({ method: "GET", path: "/compute/vms/{id}", summary: "One VM", tag: "compute", permission: "compute:read", kind: "read", params: idParams }),
  patchVm: e({ method: "PATCH", path: "/compute/vms/{id}", summary: "Resize a VM or set its tags", tag: "compute", permission: "compute:write", kind: "write", params: idParams, body: patchVmBodySchema }),
  deleteVm: e({ method: "DELETE", path: "/compute/vms/{id}", summary: "Delete a VM and its disks", tag: "compute", permission: "compute:write", kind: "write", params: idParams }),
  powerVm: e({ method: "POST", path: "/compute/vms/{id}/power", summary: "Power a VM on or off, or restart it", tag: "compute", permission: "vm:power", kind: "write", params: idParams, body: powerBodySchema }),
  createSnapshot: e({ method: "POST", path: "/compute/vms/{id}/snapshots", summary: "Take a snapshot of a VM", tag: "compute", permission: "compute:write", kind: "write", params: idParams, body: snapshotBodySchema }),
  deleteSnapshot: e({ method: "DELETE", path: "/compute/vms/{id}/snapshots/{sid}", summary: "Delete a snapshot", tag: "compute", permission: "compute:write", kind: "write", params: snapshotParams }),
  encryptVm: e({ method: "POST", path: "/compute/vms/{id}/encryption", summary: "Encrypt a VM (HSM/KMS); it must be off, without snapshots or replication", tag: "compute", permission: "compute:management", kind: "write", params: idParams, body: emptyBodySchema }),
  listAffinityRules: e({ method: "GET", path: "/compute/affinity-rules", summary: "The tenant's affinity and anti-affinity rules", tag: "compute", permission: "compute:read", kind: "list", query: pageQuery }),
  createAffinityRule: e({ method: "POST", path: "/compute/affinity-rules", summary: "Create an affinity or anti-affinity rule", tag: "compute", permission: "compute:write", kind: "write", body: createAffinityRuleSchema }),
  listDatastores: e({ method: "GET", path: "/storage/datastores", summary: "The tenant's datastores with their space and IOPS figures", tag: "storage", permission: "storage:read", kind: "list", query: pageQuery }),
  listOrders: e({ method: "GET", path: "/orders", summary: "The tenant's orders (pools, hosts, datastores, VLANs)", tag: "orders", permission: "order:read", kind: "list", query: orderListQuery }),
  submitOrder: e({ method: "POST", path: "/orders", summary: "Submit an order for the provider to review and deliver", tag: "orders", permission: "order:write", kind: "write", body: submitOrderSchema }),
  listActivities: e({ method: "GET", path: "/activities", summary: "The tenant's activities, newest first", tag: "activities", permission: "activity:read", kind: "list", query: activityListQuery }),
  getActivity: e({ method: "GET", path: "/activities/{id}", summary: "One activity: state, progress, and once completed the resource it made or changed", tag: "activities", permission: "activity:read", kind: "read", params: idParams }),
  listAudit: e({ method: "GET", path: "/audit", summary: "The tenant's audit trail, newest first", tag: "audit", permission: "audit:read", kind: "list", query: auditListQuery }),
  getCatalog: e({ method: "GET", path: "/catalog", summary: "Node types, storage tiers, licences, VM templates and zones", tag: "catalog", permission: "compute:read", kind: "read", response: z.object({}).loose() }),
  getOpenApi: e({ method: "GET", path: "/openapi.json", summary: "This document", tag: "meta", permission: null, kind: "document", response: z.object({}).loose() }),
  getPrometheus: e({ method: "GET", path: "/metrics/prometheus", summary: "Pool and datastore metrics in Prometheus text format", tag: "metrics", permission: "metric:read", kind: "read", text: "text/plain; version=0.0.4" }),
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;
