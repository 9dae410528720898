import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { createTranslator } from "next-intl";
import { authorize } from "@/lib/auth/authorize";
import type { TenantContext } from "@/lib/auth/context";
import type { Decision } from "@/lib/domain/result";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { loadMessages } from "@/i18n/messages";
import { negotiateLocale } from "@/i18n/config";
import { fieldErrorsOf } from "@/lib/validation/messages";
import { limiter } from "@/lib/rate-limit";
import { hashToken, resolveToken } from "@/lib/services/tokens";
import { checkJson } from "@/lib/security/request-guard";
import type { Endpoint } from "./contract";

// The one wrapper of every REST route (issue 10), in this order: bearer token → rate limit (25/s
// per token, shared by every instance) → authorize(actor, token's tenant, permission) → zod parse
// of path, query and body (400 with the fields at fault) → the same service as the console →
// the answer: a write's Decision becomes 201 + Location of its activity, or 422 with the rule's
// violations; NotFoundError 404 (another tenant's resource is the same 404), ForbiddenError 403,
// ConflictError 409, InvalidInputError 400. Anything else is logged with an id and answered 500
// with that id only: no ORM text or stack reaches a client.

export type ApiInput = { params: Record<string, string>; query: Record<string, unknown>; body: unknown };

/** What an endpoint's implementation returns. */
export type ApiOutcome =
  | { json: unknown; status?: number }
  | { decision: Decision<{ activityId: string }> }
  | { text: string; contentType: string }
  | { list: unknown[]; nextCursor: string | null };

type Impl = (ctx: TenantContext, input: ApiInput, req: Request) => Promise<ApiOutcome>;
type Lang = "en" | "fr";

const problem = (status: number, code: string, message: string, more: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  Response.json({ code, message, ...more }, { status, headers: { "Cache-Control": "no-store", ...headers } });

const MESSAGES = {
  unauthenticated: { en: "Send a valid personal access token: Authorization: Bearer scp_…", fr: "Envoyez un jeton d’accès personnel valide : Authorization: Bearer scp_…" },
  notFound: { en: "Not found.", fr: "Introuvable." },
  forbidden: (p: string) => ({ en: `This token (or its user) lacks the permission ${p}.`, fr: `Ce jeton (ou son utilisateur) n’a pas la permission ${p}.` }),
  rateLimited: (s: number) => ({ en: `More than 25 requests a second with this token. Retry in ${s} s.`, fr: `Plus de 25 requêtes par seconde avec ce jeton. Réessayez dans ${s} s.` }),
  invalid: { en: "Some fields are invalid.", fr: "Certains champs sont invalides." },
  badJson: { en: "The body is not a JSON object.", fr: "Le corps n’est pas un objet JSON." },
  internal: (id: string) => ({ en: `Something went wrong on our side (error ${id}).`, fr: `Une erreur s’est produite de notre côté (erreur ${id}).` }),
};

async function validationTranslator(lang: Lang) {
  return createTranslator({ locale: lang, messages: (await loadMessages(lang)) as never, namespace: "validation" as never }) as unknown as (k: string, v?: Record<string, string | number>) => string;
}

function bearerOf(req: Request): string | null {
  const h = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1]! : null;
}

async function parse<S extends z.ZodType>(schema: S | undefined, raw: unknown, lang: Lang): Promise<{ ok: true; data: z.infer<S> } | { ok: false; res: Response }> {
  if (!schema) return { ok: true, data: raw as z.infer<S> };
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, res: problem(400, "INVALID", MESSAGES.invalid[lang], { fields: fieldErrorsOf(r.error, await validationTranslator(lang)) }) };
}

/** The route handler of one endpoint of the contract. */
export function endpoint(e: Endpoint, impl: Impl) {
  return async (req: Request, routeCtx: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const lang: Lang = langOf(negotiateLocale(req.headers.get("accept-language")));
    try {
      const secret = bearerOf(req);
      if (!secret) return problem(401, "UNAUTHENTICATED", MESSAGES.unauthenticated[lang], {}, { "WWW-Authenticate": 'Bearer realm="api"' });
      // Counted before the look-up, on the secret's hash: a flood of bad tokens costs no query either.
      const verdict = await limiter("api").consume(hashToken(secret));
      if (!verdict.ok) return problem(429, "RATE_LIMITED", MESSAGES.rateLimited(verdict.retryAfterSeconds)[lang], {}, { "Retry-After": String(verdict.retryAfterSeconds) });
      const token = await resolveToken(secret);
      if (!token) return problem(401, "UNAUTHENTICATED", MESSAGES.unauthenticated[lang], {}, { "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' });
      const authz = await authorize(token.actor, { id: token.tenantId }, e.permission ?? undefined);
      if (!authz.ok) {
        if (authz.reason === "UNAUTHENTICATED") return problem(401, "UNAUTHENTICATED", MESSAGES.unauthenticated[lang]);
        if (authz.reason === "NOT_FOUND") return problem(404, "NOT_FOUND", MESSAGES.notFound[lang]);
        return problem(403, "FORBIDDEN", MESSAGES.forbidden(authz.permission)[lang], { permission: authz.permission });
      }

      const rawParams = await routeCtx.params;
      const bad = checkJson(rawParams) ?? checkJson(Object.fromEntries(new URL(req.url).searchParams)); // NUL, lone surrogates (lib/security)
      if (bad) return problem(400, "INVALID", bad.message, { fields: { [bad.field]: [bad.message] } });
      const params = await parse(e.params, rawParams, lang);
      if (!params.ok) return params.res; // an id the document's schema refuses (over 64 characters) is a 400, as it says
      const query = await parse(e.query, Object.fromEntries(new URL(req.url).searchParams), lang);
      if (!query.ok) return query.res;
      let rawBody: unknown = undefined;
      if (e.body) {
        const text = await req.text();
        try {
          rawBody = text.trim() === "" ? {} : JSON.parse(text);
        } catch {
          return problem(400, "INVALID", MESSAGES.badJson[lang], { fields: { _: [MESSAGES.badJson[lang]] } });
        }
        if (rawBody === null || typeof rawBody !== "object" || Array.isArray(rawBody)) return problem(400, "INVALID", MESSAGES.badJson[lang], { fields: { _: [MESSAGES.badJson[lang]] } });
      }
      const badBody = checkJson(rawBody);
      if (badBody) return problem(400, "INVALID", badBody.message, { fields: { [badBody.field]: [badBody.message] } });
      const body = await parse(e.body, rawBody, lang);
      if (!body.ok) return body.res;

      const out = await impl(authz.ctx, { params: params.data as Record<string, string>, query: (query.data ?? {}) as Record<string, unknown>, body: body.data }, req);
      return respond(out, lang);
    } catch (err) {
      return errorResponse(err, lang);
    }
  };
}

function respond(out: ApiOutcome, lang: Lang): Response {
  const headers = { "Cache-Control": "no-store" };
  if ("list" in out) return Response.json({ items: out.list, nextCursor: out.nextCursor }, { headers });
  if ("text" in out) return new Response(out.text, { headers: { ...headers, "Content-Type": out.contentType } });
  if ("json" in out) return Response.json(out.json, { status: out.status ?? 200, headers });
  const d = out.decision;
  if (d.ok) return Response.json({ activityId: d.value.activityId }, { status: 201, headers: { ...headers, Location: `/api/v1/activities/${d.value.activityId}` } });
  const views = toViolationViews(d.violations.filter((v) => v.severity === "refuse"), lang);
  const first = views[0] ?? toViolationViews(d.violations, lang)[0];
  return problem(422, first?.code ?? "REFUSED", first?.message ?? "Refused.", {
    violations: views.map((v) => ({ code: v.code, message: v.message, ...(v.limit !== undefined ? { limit: v.limit } : {}), ...(v.actual !== undefined ? { actual: v.actual } : {}), ...(v.unit ? { unit: v.unit } : {}) })),
  });
}

/** Errors as the contract answers them (exported for the document route, which has no token). */
export function errorResponse(err: unknown, lang: Lang = "en"): Response {
  if (err instanceof NotFoundError) return problem(404, "NOT_FOUND", MESSAGES.notFound[lang]);
  if (err instanceof ForbiddenError) return problem(403, "FORBIDDEN", MESSAGES.forbidden(err.permission)[lang], { permission: err.permission });
  if (err instanceof ConflictError) return problem(409, err.code, err.text[lang]);
  if (err instanceof InvalidInputError) {
    const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, [v[lang]]]));
    return problem(400, "INVALID", Object.values(fields)[0]?.[0] ?? MESSAGES.invalid[lang], { fields });
  }
  const id = randomUUID().slice(0, 8);
  console.error(`[api error ${id}]`, err);
  return problem(500, "INTERNAL", MESSAGES.internal(id)[lang], { errorId: id });
}

// ───────────────────────── cursor pagination ─────────────────────────

/**
 * The opaque cursor of a list: where the next page starts and its size (a page keeps the size of
 * the first one). Base64url of JSON, checked on the way back in: a forged cursor is a 400.
 */
export function pageOf(q: { limit?: unknown; cursor?: unknown }): { page: number; pageSize: number; offset: number } {
  const limit = typeof q.limit === "number" ? q.limit : 25;
  if (typeof q.cursor !== "string" || q.cursor === "") return { page: 1, pageSize: limit, offset: 0 };
  try {
    const c = JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8")) as { o?: unknown; l?: unknown };
    if (Number.isInteger(c.o) && Number.isInteger(c.l) && (c.l as number) >= 1 && (c.l as number) <= 100 && (c.o as number) >= 0 && (c.o as number) % (c.l as number) === 0 && (c.o as number) <= 10_000_000) {
      return { page: (c.o as number) / (c.l as number) + 1, pageSize: c.l as number, offset: c.o as number };
    }
  } catch {
    /* falls through */
  }
  throw new InvalidInputError({ cursor: { en: "This cursor is not one this API gave: start again without it.", fr: "Ce curseur ne vient pas de cette API : recommencez sans lui." } });
}

export function nextCursorOf(p: { pageSize: number; offset: number }, returned: number, total: number): string | null {
  const next = p.offset + p.pageSize;
  return returned === p.pageSize && next < total ? Buffer.from(JSON.stringify({ o: next, l: p.pageSize })).toString("base64url") : null;
}

/** One page of a short list a service returns whole (a tenant's pools, its datastores). */
export function sliceList<T>(all: readonly T[], q: { limit?: unknown; cursor?: unknown }): { list: T[]; nextCursor: string | null } {
  const p = pageOf(q);
  const list = all.slice(p.offset, p.offset + p.pageSize);
  return { list, nextCursor: nextCursorOf(p, list.length, all.length) };
}
