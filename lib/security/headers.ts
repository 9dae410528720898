import { env } from "@/lib/env";

// The Content-Security-Policy, per request: scripts run only with this response's nonce (Next
// puts it on its own scripts when it finds it in the request's CSP header), so an injected
// <script> or inline handler does not run. Styles keep 'unsafe-inline': React writes style
// attributes, which a nonce cannot cover, and a style cannot run code.
export function contentSecurityPolicy(nonce: string, dev = env().NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable, new for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Sent only over HTTPS: over plain HTTP it means nothing to a browser and misleads a scanner. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";
