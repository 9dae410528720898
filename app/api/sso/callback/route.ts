import { NextResponse, type NextRequest } from "next/server";
import { completeSsoSignIn } from "@/lib/services/sso";
import { sessionCookieFor, SSO_PENDING_COOKIE } from "@/lib/auth/sso-session";
import { consoleBaseUrl } from "@/lib/services/invitation-mail";

// GET /api/sso/callback?code=…&state=…: the provider's answer. The service checks everything; a
// refusal goes back to the sign-in page with its sentence, a success opens the console's session.
export async function GET(req: NextRequest) {
  const base = consoleBaseUrl();
  const current = new URL(`${base}/api/sso/callback${req.nextUrl.search}`);
  const r = await completeSsoSignIn(req.cookies.get(SSO_PENDING_COOKIE)?.value, current);
  const res = r.ok ? NextResponse.redirect(`${base}/`, 303) : NextResponse.redirect(`${base}/signin?error=SsoRefused&code=${encodeURIComponent(r.violations[0]!.code)}`, 303);
  res.cookies.set(SSO_PENDING_COOKIE, "", { path: "/api/sso", maxAge: 0 });
  if (r.ok) {
    const c = await sessionCookieFor(r.value);
    res.cookies.set(c.name, c.value, { httpOnly: true, sameSite: "lax", path: "/", maxAge: c.maxAge, secure: c.secure });
  }
  return res;
}
