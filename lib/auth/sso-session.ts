import "server-only";
import { encode } from "next-auth/jwt";
import { authOptions } from "./options";
import { env } from "@/lib/env";
import type { SsoSignedIn } from "@/lib/services/sso";

// The session a single sign-on opens is next-auth's own: the same signed cookie, with the user id
// and the session version the jwt callback checks on every request (lib/auth/options.ts). So
// sign-out, a password change and disabling end it like any other.

export const SSO_PENDING_COOKIE = "sso-pending";

export async function sessionCookieFor(user: SsoSignedIn): Promise<{ name: string; value: string; maxAge: number; secure: boolean }> {
  const maxAge = authOptions.session!.maxAge!;
  // next-auth signs with NEXTAUTH_SECRET; without it (a bare `next dev`) it derives a key of its own
  // that this cannot reproduce, so single sign-on needs the secret set (scripts/start.ts sets one).
  const secret = env().NEXTAUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("Single sign-on needs NEXTAUTH_SECRET to open a session.");
  const value = await encode({ token: { name: user.name, email: user.email, sub: user.id, uid: user.id, sv: user.sessionVersion }, secret, maxAge });
  const c = authOptions.cookies!.sessionToken!;
  return { name: c.name, value, maxAge, secure: !!c.options.secure };
}
