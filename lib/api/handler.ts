import "server-only";
import { DB_RETRY_AFTER_SECONDS } from "@/lib/db-unavailable";
import { noteIfDatabaseUnavailable } from "@/lib/db-health";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { createTranslator } from "next-intl";
import { authorize } from "@/lib/auth/authorize";
import { clientAddress, trustProxyHops } from "@/lib/client-address";
import type { TenantContext } from "@/lib/auth/context";
import type { Decision, Violation } from "@/lib/domain/result";
import type { Permission } from "@/lib/permissions";
import { langOf, toViolationViews } from "@/lib/decision-view";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { loadMessages } from "@/i18n/messages";
import { negotiateLocale } from "@/i18n/config";
import { fieldErrorsOf } from "@/lib/validation/messages";
import { limiter } from "@/lib/rate-limit";
import { API_RATE_LIMIT_PER_CLIENT } from "@/lib/domain/catalogue";
import { hashToken, resolveToken } from "@/lib/services/tokens";
import { checkJson } from "@/lib/security/request-guard";
import { judgeable, type AnyTenantUseCase, type ApiOutcome, type Read, type Route } from "@/lib/use-cases/define";
import { judge, NOT_JUDGED } from "@/lib/services/judge";
import { API_ROUTES, matchRoute } from "./routes";


// The one wrapper of every REST route, in this order: the route of the registry that the method
// and path name (404 / 405 otherwise) → bearer token → rate limit (25/s per token, shared by every
// instance) → authorize(actor, token's tenant, the entry's permission) → zod parse with the entry's
// schema (path parameters and body together, 400 with the fields at fault, a bad id in the path
// included) → the same service as the console → the answer: an activity-backed write is 201 +
// Location of its activity, a refusal 422 with the rule's violations, a list { items, nextCursor };
// NotFoundError 404 (another tenant's resource is the same 404), ForbiddenError 403, ConflictError
// 409, InvalidInputError 400. Anything else is logged with an id and answered 500 with that id
// only: no ORM text or stack reaches a client.

type Lang = "en" | "fr";

const problem = (status: number, code: string, message: string, more: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  Response.json({ code, message, ...more }, { status, headers: { "Cache-Control": "no-store", ...headers } });

const MESSAGES = {
  unauthenticated: { en: "Send a valid personal access token: Authorization: Bearer scp_…", fr: "Envoyez un jeton d’accès personnel valide : Authorization: Bearer scp_…" },
  notFound: { en: "Not found.", fr: "Introuvable." },
  methodNotAllowed: { en: "This path does not answer that method.", fr: "Ce chemin ne répond pas à cette méthode." },
  forbidden: (p: string) => ({ en: `This token (or its user) lacks the permission ${p}.`, fr: `Ce jeton (ou son utilisateur) n’a pas la permission ${p}.` }),
  rateLimited: (s: number) => ({ en: `More than ${API_RATE_LIMIT_PER_CLIENT} requests a second with this token. Retry in ${s} s.`, fr: `Plus de ${API_RATE_LIMIT_PER_CLIENT} requêtes par seconde avec ce jeton. Réessayez dans ${s} s.` }),
  invalid: { en: "Some fields are invalid.", fr: "Certains champs sont invalides." },
  badJson: { en: "The body is not a JSON object.", fr: "Le corps n’est pas un objet JSON." },
  internal: (id: string) => ({ en: `Something went wrong on our side (error ${id}).`, fr: `Une erreur s’est produite de notre côté (erreur ${id}).` }),
  unavailable: (s: number) => ({ en: `The console's database cannot be reached for the moment. Retry in ${s} s.`, fr: `La base de données de la console est injoignable pour le moment. Réessayez dans ${s} s.` }),
};

async function validationTranslator(lang: Lang) {
  return createTranslator({ locale: lang, messages: (await loadMessages(lang)) as never, namespace: "validation" as never }) as unknown as (k: string, v?: Record<string, string | number>) => string;
}

function bearerOf(req: Request): string | null {
  const h = req.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1]! : null;
}

/** Token → rate limit → authorize: the caller's context, or the answer that turns it away. */
async function authenticate(req: Request, permission: Permission | null, lang: Lang): Promise<{ ok: true; ctx: TenantContext } | { ok: false; res: Response }> {
  const secret = bearerOf(req);
  if (!secret) return { ok: false, res: problem(401, "UNAUTHENTICATED", MESSAGES.unauthenticated[lang], {}, { "WWW-Authenticate": 'Bearer realm="api"' }) };
  // Counted before the look-up, on the secret's hash: a flood of bad tokens costs no query either.
  const verdict = await limiter("api").consume(hashToken(secret));
  if (!verdict.ok) return { ok: false, res: problem(429, "RATE_LIMITED", MESSAGES.rateLimited(verdict.retryAfterSeconds)[lang], {}, { "Retry-After": String(verdict.retryAfterSeconds) }) };
  const token = await resolveToken(secret);
  if (!token) return { ok: false, res: problem(401, "UNAUTHENTICATED", MESSAGES.unauthenticated[lang], {}, { "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' }) };
  // The token acts from this request's address (the trusted one, lib/client-address.ts): the tenant's allowed ranges apply.
  const authz = await authorize({ ...token.actor, address: clientAddress(req.headers, trustProxyHops()) }, { id: token.tenantId }, permission ?? undefined);
  if (authz.ok) return authz;
  if (authz.reason === "ADDRESS_NOT_ALLOWED") return { ok: false, res: problem(403, authz.code, authz.message[lang], { address: authz.address }) };
  if (authz.reason === "UNAUTHENTICATED") return { ok: false, res: problem(401, "UNAUTHENTICATED", MESSAGES.unauthenticated[lang]) };
  if (authz.reason === "NOT_FOUND") return { ok: false, res: problem(404, "NOT_FOUND", MESSAGES.notFound[lang]) };
  // Never for a token (authorize asks only people for a second factor); answered all the same.
  if (authz.reason === "TOTP_REQUIRED") return { ok: false, res: problem(403, authz.code, authz.message[lang]) };
  return { ok: false, res: problem(403, "FORBIDDEN", MESSAGES.forbidden(authz.permission)[lang], { permission: authz.permission }) };
}

async function invalid(error: z.ZodError, lang: Lang): Promise<Response> {
  return problem(400, "INVALID", MESSAGES.invalid[lang], { fields: fieldErrorsOf(error, await validationTranslator(lang)) });
}

/** The JSON object of a body; an empty body is {} (a DELETE, a POST without fields). */
async function bodyOf(req: Request, lang: Lang): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; res: Response }> {
  const text = await req.text();
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) return { ok: false, res: problem(400, "INVALID", MESSAGES.badJson[lang], { fields: { _: [MESSAGES.badJson[lang]] } }) };
  return { ok: true, body: body as Record<string, unknown> };
}

/** NUL bytes and lone surrogates in what a client sent (lib/security): 400 naming the field, never a 500 further down. */
function guardRefusal(...values: unknown[]): Response | null {
  for (const v of values) {
    const bad = checkJson(v);
    if (bad) return problem(400, "INVALID", bad.message, { fields: { [bad.field]: [bad.message] } });
  }
  return null;
}

async function serveRead(r: Read, req: Request, params: Record<string, string>, lang: Lang): Promise<Response> {
  const auth = await authenticate(req, r.permission, lang);
  if (!auth.ok) return auth.res;
  const searchParams = Object.fromEntries(new URL(req.url).searchParams);
  const refused = guardRefusal(params, searchParams);
  if (refused) return refused;
  // An id the document's schema refuses (over 64 characters) is a 400, as the OpenAPI document says.
  const badParams = r.params?.safeParse(params);
  if (badParams && !badParams.success) return invalid(badParams.error, lang);
  const query = r.query ? r.query.safeParse(searchParams) : { success: true as const, data: {} };
  if (!query.success) return invalid(query.error, lang);
  return respondRead(await r.serve(auth.ctx, { params, query: query.data as Record<string, unknown> }));
}

async function serveUseCase(u: AnyTenantUseCase, route: Route, req: Request, params: Record<string, string>, lang: Lang): Promise<Response> {
  const auth = await authenticate(req, u.permission, lang);
  if (!auth.ok) return auth.res;
  const body = await bodyOf(req, lang);
  if (!body.ok) return body.res;
  const refused = guardRefusal(params, body.body);
  if (refused) return refused;
  // The path names the resource: it wins over a body that names another.
  const fromPath = Object.fromEntries(Object.entries(route.params ?? {}).map(([p, key]) => [key, params[p]]));
  const parsed = (route.schema ?? u.schema).safeParse({ ...body.body, ...fromPath });
  // A path id the schema refuses (over 64 characters) is a 400 naming it, as the OpenAPI document says.
  if (!parsed.success) return invalid(parsed.error, lang);
  // `?dryRun=true` judges the change (lib/services/judge.ts): the decision it would take now, nothing written.
  const dryRun = new URL(req.url).searchParams.get("dryRun");
  if (dryRun !== null && dryRun !== "true" && dryRun !== "false") return problem(400, "INVALID", MESSAGES.invalid[lang], { fields: { dryRun: ["true | false"] } });
  if (dryRun === "true") {
    if (!judgeable(u)) return problem(400, "INVALID", NOT_JUDGED[lang], { fields: { dryRun: [NOT_JUDGED[lang]] } });
    const verdict = await judge(() => (route.run ?? u.run)(auth.ctx, parsed.data));
    if (!verdict.ok) return respondDecision(verdict, u, route, lang);
    return Response.json({ dryRun: true, ...warningsOf(verdict.warnings, lang) }, { headers: { "Cache-Control": "no-store" } });
  }
  const decision = await (route.run ?? u.run)(auth.ctx, parsed.data);
  return respondDecision(decision, u, route, lang);
}

const warningsOf = (warnings: Violation[], lang: Lang) => (warnings.length ? { warnings: toViolationViews(warnings, lang).map((v) => ({ code: v.code, message: v.message })) } : {});

function respondRead(out: ApiOutcome): Response {
  const headers = { "Cache-Control": "no-store" };
  if ("list" in out) return Response.json({ items: out.list, nextCursor: out.nextCursor, ...(out.total !== undefined ? { total: out.total } : {}) }, { headers });
  if ("text" in out) return new Response(out.text, { headers: { ...headers, "Content-Type": out.contentType } });
  return Response.json(out.json, { headers });
}

function respondDecision(d: Decision<unknown>, u: AnyTenantUseCase, route: Route, lang: Lang): Response {
  const headers = { "Cache-Control": "no-store" };
  if (!d.ok) {
    const views = toViolationViews(d.violations.filter((v) => v.severity === "refuse"), lang);
    const first = views[0] ?? toViolationViews(d.violations, lang)[0];
    return problem(422, first?.code ?? "REFUSED", first?.message ?? "Refused.", {
      violations: views.map((v) => ({ code: v.code, message: v.message, ...(v.limit !== undefined ? { limit: v.limit } : {}), ...(v.actual !== undefined ? { actual: v.actual } : {}), ...(v.unit ? { unit: v.unit } : {}) })),
    });
  }
  const warnings = warningsOf(d.warnings, lang);
  if (u.bulk) return Response.json({ results: d.value, ...warnings }, { headers });
  const value = (d.value ?? {}) as Record<string, unknown>;
  if (!u.preview && typeof value.activityId === "string") {
    return Response.json({ ...value, ...warnings }, { status: 201, headers: { ...headers, Location: `/api/v1/activities/${value.activityId}` } });
  }
  return Response.json({ ...value, ...warnings }, { status: route.status ?? 200, headers });
}

/** Errors as the contract answers them. */
export function errorResponse(err: unknown, lang: Lang = "en"): Response {
  if (err instanceof NotFoundError) return problem(404, "NOT_FOUND", MESSAGES.notFound[lang]);
  if (err instanceof ForbiddenError) return problem(403, "FORBIDDEN", MESSAGES.forbidden(err.permission)[lang], { permission: err.permission });
  if (err instanceof ConflictError) return problem(409, err.code, err.text[lang]);
  if (err instanceof InvalidInputError) {
    const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, [v[lang]]]));
    return problem(400, "INVALID", Object.values(fields)[0]?.[0] ?? MESSAGES.invalid[lang], { fields });
  }
  // The database is away (a restart, a network cut): the caller should simply try again shortly.
  if (noteIfDatabaseUnavailable(err)) {
    console.warn(`[api] database unavailable: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    return problem(503, "UNAVAILABLE", MESSAGES.unavailable(DB_RETRY_AFTER_SECONDS)[lang], {}, { "Retry-After": String(DB_RETRY_AFTER_SECONDS) });
  }
  const id = randomUUID().slice(0, 8);
  console.error(`[api error ${id}]`, err);
  return problem(500, "INTERNAL", MESSAGES.internal(id)[lang], { errorId: id });
}

const PREFIX = "/api/v1/";

/** The route handler of the whole API (app/api/v1/[...path]): every path of the registry, one method each. */
export async function handleApiRequest(req: Request): Promise<Response> {
  const lang: Lang = langOf(negotiateLocale(req.headers.get("accept-language")));
  try {
    const pathname = new URL(req.url).pathname;
    const rest = pathname.startsWith(PREFIX) ? pathname.slice(PREFIX.length) : "";
    let segments: string[];
    try {
      segments = rest.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      // Malformed percent-encoding (proxy.ts refuses it first; this is for a caller that bypasses it).
      return problem(400, "INVALID", MESSAGES.invalid[lang], { fields: { path: [MESSAGES.invalid[lang]] } });
    }
    const found = matchRoute(API_ROUTES, req.method, segments);
    if (!found) return problem(404, "NOT_FOUND", MESSAGES.notFound[lang]);
    if ("allow" in found) return problem(405, "METHOD_NOT_ALLOWED", MESSAGES.methodNotAllowed[lang], {}, { Allow: found.allow.join(", ") });
    const { route, params } = found;
    if (route.read) return await serveRead(route.read, req, params, lang);
    return await serveUseCase(route.useCase!, route.route!, req, params, lang);
  } catch (err) {
    return errorResponse(err, lang);
  }
}
