import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { DATABASE_UNAVAILABLE, DB_RETRY_AFTER_SECONDS } from "@/lib/db-unavailable";
import { signInScope } from "@/lib/security/sign-in-limit";

const handler = NextAuth(authOptions);

// The sign-in limits are enforced inside authorize() (lib/security/sign-in-limit.ts), whatever the
// path or body encoding. Here only the answer is shaped: a refused attempt becomes a 429 with
// Retry-After and the body next-auth's client reads, so signIn() reports error "RateLimited" and
// the form explains the wait.
async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const scope: { retryAfterSeconds?: number; unavailable?: boolean } = {};
  const res = await signInScope.run(scope, () => handler(req, ctx));
  const refusal = (error: string, status: number, retryAfterSeconds: number) =>
    Response.json({ url: new URL(`/signin?error=${error}`, req.url).toString() }, { status, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } });
  if (scope.unavailable) return refusal(DATABASE_UNAVAILABLE, 503, DB_RETRY_AFTER_SECONDS);
  if (scope.retryAfterSeconds === undefined) return res;
  return refusal("RateLimited", 429, scope.retryAfterSeconds);
}

export { handler as GET, POST };
