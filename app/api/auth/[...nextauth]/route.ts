import NextAuth from "next-auth";
import { authOptions, DATABASE_UNAVAILABLE } from "@/lib/auth/options";
import { DB_RETRY_AFTER_SECONDS } from "@/lib/db-unavailable";
import { signInScope } from "@/lib/security/sign-in-limit";

const handler = NextAuth(authOptions);

// The sign-in limits are enforced inside authorize() (lib/security/sign-in-limit.ts), whatever the
// path or body encoding. Here only the answer is shaped: a refused attempt becomes a 429 with
// Retry-After and the body next-auth's client reads, so signIn() reports error "RateLimited" and
// the form explains the wait.
async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const scope: { retryAfterSeconds?: number; unavailable?: boolean } = {};
  const res = await signInScope.run(scope, () => handler(req, ctx));
  if (scope.unavailable) {
    return Response.json(
      { url: new URL(`/signin?error=${DATABASE_UNAVAILABLE}`, req.url).toString() },
      { status: 503, headers: { "Retry-After": String(DB_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
    );
  }
  if (scope.retryAfterSeconds === undefined) return res;
  return Response.json(
    { url: new URL("/signin?error=RateLimited", req.url).toString() },
    { status: 429, headers: { "Retry-After": String(scope.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

export { handler as GET, POST };
