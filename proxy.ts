import { NextResponse, type NextRequest } from "next/server";
import { guardRequest, type GuardRefusal } from "@/lib/security/request-guard";
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/security/headers";

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

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const refused = await guardRequest(request);
  if (refused) return refusal(refused, request, csp);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
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
