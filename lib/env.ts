import { z } from "zod";

// Parsed once; a bad value stops the start with one sentence per mistake.
const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), {
    message: "must be a PostgreSQL connection string such as postgresql://user:password@host:5432/database",
  })
  .refine(
    (v) => {
      try {
        return new URL(v).pathname.length > 1;
      } catch {
        return false;
      }
    },
    { message: "must name a database after the host, e.g. …:5432/console" },
  );

const port = z.coerce
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

export const envSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  PORT: port.default(3000),
  EMBEDDED_PG_PORT: port.default(54329),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters long (try: openssl rand -base64 32)").optional(),
  NEXTAUTH_URL: z.url({ message: "must be the console's public URL, e.g. http://localhost:3000" }).optional(),
  CONSOLE_DATA_DIR: z.string().min(1, "must be a folder path").optional(),
  // Seconds between two collector ticks; 0 stops the simulated telemetry.
  TELEMETRY_TICK_SECONDS: z.coerce.number({ message: "must be a number of seconds" }).int("must be a whole number").min(0, "must be 0 (off) or more").optional(),
  // Rate limits shared by every instance, and the client address behind reverse proxies.
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a Redis URL such as redis://127.0.0.1:6379").optional(),
  TRUST_PROXY_HOPS: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(0, "must be between 0 and 10").max(10, "must be between 0 and 10").default(0),
  // The simulated infrastructure: how long its steps take (1 = as in production, 0 = at once) and
  // which steps fail on purpose ("vm.create:clone_image,vm.encrypt:*"), so failure paths run for real.
  INFRA_TIME_SCALE: z.coerce.number({ message: "must be a number (1 = real durations, 0 = instant)" }).min(0, "must be 0 or more (1 = real durations, 0 = instant)").optional(),
  INFRA_FAULTS: z.string().optional(),
  // server.mjs: how long a stop drains requests and hands activities back before closing the rest.
  STOP_DRAIN_SECONDS: z.coerce.number({ message: "must be a number of seconds" }).min(0, "must be 0 or more").max(60, "must be at most 60").default(10),
  // Alert e-mails: the SMTP server (smtp://user:pass@host:587, smtps:// for TLS) and the sender.
  // Without SMTP_URL no e-mail is queued or sent, and the subscriptions page says so.
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]/, "must be an SMTP URL such as smtp://user:password@mail.example.com:587").optional(),
  ALERT_MAIL_FROM: z.string().regex(/^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/, "must be an address such as alerts@example.com or Console <alerts@example.com>").optional(),
  // Set by Next (production under next start and the build, development under next dev).
  NODE_ENV: z.enum(["development", "production", "test"], { message: "must be development, production or test" }).optional(),
});

export type Env = z.infer<typeof envSchema>;

export type EnvResult = { ok: true; env: Env } | { ok: false; errors: string[] };

let parsedOnce: Env | undefined;

/**
 * The environment of this process, parsed on first use and kept. scripts/start.ts and the worker
 * refuse to start on a bad value before anything runs; here a bad value throws the same sentences
 * (a process started some other way, e.g. `next dev`, stops at its first request).
 */
export function env(): Env {
  if (parsedOnce) return parsedOnce;
  const r = parseEnv(process.env);
  if (!r.ok) throw new Error(`The environment is not valid: ${r.errors.join(" ")}`);
  parsedOnce = r.env;
  return parsedOnce;
}

export function parseEnv(raw: Record<string, string | undefined>): EnvResult {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (parsed.success) return { ok: true, env: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message} (got "${String(cleaned[String(i.path[0])] ?? "")}").`),
  };
}
