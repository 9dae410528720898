// Token buckets per client key: `ratePerSecond` requests a second on average, bursts up
// to the same number. In memory, per server process: the console runs as one process.
export type RateLimiter = { take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } };

export function createRateLimiter(ratePerSecond: number, now: () => number = Date.now, maxKeys = 10_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: ratePerSecond, at: t };
      b.tokens = Math.min(ratePerSecond, b.tokens + ((t - b.at) / 1000) * ratePerSecond);
      b.at = t;
      buckets.delete(key); // re-insert: the Map's order is then least recently used first
      buckets.set(key, b);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - b.tokens) / ratePerSecond))) };
    },
  };
}

/** The client as the rate limits see it: the first forwarded address, else the direct one. */
export function clientKey(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}
