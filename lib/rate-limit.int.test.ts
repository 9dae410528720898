import { describe, it, expect, afterAll } from "vitest";
import { createLimiters } from "./rate-limit";

// Two instances of the app on one database: each has its own limiters (its own pool), the
// counters are shared in PostgreSQL.
const one = createLimiters({ DATABASE_URL: process.env.DATABASE_URL });
const two = createLimiters({ DATABASE_URL: process.env.DATABASE_URL });
afterAll(async () => Promise.all([one.close(), two.close()]));

async function inOneSecond<T>(f: () => Promise<T>): Promise<T> {
  // Start at the beginning of a second so the burst falls in one window.
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
  const started = Date.now();
  const out = await f();
  expect(Date.now() - started, "the burst took under a second").toBeLessThan(900);
  return out;
}

describe("rate limits shared by instances", () => {
  it("refuses a token's 26th request in a second, whichever instance it reaches", async () => {
    const key = `tok-${Math.random()}`;
    const verdicts = await inOneSecond(async () => {
      const out = [];
      for (let i = 0; i < 26; i++) out.push(await (i % 2 ? two : one).limiter("api").consume(key));
      return out;
    });
    expect(verdicts.slice(0, 25).every((v) => v.ok)).toBe(true);
    expect(verdicts[25]).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Another token is not affected.
    expect(await two.limiter("api").consume(`${key}-other`)).toEqual({ ok: true });
  });

  it("lets 5 sign-ins a second per account through, the 6th refused on the other instance, and recovers the next second", async () => {
    const key = `acct-${Math.random()}@example.test`;
    const verdicts = await inOneSecond(async () => Promise.all([...Array(6)].map((_, i) => ((i < 5 ? one : two).limiter("signInAccount").consume(key)))));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await two.limiter("signInAccount").consume(key)).toEqual({ ok: true });
  });
});
