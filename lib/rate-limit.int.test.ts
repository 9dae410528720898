import { describe, it, expect, afterAll } from "vitest";
import { createLimiters } from "./rate-limit";

// Two instances of the app on one database: each has its own limiters (its own pool), the
// counters are shared in PostgreSQL.
const one = createLimiters({ DATABASE_URL: process.env.DATABASE_URL });
const two = createLimiters({ DATABASE_URL: process.env.DATABASE_URL });
afterAll(async () => Promise.all([one.close(), two.close()]));

/**
 * Runs a burst at the start of a second, with a fresh key, so it falls in one window. A burst a
 * busy machine stretched past the window proves nothing either way: it is tried again (3 times).
 */
async function inOneSecond<T>(f: (key: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    const started = Date.now();
    const out = await f(`key-${Math.random()}`);
    const took = Date.now() - started;
    if (took < 900) return out;
    if (attempt === 3) expect(took, "the burst took under a second").toBeLessThan(900);
  }
}

describe("rate limits shared by instances", () => {
  it("refuses a token's 26th request in a second, whichever instance it reaches", async () => {
    const { key, first, extra } = await inOneSecond(async (key) => {
      // 25 requests spread over both instances, then one more on each: both refused.
      const first = await Promise.all([...Array(25)].map((_, i) => (i % 2 ? two : one).limiter("api").consume(key)));
      const extra = await Promise.all([one.limiter("api").consume(key), two.limiter("api").consume(key)]);
      return { key, first, extra };
    });
    expect(first.every((v) => v.ok)).toBe(true);
    expect(extra).toEqual([{ ok: false, retryAfterSeconds: 1 }, { ok: false, retryAfterSeconds: 1 }]);
    // Another token is not affected.
    expect(await two.limiter("api").consume(`${key}-other`)).toEqual({ ok: true });
  });

  it("lets 5 sign-ins a second per account through, the 6th refused on the other instance, and recovers the next second", async () => {
    const { key, verdicts } = await inOneSecond(async (key) => ({ key, verdicts: await Promise.all([...Array(6)].map((_, i) => (i < 5 ? one : two).limiter("signInAccount").consume(key))) }));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await two.limiter("signInAccount").consume(key)).toEqual({ ok: true });
  });
});
