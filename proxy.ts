import { NextResponse, type NextRequest } from "next/server";
import { guardRequest, type GuardRefusal } from "@/lib/security/request-guard";
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/security/headers";
import { databaseLooksDown } from "@/lib/db-health";
import { DATABASE_UNAVAILABLE, DB_RETRY_AFTER_SECONDS } from "@/lib/db-unavailable";

// Runs before every page, route handler and server action (Next 16's proxy, Node.js runtime):
// the input guard (lib/security/request-guard.ts), then the per-request CSP nonce and HSTS.
// The other security headers (nosniff, frame options…) come from next.config.mjs for every path,
// static files included. Nothing here authorises anything: every route checks again.

function refusal(r: GuardRefusal, req: NextRequest, csp: string): Response {
  const api = req.nextUrl.pathname.startsWith("/api/");
  const headers: Record<string, string> = { "Cache-Control": "no-store", "Content-Security-Policy": csp, Connection: "close" };
  const code = r.status === 413 ? "TOO_LARGE" : r.status === 411 ? "LENGTH_REQUIRED" : "INVALID";
  // A page gets the sentence as text; an API or action caller the API's problem shape.
  if (!api && req.method === "GET") return new Response(`${r.status}: ${r.message}\n`, { status: r.status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  return Response.json({ code, message: r.message, fields: { [r.field]: [r.message] } }, { status: r.status, headers });
}

function unavailable(req: NextRequest, csp: string): Response {
  const headers = { "Cache-Control": "no-store", "Content-Security-Policy": csp, "Retry-After": String(DB_RETRY_AFTER_SECONDS) };
  const en = `The console cannot reach its database for the moment. Retry in ${DB_RETRY_AFTER_SECONDS} s.`;
  // next-auth's client reads `url` (its error parameter) from a sign-in's answer.
  const signIn = req.nextUrl.pathname.startsWith("/api/auth/") ? { url: new URL(`/signin?error=${DATABASE_UNAVAILABLE}`, req.url).toString() } : {};
  if (req.nextUrl.pathname.startsWith("/api/")) return Response.json({ code: "UNAVAILABLE", message: en, ...signIn }, { status: 503, headers });
  return new Response(`503: ${en}\n`, { status: 503, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const refused = await guardRequest(request);
  if (refused) return refusal(refused, request, csp);

  // The database was last seen away and still does not answer: say so (503, Retry-After) rather
  // than render a page or run a route that can only fail. Checked only after a failure.
  if (await databaseLooksDown()) return unavailable(request, csp);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  if (request.nextUrl.protocol === "https:") res.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return res;
}

export const config = {
  // Static build output needs neither the guard nor a nonce (it carries next.config's headers).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
