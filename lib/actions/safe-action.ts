import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { unstable_rethrow } from "next/navigation";
import { noteIfDatabaseUnavailable } from "@/lib/db-health";
import { getLocale, getTranslations } from "next-intl/server";
import { getSessionActor, getSessionUser, type SessionUser } from "@/lib/auth/session";
import { authorize, authorizeOrganization } from "@/lib/auth/authorize";
import type { OrganizationContext, OrganizationRole, TenantContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/permissions";
import type { Decision } from "@/lib/domain/result";
import { judgeable, type OrganizationUseCase, type TenantUseCase, type UseCase } from "@/lib/use-cases/define";
import { judge, NOT_JUDGED } from "@/lib/services/judge";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { fieldErrorsOf } from "@/lib/validation/messages";
import { checkJson } from "@/lib/security/request-guard";
import type { ActionFailureCode, ActionResult } from "./result";

export type { ActionResult } from "./result";

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

type Translator = Awaited<ReturnType<typeof getTranslations>>;

/**
 * What every action does once its caller is authorised: zod parse → the service, whose Decision
 * becomes the result. Next's own control flow (redirect, notFound) passes through; any other error
 * is logged with an id and the browser gets the id, never its text.
 */
async function run<S extends z.ZodType, C, T>(
  authorized: (t: Translator, lang: "en" | "fr") => Promise<{ ok: true; ctx: C } | { ok: false; code: ActionFailureCode; formError: string }>,
  schema: S,
  handler: (ctx: C, input: z.infer<S>) => Promise<Decision<T>>,
  raw: unknown,
): Promise<ActionResult<T>> {
  const [t, locale] = await Promise.all([getTranslations("actions"), getLocale()]);
  const lang = langOf(locale);
  const fail = (code: ActionFailureCode, formError: string, more: Partial<Extract<ActionResult<T>, { ok: false }>> = {}): ActionResult<T> => ({ ok: false, code, formError, ...more });
  try {
    const authz = await authorized(t, lang);
    if (!authz.ok) return fail(authz.code, authz.formError);
    const input = toObject(raw);
    const bad = checkJson(input); // NUL, lone surrogates, deep nesting: refused before any schema (lib/security)
    if (bad) return fail("INVALID", t("invalid"), { fieldErrors: { [bad.field]: [bad.message] } });
    const parsed = schema.safeParse(input);
    if (!parsed.success) return fail("INVALID", t("invalid"), { fieldErrors: fieldErrorsOf(parsed.error, await getTranslations("validation")) });
    const decision = await handler(authz.ctx, parsed.data);
    if (decision.ok) return { ok: true, data: decision.value, warnings: toViolationViews(decision.warnings, lang) };
    return fail("REFUSED", t("refused"), { violations: toViolationViews(decision.violations, lang) });
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof NotFoundError) return fail("NOT_FOUND", t("notFound"));
    if (e instanceof ForbiddenError) return fail("FORBIDDEN", t("forbiddenHere", { permission: e.permission }));
    if (e instanceof ConflictError) return fail("CONFLICT", e.text[lang]);
    if (e instanceof InvalidInputError) {
      return fail("INVALID", t("invalid"), { fieldErrors: Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, [v[lang]]])) });
    }
    // The database is away: nothing was changed, and trying again in a moment will work.
    if (noteIfDatabaseUnavailable(e)) return fail("UNAVAILABLE", t("unavailable"));
    const id = randomUUID().slice(0, 8);
    console.error(`[action error ${id}]`, e);
    return fail("INTERNAL", t("internal", { id }));
  }
}

/**
 * The one wrapper every tenant-scoped server action goes through, in this order:
 * session → authorize (membership of the tenant, else not found; the permission, else forbidden)
 * → zod parse → the service, whose Decision becomes the result. Server actions are public
 * endpoints: nothing upstream is trusted.
 */
export function tenantAction<S extends z.ZodType, T>(
  // null = any member of the tenant (a person's own tokens); the service decides the rest.
  opts: { permission: Permission | null; schema: S },
  handler: (ctx: TenantContext, input: z.infer<S>) => Promise<Decision<T>>,
) {
  return async (tenantId: string, _prev: unknown, raw: unknown): Promise<ActionResult<T>> =>
    run(
      async (t, lang) => {
        const authz = await authorize(await getSessionActor(), { id: typeof tenantId === "string" ? tenantId : "" }, opts.permission ?? undefined);
        if (authz.ok) return authz;
        if (authz.reason === "UNAUTHENTICATED") return { ok: false, code: "UNAUTHENTICATED", formError: t("sessionEnded") };
        if (authz.reason === "NOT_FOUND") return { ok: false, code: "NOT_FOUND", formError: t("notFound") };
        // Outside the tenant's allowed address ranges: the rule's sentence (the address, whom to ask).
        if (authz.reason === "ADDRESS_NOT_ALLOWED") return { ok: false, code: "FORBIDDEN", formError: authz.message[lang] };
        // The tenant requires two-factor and this account has it off: the rule's sentence says where to turn it on.
        if (authz.reason === "TOTP_REQUIRED") return { ok: false, code: "FORBIDDEN", formError: authz.message[lang] };
        return { ok: false, code: "FORBIDDEN", formError: t("forbidden", { permission: authz.permission, tenant: authz.tenantName }) };
      },
      opts.schema,
      handler,
      raw,
    );
}

/**
 * The same for acts that span an organization's tenants (an owner reviewing every tenant's orders): session → authorizeOrganization (a role in the organization, else forbidden;
 * nothing held there, else not found) → zod parse → the service. The service keeps every record it
 * touches inside that organization.
 */
export function organizationAction<S extends z.ZodType, T>(opts: { role: OrganizationRole; schema: S }, handler: (ctx: OrganizationContext, input: z.infer<S>) => Promise<Decision<T>>) {
  return async (organizationId: string, _prev: unknown, raw: unknown): Promise<ActionResult<T>> =>
    run(
      async (t) => {
        const authz = await authorizeOrganization(await getSessionActor(), typeof organizationId === "string" ? organizationId : "", opts.role);
        if (authz.ok) return authz;
        if (authz.reason === "UNAUTHENTICATED") return { ok: false, code: "UNAUTHENTICATED", formError: t("sessionEnded") };
        if (authz.reason === "NOT_FOUND") return { ok: false, code: "NOT_FOUND", formError: t("notFound") };
        return { ok: false, code: "FORBIDDEN", formError: t("forbiddenRole", { role: authz.role, organization: authz.organizationName }) };
      },
      opts.schema,
      handler,
      raw,
    );
}

/**
 * The wrapper of an action on the caller's own account (two-factor enrolment): session → zod parse
 * → the service, which acts on that account only. No tenant, so no tenant's rules apply: a member
 * sent here by a tenant that requires two-factor can always reach it.
 */
export function accountAction<S extends z.ZodType, T>(schema: S, handler: (user: SessionUser, input: z.infer<S>) => Promise<Decision<T>>) {
  return async (_prev: unknown, raw: unknown): Promise<ActionResult<T>> =>
    run(
      async (t) => {
        const user = await getSessionUser();
        return user ? { ok: true as const, ctx: user } : { ok: false as const, code: "UNAUTHENTICATED" as const, formError: t("sessionEnded") };
      },
      schema,
      handler,
      raw,
    );
}

/**
 * An action anyone may call, signed in or not (accepting an invitation: the link's token is the
 * credential, checked by the service). The handler gets the session's user when there is one.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (user: SessionUser | null, input: z.infer<S>) => Promise<Decision<T>>) {
  return async (_prev: unknown, raw: unknown): Promise<ActionResult<T>> => run(async () => ({ ok: true as const, ctx: await getSessionUser() }), schema, handler, raw);
}

type Bound<T> = ((id: string, prev: unknown, raw: unknown) => Promise<ActionResult<T>>) & { useCase: UseCase };

/**
 * A console action bound to its use case's one declaration (lib/use-cases): the permission (or the
 * organization role), the schema and the service are read from the entry, never restated. The
 * action carries its entry, so tests pair every action with its API route.
 */
export function consoleAction<S extends z.ZodType, T>(u: TenantUseCase<S, T>): Bound<T>;
export function consoleAction<S extends z.ZodType, T>(u: OrganizationUseCase<S, T>): Bound<T>;
export function consoleAction<S extends z.ZodType, T>(u: TenantUseCase<S, T> | OrganizationUseCase<S, T>): Bound<T> {
  const action = u.scope === "tenant" ? tenantAction({ permission: u.permission, schema: u.schema }, u.run) : organizationAction({ role: u.role, schema: u.schema }, u.run);
  // `dryRun: true` in the input judges the change instead (lib/services/judge.ts): same session,
  // permission, schema and service, nothing written; the answer is the decision it would take now.
  const refuseDryRun = async (): Promise<Decision<T>> => {
    throw new InvalidInputError({ dryRun: NOT_JUDGED });
  };
  const judged =
    u.scope === "tenant"
      ? tenantAction({ permission: u.permission, schema: u.schema }, judgeable(u as UseCase) ? async (ctx, input) => (await judge(() => u.run(ctx, input))) as Decision<T> : refuseDryRun)
      : organizationAction({ role: u.role, schema: u.schema }, refuseDryRun);
  const bound = async (id: string, prev: unknown, raw: unknown): Promise<ActionResult<T>> => {
    const { dryRun, input } = splitDryRun(raw);
    return (dryRun ? judged : action)(id, prev, input);
  };
  return Object.assign(bound, { useCase: u as UseCase });
}

/** A `dryRun` flag (true, or "true" from a form) taken off the input before its schema sees it. */
export function splitDryRun(raw: unknown): { dryRun: boolean; input: unknown } {
  const obj = toObject(raw);
  if (!obj || typeof obj !== "object" || !("dryRun" in obj)) return { dryRun: false, input: raw };
  const { dryRun, ...input } = obj as Record<string, unknown>;
  return { dryRun: dryRun === true || dryRun === "true", input };
}
