import { describe, it, expect } from "vitest";
import { createRateLimiter, clientKey } from "./rate-limit";

describe("rate limiter (5/s on authentication)", () => {
  it("lets 5 requests through in a second, refuses the 6th, and recovers", () => {
    let t = 1_000_000;
    const limiter = createRateLimiter(5, () => t);
    for (let i = 0; i < 5; i++) expect(limiter.take("1.2.3.4").ok).toBe(true);
    expect(limiter.take("1.2.3.4")).toEqual({ ok: false, retryAfterSeconds: 1 });
    t += 200; // one token back every 200 ms
    expect(limiter.take("1.2.3.4").ok).toBe(true);
    expect(limiter.take("1.2.3.4").ok).toBe(false);
  });

  it("keeps clients apart", () => {
    const limiter = createRateLimiter(5, () => 0);
    for (let i = 0; i < 5; i++) limiter.take("a");
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
  });

  it("forgets the least recently seen clients beyond its bound", () => {
    const limiter = createRateLimiter(1, () => 0, 2);
    limiter.take("a");
    limiter.take("b");
    limiter.take("c"); // evicts a
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("c").ok).toBe(false);
  });

  it("takes the client from the first forwarded address", () => {
    expect(clientKey(new Headers({ "x-forwarded-for": "10.0.0.7, 10.0.0.1" }))).toBe("10.0.0.7");
    expect(clientKey(new Headers())).toBe("local");
  });
});
