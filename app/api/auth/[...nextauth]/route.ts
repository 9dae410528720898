import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { limiter } from "@/lib/rate-limit";
import { clientAddress, trustProxyHops } from "@/lib/client-address";

const handler = NextAuth(authOptions);

// DOMAIN.md: 5 sign-in attempts a second, per address and per account (issue 10), counted in the
// store every instance shares. The body has the shape next-auth's client reads, so signIn()
// reports error "RateLimited" and the form explains the wait.
async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get("email") ?? "").trim().toLowerCase().slice(0, 200);
    // The address first: an attempt it refuses does not spend the account's budget (a client
    // spraying from one address cannot lock someone else's account out as a side effect).
    let refused = await limiter("signInAddress").consume(clientAddress(req.headers, trustProxyHops()));
    if (refused.ok && email) refused = await limiter("signInAccount").consume(email);
    if (!refused.ok) {
      return Response.json(
        { url: new URL("/signin?error=RateLimited", req.url).toString() },
        { status: 429, headers: { "Retry-After": String(refused.retryAfterSeconds) } },
      );
    }
  }
  return handler(req, ctx);
}

export { handler as GET, POST };
