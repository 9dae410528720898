import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { createRateLimiter, clientKey } from "@/lib/rate-limit";

const handler = NextAuth(authOptions);

// DOMAIN.md: 5 requests a second per client on authentication, then HTTP 429. The body
// has the shape next-auth's client reads, so signIn() reports error "RateLimited".
const signInLimiter = createRateLimiter(5);

async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const verdict = signInLimiter.take(clientKey(req.headers));
    if (!verdict.ok) {
      return Response.json(
        { url: new URL("/signin?error=RateLimited", req.url).toString() },
        { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } },
      );
    }
  }
  return handler(req, ctx);
}

export { handler as GET, POST };
