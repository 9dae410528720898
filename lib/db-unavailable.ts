// Whether an error means "the database cannot be reached right now" (a restart, a network cut, a
// server refusing connections while it starts), as opposed to a bug or a refused query. Such an
// error is the caller's cue to try again shortly: every entry point answers it with 503 and
// Retry-After instead of 500, and nothing keeps it (the next request reconnects by itself).
// Pure: no Prisma import, so the API, the actions, the sign-in, the jobs and tests share it.

/** Seconds a client is asked to wait before trying again while the database is away. */
export const DB_RETRY_AFTER_SECONDS = 5;

/** The sign-in's error word (in `/signin?error=…`) while the database is away: never the driver's text. */
export const DATABASE_UNAVAILABLE = "DatabaseUnavailable";

// Prisma's connection errors: can't reach the server, timed out, server closed the connection,
// too many connections, the pool timed out waiting for a connection.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1011", "P1017", "P2024", "P2037"]);
// Node's socket errors.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// PostgreSQL's SQLSTATEs for a server going away or not yet accepting: class 08 (connection
// exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now), 53300 (too many connections).
const PG_STATES = /^(08\d{3}|57P0[123]|53300)$/;
// What pg and the driver adapter say when the socket dies without a code.
const MESSAGES = /Connection terminated|connection (was )?closed|Can't reach database server|the database system is (starting up|shutting down)|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection due to administrator command/i;

function codesOf(e: object): unknown[] {
  const r = e as { code?: unknown; errorCode?: unknown; kind?: unknown; originalCode?: unknown };
  return [r.code, r.errorCode, r.kind, r.originalCode];
}

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  for (const c of codesOf(err)) {
    if (typeof c !== "string") continue;
    if (PRISMA_CODES.has(c) || SOCKET_CODES.has(c) || PG_STATES.test(c)) return true;
    // @prisma/driver-adapter-utils' kinds for the same situations.
    if (c === "DatabaseNotReachable" || c === "ConnectionClosed" || c === "SocketTimeout" || c === "TooManyConnections") return true;
  }
  const message = (err as { message?: unknown }).message;
  if (typeof message === "string" && MESSAGES.test(message)) return true;
  // An AggregateError (pg's dual-stack connect) or a wrapped cause.
  const inner = [(err as { cause?: unknown }).cause, ...((err as { errors?: unknown }).errors instanceof Array ? ((err as { errors: unknown[] }).errors) : [])];
  return inner.some((i) => isDatabaseUnavailable(i, depth + 1));
}
