import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Security headers on every response, static files included. The Content-Security-Policy (with a
// nonce per request) and HSTS (over HTTPS only) are set by proxy.ts, which sees each request.
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The type check is `npm run typecheck` (and CI's): inside `next build` it added ≈ 35 s to every
  // first start and every test run for a check that had already been made.
  typescript: { ignoreBuildErrors: true },
  // pg-boss reads its SQL plans at run time: loaded from node_modules, not bundled.
  serverExternalPackages: ["pg-boss"],
  // forbidden() and forbidden.tsx: a tenant page refused by address answers 403 with its own page
  // (app/t/forbidden.tsx), not the error screen.
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default withNextIntl(nextConfig);
