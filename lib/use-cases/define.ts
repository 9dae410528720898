// The shape of a use case's one declaration. Every entry point reads it: the server action
// (lib/actions, through consoleAction), the REST API (the catch-all route under app/api/v1,
// through lib/api/handler.ts), the OpenAPI document (lib/api/openapi.ts) and the tests that
// enumerate actions and routes. Adding a use case is one entry here and one service function.
import type { z } from "zod";
import type { Permission } from "@/lib/permissions";
import type { AuditAction } from "@/lib/audit-actions";
import type { ActivityType } from "@/lib/activity-types";
import type { OrganizationContext, OrganizationRole, TenantContext } from "@/lib/auth/context";
import type { Decision } from "@/lib/domain/result";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The areas of the API (OpenAPI tags). */
export type Tag = "compute" | "storage" | "data-protection" | "network" | "orders" | "iam" | "activities" | "audit" | "catalog" | "metrics" | "dashboards" | "views";

/**
 * Where a use case answers under /api/v1. `params` maps each `{name}` of the path to the input key
 * it fills (`{ id: "vmId" }`): the body carries the rest, and the whole is parsed by the use case's
 * own schema, so the API never restates a limit. `schema`/`run` adapt a console form to REST where
 * the two differ (DELETE needs no typed confirmation: the request is the confirmation).
 */
export type Route<S extends z.ZodType = z.ZodType> = {
  method: Exclude<Method, "GET">;
  path: string;
  params?: Record<string, string>;
  /** 201 for a creation that is not an activity (a member); activity-backed writes are 201 with Location anyway. */
  status?: 200 | 201;
  schema?: z.ZodType;
  run?: (ctx: TenantContext, input: z.infer<S> & Record<string, unknown>) => Promise<Decision<unknown>>;
};

/** A use case the API does not offer, and why (a decision, not an omission: the registry test lists these). */
export type ConsoleOnly = { consoleOnly: string };

type Common<S extends z.ZodType> = {
  summary: string;
  tag: Tag;
  /** The input, from lib/validation: the form, the action and the API parse with this very schema. */
  schema: S;
  /**
   * The resource the use case locks and changes (its type as activities and audit rows name it, and
   * the input key holding its id; none for a creation). Another tenant's is not found.
   */
  resource: { type: string; key?: string };
  /** Audit actions it records (several when the input picks one: power on/off/restart/suspend). Empty for a preview. */
  audit: readonly AuditAction[];
  /** Activity kinds it starts. Empty when the change is immediate (IAM) or nothing is written (a preview). */
  activity: readonly ActivityType[];
  /** A preview writes nothing: same checks, the decision's value is what would happen. */
  preview?: true;
  /** A bulk change answers one result per item (each with its activity), never a single Location. */
  bulk?: true;
};

export type TenantUseCase<S extends z.ZodType = z.ZodType, T = unknown> = Common<S> & {
  scope: "tenant";
  /** null: any member of the tenant may call it; the service decides what they may touch (their own tokens). */
  permission: Permission | null;
  run: (ctx: TenantContext, input: z.infer<S>) => Promise<Decision<T>>;
  route: Route<S> | ConsoleOnly;
};

export type OrganizationUseCase<S extends z.ZodType = z.ZodType, T = unknown> = Common<S> & {
  scope: "organization";
  role: OrganizationRole;
  run: (ctx: OrganizationContext, input: z.infer<S>) => Promise<Decision<T>>;
  route: ConsoleOnly;
};

// The registry's element types: any schema and result (a service's input type cannot widen to unknown).
export type AnyTenantUseCase = TenantUseCase<any, any>;
export type AnyOrganizationUseCase = OrganizationUseCase<any, any>;
export type UseCase = AnyTenantUseCase | AnyOrganizationUseCase;

/** Typed helpers: the entry keeps its schema's and its service's types (the action's result type comes from them). */
export const tenantUseCase = <S extends z.ZodType, T>(u: Omit<TenantUseCase<S, T>, "scope">): TenantUseCase<S, T> => ({ scope: "tenant", ...u });
export const organizationUseCase = <S extends z.ZodType, T>(u: Omit<OrganizationUseCase<S, T>, "scope">): OrganizationUseCase<S, T> => ({ scope: "organization", ...u });

/**
 * A change that may be judged before it is confirmed (a dialog's verdict, the API's `dryRun=true`):
 * one that starts an activity decides through change(), which rolls a judged decision back. Bulk
 * changes have their own preview (one verdict per item); immediate changes (IAM) are not judged.
 */
export const judgeable = (u: UseCase): u is AnyTenantUseCase => u.scope === "tenant" && !u.preview && !u.bulk && u.activity.length > 0;

export function routeOf(u: UseCase): Route | null {
  return "consoleOnly" in u.route ? null : u.route;
}

// ───────────────────────── Reads ─────────────────────────

export type ApiInput = { params: Record<string, string>; query: Record<string, unknown> };

/** What a read answers: one JSON object, one page of a list, or text (Prometheus). */
export type ApiOutcome = { json: unknown } | { text: string; contentType: string } | { list: unknown[]; nextCursor: string | null; total?: number };

/** A GET of the API: a list a console page shows, one record, or a document. */
export type Read = {
  summary: string;
  tag: Tag;
  /** null: no token needed (the API's own description). */
  permission: Permission | null;
  kind: "list" | "read";
  path: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The 200 body, when more precise than an object with an id. */
  response?: z.ZodType;
  /** A text body instead of JSON (Prometheus). */
  text?: string;
  serve: (ctx: TenantContext, input: ApiInput) => Promise<ApiOutcome>;
};

export const read = (r: Read): Read => r;
