// The client's address, decided where the socket is visible (server.mjs) and handed to the app as
// the only entry of X-Forwarded-For. Plain JavaScript: the serving process runs without a loader.
import { isIP } from "node:net";

/** `::ffff:203.0.113.7` (an IPv4 peer on a dual-stack socket) is `203.0.113.7`. */
function normalize(address) {
  const a = String(address ?? "").trim();
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/**
 * With no trusted proxy (hops = 0) the client is the socket's peer, whatever X-Forwarded-For says.
 * With n trusted proxies, each appended the address it saw: the n-th entry from the right of
 * [...X-Forwarded-For, peer] is what the outermost trusted proxy saw. Anything further left was
 * written by the client and is ignored. An entry that is not an IP address falls back to the peer.
 */
export function trustedClientAddress(forwardedFor, socketAddress, hops) {
  const peer = normalize(socketAddress) || "unknown";
  if (!(hops > 0)) return peer;
  const chain = String(forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const all = [...chain, peer];
  const candidate = normalize(all[Math.max(0, all.length - 1 - hops)]);
  return isIP(candidate) ? candidate : peer;
}

/** TRUST_PROXY_HOPS as lib/env.ts accepts it (a whole number 0–10); anything else is 0 (trust nobody). */
export function trustProxyHopsOf(value) {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/**
 * Rewrites a Node request's forwarding headers before Next sees them: X-Forwarded-For becomes the
 * one trusted address; without a trusted proxy the client's own X-Forwarded-Proto/Host/Port are
 * dropped too (Next then derives them from the socket), so "https" cannot be claimed over http.
 */
export function applyTrustedForwarding(req, hops) {
  const xff = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = trustedClientAddress(Array.isArray(xff) ? xff.join(",") : xff, req.socket?.remoteAddress, hops);
  if (!(hops > 0)) {
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-port"];
  }
}
