import { describe, it, expect, vi, afterEach } from "vitest";

// The session cookie is HttpOnly and SameSite=Lax always, Secure (with the __Secure- prefix) behind TLS.
vi.mock("@/lib/services/auth", () => ({ verifyCredentials: async () => null, checkSignIn: async () => ({ ok: false, reason: "invalid" }) }));

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("session cookie", () => {
  it.each([
    ["https://console.example.fr", true, "__Secure-next-auth.session-token"],
    ["http://localhost:3000", false, "next-auth.session-token"],
  ] as const)("with NEXTAUTH_URL %s: Secure %s, named %s", async (url, secure, name) => {
    vi.stubEnv("NEXTAUTH_URL", url);
    const { authOptions } = await import("./options");
    expect(authOptions.useSecureCookies).toBe(secure);
    expect(authOptions.cookies?.sessionToken).toEqual({ name, options: { httpOnly: true, sameSite: "lax", path: "/", secure } });
  });
});
