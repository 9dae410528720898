import "server-only";
import { negotiateLocale } from "@/i18n/config";
import { langOf } from "@/lib/decision-view";
import type { AuthzFailure } from "./authorize";

const STATUS = { UNAUTHENTICATED: 401, NOT_FOUND: 404, FORBIDDEN: 403, ADDRESS_NOT_ALLOWED: 403, TOTP_REQUIRED: 403 } as const satisfies Record<AuthzFailure["reason"], number>;

/**
 * How the console's own route handlers (the activity poll, the CSV exports) answer a refused
 * authorize(): 401, 404, 403; a refusal by address is a 403 with the rule's code and its sentence
 * (the address, and what to do) in the caller's language.
 */
export function consoleRouteRefusal(req: Request, authz: AuthzFailure): Response {
  const headers = { "Cache-Control": "no-store" };
  if (authz.reason === "TOTP_REQUIRED") {
    const lang = langOf(negotiateLocale(req.headers.get("accept-language")));
    return Response.json({ code: authz.code, message: authz.message[lang] }, { status: 403, headers });
  }
  if (authz.reason === "ADDRESS_NOT_ALLOWED") {
    const lang = langOf(negotiateLocale(req.headers.get("accept-language")));
    return Response.json({ code: authz.code, message: authz.message[lang], address: authz.address }, { status: 403, headers });
  }
  return Response.json({ code: authz.reason }, { status: STATUS[authz.reason], headers });
}
