import fs from "node:fs";
import path from "node:path";
import { describe, it, expect, test } from "vitest";
import { envSchema, parseEnv } from "./env";

describe("parseEnv", () => {
  it("accepts nothing at all: embedded database on port 3000", () => {
    expect(parseEnv({})).toEqual({ ok: true, env: { PORT: 3000, EMBEDDED_PG_PORT: 54329, TRUST_PROXY_HOPS: 0, STOP_DRAIN_SECONDS: 10 } });
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

describe("parseEnv: the proxy and the shared rate limits", () => {
  it("says which proxy setting is wrong", () => {
    expect(parseEnv({ TRUST_PROXY_HOPS: "-1" })).toEqual({ ok: false, errors: ['TRUST_PROXY_HOPS must be between 0 and 10 (got "-1").'] });
    expect(parseEnv({ REDIS_URL: "localhost:6379" })).toMatchObject({ ok: false, errors: [expect.stringContaining("REDIS_URL must be a Redis URL")] });
    expect(parseEnv({ TRUST_PROXY_HOPS: "2", REDIS_URL: "redis://127.0.0.1:6379" })).toMatchObject({ ok: true, env: { TRUST_PROXY_HOPS: 2 } });
  });
});

describe("parseEnv: the simulated infrastructure and Next's mode", () => {
  it("reads the time scale as a number and refuses a negative one or a word, naming the variable", () => {
    expect(parseEnv({ INFRA_TIME_SCALE: "0.2", INFRA_FAULTS: "vm.create:clone_image" })).toMatchObject({ ok: true, env: { INFRA_TIME_SCALE: 0.2, INFRA_FAULTS: "vm.create:clone_image" } });
    expect(parseEnv({ INFRA_TIME_SCALE: "-1" })).toEqual({ ok: false, errors: ['INFRA_TIME_SCALE must be 0 or more (1 = real durations, 0 = instant) (got "-1").'] });
    expect(parseEnv({ INFRA_TIME_SCALE: "fast" })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^INFRA_TIME_SCALE must be a number/)] });
  });

  it("refuses a NODE_ENV Next does not know", () => {
    expect(parseEnv({ NODE_ENV: "staging" })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^NODE_ENV must be development, production or test/)] });
  });
});

// Every variable the code reads is documented: a newcomer configures the console from the
// README's table alone. Scripts and tests may read their own (they say so where they run).
describe("the README's Configuration table", () => {
  const root = path.resolve(__dirname, "..");
  const skip = (p: string) => /\.test\.tsx?$/.test(p) || p.includes(`${path.sep}generated${path.sep}`) || p.includes(`${path.sep}node_modules${path.sep}`);
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return walk(p);
      return /\.(ts|tsx|mjs|js)$/.test(e.name) && !skip(p) ? [p] : [];
    });
  const files = [...["lib", "app", "components", "i18n"].flatMap((d) => walk(path.join(root, d))), path.join(root, "proxy.ts"), path.join(root, "server.mjs")];
  const read = new Map<string, string>();
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    for (const m of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)|process\.env\[["']([A-Z][A-Z0-9_]*)["']\]|\benv\.([A-Z][A-Z0-9_]{2,})\b/g)) {
      read.set(m[1] ?? m[2] ?? m[3]!, path.relative(root, f));
    }
  }
  for (const key of Object.keys(envSchema.shape)) if (!read.has(key)) read.set(key, "lib/env.ts");

  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
  const documented = new Set(section.split("\n").filter((l) => l.startsWith("| `")).flatMap((l) => [...l.split("|")[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!)));

  it("finds the variables it expects to find (the scan works)", () => {
    expect([...read.keys()]).toEqual(expect.arrayContaining(["DATABASE_URL", "PORT", "TRUST_PROXY_HOPS", "INFRA_TIME_SCALE"]));
  });

  test.each([...read.entries()].sort())("%s (read in %s) has a row", (name) => {
    expect(documented).toContain(name);
  });
});

describe("parseEnv: alert e-mail", () => {
  it("reads SMTP_URL and ALERT_MAIL_FROM, and names the variable of a bad value", () => {
    expect(parseEnv({ SMTP_URL: "smtp://user:pw@mail.example.com:587", ALERT_MAIL_FROM: "Console <alerts@example.com>" })).toMatchObject({ ok: true, env: { SMTP_URL: "smtp://user:pw@mail.example.com:587" } });
    expect(parseEnv({ SMTP_URL: "mail.example.com:25" })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^SMTP_URL must be an SMTP URL/)] });
    expect(parseEnv({ ALERT_MAIL_FROM: "not an address" })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^ALERT_MAIL_FROM must be an address/)] });
  });

  it("turns e-mail off without SMTP_URL, and links to the console's public URL", async () => {
    const { alertMailConfig, DEFAULT_ALERT_MAIL_FROM } = await import("./env-mail");
    expect(alertMailConfig({ PORT: 3000 })).toBeNull();
    expect(alertMailConfig({ PORT: 3000, SMTP_URL: "smtp://127.0.0.1:2525" })).toEqual({ smtpUrl: "smtp://127.0.0.1:2525", from: DEFAULT_ALERT_MAIL_FROM, baseUrl: "http://localhost:3000" });
    expect(alertMailConfig({ PORT: 3000, SMTP_URL: "smtps://m.example.com", NEXTAUTH_URL: "https://console.example.com" })?.baseUrl).toBe("https://console.example.com");
  });
});
