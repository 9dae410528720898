import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getSessionUser, tenantContextOf, type TenantContext } from "@/lib/auth/session";
import { findMembershipByTenantId } from "@/lib/db/tenancy";
import { hasPermission, type Permission } from "@/lib/permissions";

export type ActionResult<T = undefined> =
  | { ok: true; data?: T }
  | { ok: false; fieldErrors?: Record<string, string[]>; formError?: string; code?: string };

export type ActionFailureCode = "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" | "INVALID" | "INTERNAL";

const fail = (code: ActionFailureCode, formError: string, fieldErrors?: Record<string, string[]>): ActionResult<never> => ({ ok: false, code, formError, fieldErrors });

function toObject(input: unknown): unknown {
  if (typeof FormData !== "undefined" && input instanceof FormData) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of input.entries()) {
      if (k.startsWith("$ACTION")) continue;
      out[k] = k in out ? ([] as unknown[]).concat(out[k], v) : v;
    }
    return out;
  }
  return input;
}

/**
 * The one wrapper every tenant-scoped server action goes through, in this order:
 * session → membership of the tenant (another tenant's id is not found) → permission →
 * zod parse → the service. Server actions are public endpoints: nothing upstream is trusted.
 * Unknown errors are logged with an id; the browser gets the id, never the error text.
 */
export function tenantAction<S extends z.ZodType, T>(
  opts: { permission: Permission; schema: S },
  handler: (ctx: TenantContext, input: z.infer<S>) => Promise<ActionResult<T>>,
) {
  return async (tenantId: string, _prev: ActionResult<T> | null, raw: unknown): Promise<ActionResult<T>> => {
    const user = await getSessionUser();
    if (!user) return fail("UNAUTHENTICATED", "Your session has ended. Sign in again.");
    const m = typeof tenantId === "string" ? await findMembershipByTenantId(user.id, tenantId) : null;
    if (!m) return fail("NOT_FOUND", "Not found.");
    const ctx = tenantContextOf(user, m);
    if (!hasPermission(ctx.permissions, opts.permission)) return fail("FORBIDDEN", `This needs the ${opts.permission} permission on ${m.tenant.name}. Ask an owner of the tenant to grant it.`);
    const parsed = opts.schema.safeParse(toObject(raw));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
      return fail("INVALID", "Some fields need attention.", fieldErrors);
    }
    try {
      return await handler(ctx, parsed.data);
    } catch (e) {
      const id = randomUUID().slice(0, 8);
      console.error(`[action error ${id}]`, e);
      return fail("INTERNAL", `Something went wrong on our side (error ${id}). Nothing was changed; try again or quote this id to support.`);
    }
  };
}
