// Counts the SQL statements a piece of code sends: the process-wide client is swapped for one
// that reports each query (Prisma's `$on("query")`) while `fn` runs, then put back.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

type Holder = { __consoleDb?: PrismaClient };

let counting: { client: PrismaClient; n: number; sql: string[] } | null = null;

function countingClient() {
  if (counting) return counting;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 4 }), log: [{ emit: "event", level: "query" }] });
  const state = { client, n: 0, sql: [] as string[] };
  client.$on("query", (e) => {
    state.n++;
    state.sql.push(e.query);
  });
  counting = state;
  return state;
}

/** How many statements `fn` sends to the database (and which, for a failing assertion's message). */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number; sql: string[] }> {
  const g = globalThis as Holder;
  const before = g.__consoleDb;
  const c = countingClient();
  c.n = 0;
  c.sql = [];
  g.__consoleDb = c.client;
  try {
    const result = await fn();
    return { result, queries: c.n, sql: [...c.sql] };
  } finally {
    g.__consoleDb = before;
  }
}

export async function stopQueryCounting() {
  await counting?.client.$disconnect();
  counting = null;
}
