import "server-only";
import pg from "pg";
import { ADDRESS_REFUSAL_AUDIT_SECONDS, API_RATE_LIMIT_AUTH, API_RATE_LIMIT_PER_CLIENT } from "@/lib/domain/catalogue";
import { isDatabaseUnavailable } from "@/lib/db-unavailable";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

// Rate limits shared by every instance of the app: the counters live in PostgreSQL (the
// console's own database), or in Redis when REDIS_URL is set, so two instances behind a proxy do
// not double a limit. Fixed windows of one second (rate-limiter-flexible's model). If the store
// cannot be reached, each instance falls back to its own memory rather than refusing everyone.

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };
export type Limiter = { consume(key: string): Promise<Verdict> };

export const LIMITS = {
  /** DOMAIN.md: 25 requests a second per client (token) on the API. */
  api: { points: API_RATE_LIMIT_PER_CLIENT, duration: 1 },
  /** DOMAIN.md: 5 a second on authentication, per address and per account. */
  signInAddress: { points: API_RATE_LIMIT_AUTH, duration: 1 },
  signInAccount: { points: API_RATE_LIMIT_AUTH, duration: 1 },
  /** Not a refusal: how often a refusal by address is audited, per tenant and address (lib/auth/authorize.ts). */
  addressRefusalAudit: { points: 1, duration: ADDRESS_REFUSAL_AUDIT_SECONDS },
} as const;
export type LimitName = keyof typeof LIMITS;

/** The table rate-limiter-flexible keeps its counters in (it creates it when missing). */
export const RATE_LIMIT_TABLE = "rate_limiter_flexible";

type Store = { kind: "postgres"; pool: pg.Pool } | { kind: "redis"; client: import("ioredis").Redis } | { kind: "memory" };

async function openStore(env: Record<string, string | undefined>): Promise<Store> {
  if (env.REDIS_URL) {
    const { Redis } = await import("ioredis");
    return { kind: "redis", client: new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) };
  }
  if (env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4, allowExitOnIdle: true });
    // An idle connection dropped by the server (a restart) must not crash the process: the next query reconnects.
    pool.on("error", (e) => console.warn(`[rate-limit] idle connection lost: ${e.message}`));
    return { kind: "postgres", pool };
  }
  return { kind: "memory" };
}

/** The instance's own counters of a limit: the store's insurance, and what counts while the store is away. */
const memoryLimiter = (name: LimitName) => new RateLimiterMemory({ ...LIMITS[name], keyPrefix: `rl:${name}` });

async function limiterOn(store: Store, name: LimitName, insuranceLimiter: RateLimiterMemory): Promise<RateLimiterAbstract> {
  const { points, duration } = LIMITS[name];
  const keyPrefix = `rl:${name}`;
  if (store.kind === "redis") return new RateLimiterRedis({ storeClient: store.client, points, duration, keyPrefix, insuranceLimiter });
  if (store.kind === "memory") return insuranceLimiter;
  const make = () =>
    new Promise<RateLimiterAbstract>((resolve, reject) => {
      const l: RateLimiterPostgres = new RateLimiterPostgres(
        { storeClient: store.pool, storeType: "pool", tableName: RATE_LIMIT_TABLE, points, duration, keyPrefix, insuranceLimiter, clearExpiredByTimeout: true },
        (err?: unknown) => (err ? reject(err) : resolve(l)),
      );
    });
  // Two instances starting together race to create the table: the loser's CREATE fails (a unique
  // violation in the catalogue) and would count in its own memory, unshared. A second try finds the
  // table. A database that is away is not a race: no second try then.
  return make().catch((e: unknown) => {
    if (isDatabaseUnavailable(e)) throw e;
    return make();
  });
}

/** A set of limiters on one store. Tests make two of these on one database: two instances of the app. */
export function createLimiters(env: Record<string, string | undefined> = process.env) {
  const store = openStore(env);
  const made = new Map<LimitName, Promise<RateLimiterAbstract>>();
  // While the store cannot be reached (its table cannot be created), this instance counts in its
  // own memory; the failed creation is forgotten, so the next request tries the store again and
  // the shared counters come back with the database, without a restart.
  const memory = new Map<LimitName, RateLimiterMemory>();
  const memoryOf = (name: LimitName) => memory.get(name) ?? memory.set(name, memoryLimiter(name)).get(name)!;
  const get = async (name: LimitName): Promise<RateLimiterAbstract> => {
    let p = made.get(name);
    if (!p) {
      p = store.then((s) => limiterOn(s, name, memoryOf(name)));
      made.set(name, p);
      p.catch(() => made.get(name) === p && made.delete(name));
    }
    try {
      return await p;
    } catch (e) {
      console.warn(`[rate-limit] store unavailable, counting in memory: ${e instanceof Error ? e.message : String(e)}`);
      return memoryOf(name);
    }
  };
  return {
    limiter(name: LimitName): Limiter {
      return {
        async consume(key) {
          try {
            await (await get(name)).consume(key);
            return { ok: true };
          } catch (e) {
            if (e instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
            throw e;
          }
        },
      };
    },
    async close() {
      const s = await store;
      if (s.kind === "postgres") await s.pool.end();
      if (s.kind === "redis") s.client.disconnect();
    },
  };
}

const g = globalThis as unknown as { __consoleLimiters?: ReturnType<typeof createLimiters> };

/** The process's limiters, made on first use (never at import: `next build` has no database). */
export function limiter(name: LimitName): Limiter {
  g.__consoleLimiters ??= createLimiters();
  return g.__consoleLimiters.limiter(name);
}
