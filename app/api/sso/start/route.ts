import { NextResponse, type NextRequest } from "next/server";
import { beginSsoSignIn, SSO_PENDING_SECONDS } from "@/lib/services/sso";
import { ssoStartSchema } from "@/lib/validation/sso";
import { SSO_PENDING_COOKIE } from "@/lib/auth/sso-session";
import { consoleBaseUrl } from "@/lib/services/invitation-mail";

// GET /api/sso/start?email=…: the organization covering the e-mail's domain sends the browser to
// its provider; the pending flow (state, nonce, PKCE verifier) waits in a sealed cookie.
export async function GET(req: NextRequest) {
  const base = consoleBaseUrl();
  const parsed = ssoStartSchema.safeParse({ email: req.nextUrl.searchParams.get("email") ?? "" });
  const begun = parsed.success ? await beginSsoSignIn(parsed.data.email, `${base}/api/sso/callback`) : null;
  if (!begun) return NextResponse.redirect(`${base}/signin?error=SsoNotCovered`, 303);
  const res = NextResponse.redirect(begun.url, 303);
  res.cookies.set(SSO_PENDING_COOKIE, begun.pending, { httpOnly: true, sameSite: "lax", path: "/api/sso", maxAge: SSO_PENDING_SECONDS, secure: base.startsWith("https://") });
  return res;
}
