import { env } from "@/lib/env";

// The client's address as the rate limits see it. X-Forwarded-For is written by whoever
// sends the request, so only the entries appended by proxies the operator trusts count:
// TRUST_PROXY_HOPS = n takes the n-th address from the right (what the outermost trusted proxy
// saw). Next's own server sets X-Forwarded-For to the socket's address when the request has none,
// so with no trusted proxy (n = 0) the rightmost entry is the best guess: the peer, or a value the
// client chose — which is why sign-in is also limited per account.
export function clientAddress(headers: Headers, trustProxyHops: number): string {
  const list = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) return "unknown";
  const index = Math.max(0, list.length - Math.max(1, trustProxyHops));
  return list[index]!;
}

/** TRUST_PROXY_HOPS as lib/env.ts parsed it (a whole number 0–10, 0 when unset). */
export function trustProxyHops(): number {
  return env().TRUST_PROXY_HOPS;
}
