// Prisma CLI configuration: the WebAssembly schema engine through the pg driver adapter,
// so no native engine is ever downloaded (Prisma 6.19.3, see ../shared/STACK.md).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { withClient, withDatabase } from "./scripts/lib/pg";
import { splitSql } from "./scripts/lib/sql-split";

const url = process.env.DATABASE_URL;

// @prisma/adapter-pg 6.19.3 cannot deserialise the catalogue's `name`/`char` columns
// (prisma/orm#27403) during migrate: report them to the schema engine as text.
const AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };
type Fielded = { fields?: { dataTypeID: number }[] };
function retype<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of (r as Fielded)?.fields ?? []) f.dataTypeID = AS_TEXT[f.dataTypeID] ?? f.dataTypeID;
  }
  return result;
}
class CatalogueSafePool extends pg.Pool {
  query(...args: any[]): any {
      const out = (super.query as any)(...args);
    return out && typeof out.then === "function" ? out.then(retype) : out;
  }
}

// The adapter runs a migration as `script.split(";")`, which cuts a CREATE FUNCTION's body apart:
// run each whole statement instead (the same statements as before for a script without one).
type Scripted = { executeScript(script: string): Promise<void>; executeRaw(q: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<number> };
function wholeStatements<T>(adapter: T): T {
  const a = adapter as unknown as Scripted;
  const split = a.executeScript.bind(a);
  a.executeScript = async (script: string) => {
    for (const stmt of splitSql(script)) {
      if (stmt.includes(";")) await a.executeRaw({ sql: stmt, args: [], argTypes: [] });
      else await split(stmt);
    }
  };
  return adapter;
}

// The adapter drops its shadow database before closing the pool that uses it
// ("being accessed by other users"): create and drop it ourselves, pool first.
class MigratePg extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super(new CatalogueSafePool({ connectionString, allowExitOnIdle: true }));
  }
  override async connect() {
    return wholeStatements(await super.connect());
  }
  override async connectToShadowDb() {
    const name = `prisma_shadow_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
    await withClient(this.connectionString, (c) => c.query(`CREATE DATABASE "${name}"`));
    const shadow = new PrismaPg(new CatalogueSafePool({ connectionString: withDatabase(this.connectionString, name), allowExitOnIdle: true }));
    const adapter = wholeStatements(await shadow.connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await adapter.underlyingDriver().end().catch(() => undefined);
      await withClient(this.connectionString, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    if (!url) throw new Error("DATABASE_URL is not set: the Prisma CLI needs the server to migrate (npm start sets it for you).");
    return new MigratePg(url);
  },
});
