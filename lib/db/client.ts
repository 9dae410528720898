import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type Db = PrismaClient;
/** A transaction client, accepted by every lib/db function as its optional last argument. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function create(): PrismaClient {
  const connectionString = env().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set; start the console with `npm start`.");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

const globalForDb = globalThis as unknown as { __consoleDb?: PrismaClient };

/** The process-wide client, created on first use (never at import, so `next build` needs no database). */
export function db(): PrismaClient {
  globalForDb.__consoleDb ??= create();
  return globalForDb.__consoleDb;
}
