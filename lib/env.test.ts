import { describe, it, expect } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("accepts nothing at all: embedded database on port 3000", () => {
    expect(parseEnv({})).toEqual({ ok: true, env: { PORT: 3000, EMBEDDED_PG_PORT: 54329, TRUST_PROXY_HOPS: 0 } });
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" })).toMatchObject({ ok: true, env: { PORT: 3000 } });
  });

  it("explains every mistake in a sentence naming the variable", () => {
    const r = parseEnv({ DATABASE_URL: "mysql://x@y/z", PORT: "80000", NEXTAUTH_SECRET: "short" });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^DATABASE_URL must be a PostgreSQL connection string.*\(got "mysql:\/\/x@y\/z"\)\.$/);
    expect(errors[1]).toMatch(/^PORT must be between 1 and 65535/);
    expect(errors[2]).toMatch(/^NEXTAUTH_SECRET must be at least 32 characters/);
  });

  it("refuses a connection string without a database", () => {
    const r = parseEnv({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432" });
    expect(r.ok ? [] : r.errors).toEqual([expect.stringMatching(/^DATABASE_URL must name a database/)]);
  });
});

describe("parseEnv: issue 10", () => {
  it("says which proxy setting is wrong", () => {
    expect(parseEnv({ TRUST_PROXY_HOPS: "-1" })).toEqual({ ok: false, errors: ['TRUST_PROXY_HOPS must be between 0 and 10 (got "-1").'] });
    expect(parseEnv({ REDIS_URL: "localhost:6379" })).toMatchObject({ ok: false, errors: [expect.stringContaining("REDIS_URL must be a Redis URL")] });
    expect(parseEnv({ TRUST_PROXY_HOPS: "2", REDIS_URL: "redis://127.0.0.1:6379" })).toMatchObject({ ok: true, env: { TRUST_PROXY_HOPS: 2 } });
  });
});
