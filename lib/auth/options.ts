import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endUserSessions, getSessionStanding } from "@/lib/db/users";
import { signInScope, signInWithLimits } from "@/lib/security/sign-in-limit";
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from "@/lib/db-unavailable";
import { noteIfDatabaseUnavailable } from "@/lib/db-health";
import { clientAddress, trustProxyHops } from "@/lib/client-address";
import { env } from "@/lib/env";

// The session cookie is HttpOnly and SameSite=Lax (next-auth's defaults, stated here so
// they cannot drift), and Secure with the __Secure- prefix whenever the console is served over TLS.
const secure = (env().NEXTAUTH_URL ?? "").startsWith("https://");

/** Thrown by the jwt callback when a cookie's session has ended: next-auth then answers no session and clears the cookie. */
export const SESSION_ENDED = "SessionEnded";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  useSecureCookies: secure,
  cookies: {
    sessionToken: {
      name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure },
    },
  },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
      // The limits live here rather than in front of the route: whatever the body's encoding or
      // the path's spelling, every attempt that could sign in passes through this function.
      async authorize(credentials, req) {
        const address = clientAddress(new Headers((req?.headers ?? {}) as Record<string, string>), trustProxyHops());
        let user: Awaited<ReturnType<typeof signInWithLimits>>;
        try {
          user = await signInWithLimits({ email: credentials?.email, password: credentials?.password, code: credentials?.code, address });
        } catch (e) {
          // The database is away: not a wrong password. The route answers 503 with Retry-After, and
          // next-auth puts only this fixed word in the URL, never the driver's text.
          if (!noteIfDatabaseUnavailable(e)) throw e;
          const scope = signInScope.getStore();
          if (scope) scope.unavailable = true;
          throw new Error(DATABASE_UNAVAILABLE);
        }
        return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
    // A session cookie is signed, not stored: it carries the user's session version at sign-in,
    // checked against the database on every request, so that sign-out, a password change or
    // disabling the account ends every session of that user at its next request.
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        return token;
      }
      let standing: Awaited<ReturnType<typeof getSessionStanding>>;
      try {
        standing = typeof token.uid === "string" ? await getSessionStanding(token.uid) : null;
      } catch (e) {
        // An outage does not end anyone's session (the cookie would be cleared): the page's own
        // queries answer 503, and the standing is checked again at the first request after it.
        if (isDatabaseUnavailable(e)) return token;
        throw e;
      }
      if (!standing || standing.disabledAt || standing.sessionVersion !== token.sv) throw new Error(SESSION_ENDED);
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.uid === "string") await endUserSessions(token.uid);
    },
  },
  logger: {
    // An ended session is the expected answer to a replayed cookie, not an error worth a stack trace.
    error(code, metadata) {
      const message = metadata instanceof Error ? metadata.message : (metadata as { message?: unknown } | undefined)?.message;
      if (code === "JWT_SESSION_ERROR" && message === SESSION_ENDED) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
};
