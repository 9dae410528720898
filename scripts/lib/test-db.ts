// Databases for the test suites: find a server (DATABASE_URL's, else 127.0.0.1:5432,
// else an embedded one), keep one migrated template per schema version, and clone it
// per test file (CREATE DATABASE … TEMPLATE: ≈ 30 ms instead of ≈ 12 s of migrate).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrationNames, applyMigrations } from "./migrate";
import { startEmbedded, type EmbeddedServer } from "./embedded-pg";
import { withClient as admin, withDatabase } from "./pg";

const root = path.resolve(import.meta.dirname, "../..");

async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The embedded server of the tests; its folder is `.data/test-pg` unless root must put it elsewhere. */
export function startTestEmbedded(
  log: (l: string) => void,
  dataDir = process.env.TEST_EMBEDDED_PG_DIR ?? path.join(root, ".data", "test-pg"),
  port = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339),
): Promise<EmbeddedServer> {
  return startEmbedded({ dataDir, port, database: "postgres", log });
}

export async function resolveTestServer(log: (l: string) => void = () => undefined): Promise<{ adminUrl: string; embedded: EmbeddedServer | null }> {
  if (process.env.TEST_PG_ADMIN_URL) return { adminUrl: process.env.TEST_PG_ADMIN_URL, embedded: null };
  // The path a machine without PostgreSQL takes, on demand, where one answers on 5432.
  if (process.env.TEST_EMBEDDED_PG === "1") {
    log("• TEST_EMBEDDED_PG=1: starting an embedded PostgreSQL for the tests.");
    const embedded = await startTestEmbedded(log);
    return { adminUrl: embedded.url, embedded };
  }
  if (process.env.DATABASE_URL) {
    const adminUrl = withDatabase(process.env.DATABASE_URL, "postgres");
    if (await answers(adminUrl)) return { adminUrl, embedded: null };
    throw new Error(`DATABASE_URL names a server that does not answer (${new URL(adminUrl).host}).`);
  }
  const local = "postgresql://postgres@127.0.0.1:5432/postgres";
  if (await answers(local)) return { adminUrl: local, embedded: null };
  log("• No PostgreSQL on 127.0.0.1:5432; starting an embedded one for the tests.");
  const embedded = await startTestEmbedded(log);
  return { adminUrl: embedded.url, embedded };
}

/** The template's name changes whenever a migration or the catalogue seed changes. */
function templateName(): string {
  const h = createHash("sha256");
  for (const m of migrationNames()) h.update(m).update(readFileSync(path.join(root, "prisma/migrations", m, "migration.sql")));
  for (const f of ["lib/domain/catalogue.ts", "lib/db/factories.ts", "node_modules/pg-boss/package.json"]) h.update(readFileSync(path.join(root, f)));
  return `console_tpl_${h.digest("hex").slice(0, 12)}`;
}

export async function ensureTemplate(adminUrl: string, log: (l: string) => void = () => undefined): Promise<string> {
  const name = templateName();
  const exists = await admin(adminUrl, async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
  if (exists) return name;
  log(`• Preparing the test template database ${name} (migrations + catalogue)…`);
  const building = `${name}_building_${process.pid}`;
  await admin(adminUrl, async (c) => {
    // Other checkouts on this server (a second work tree, CI) may be cloning their own template
    // right now: keep the newest few, drop only the older ones, and never one that is in use.
    const old = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database d WHERE datname ~ '^console_tpl_[0-9a-f]+$'
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
       ORDER BY oid DESC OFFSET 5`,
    );
    for (const r of old.rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}"`).catch(() => undefined);
    await c.query(`CREATE DATABASE "${building}"`);
  });
  const url = withDatabase(adminUrl, building);
  await applyMigrations(url, log);
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const { seedCatalogue } = await import("@/lib/db/factories");
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  await seedCatalogue(client);
  await client.$disconnect();
  // pg-boss's own schema and the activity queue, once, so no test file pays for installing them.
  const { default: PgBoss } = await import("pg-boss");
  const { ACTIVITY_QUEUE, PGBOSS_SCHEMA } = await import("@/lib/jobs/queue-names");
  const boss = new PgBoss({ connectionString: url, schema: PGBOSS_SCHEMA, supervise: false, schedule: false, migrate: true });
  await boss.start();
  await boss.createQueue(ACTIVITY_QUEUE, { name: ACTIVITY_QUEUE, policy: "stately" });
  await boss.stop({ graceful: false, wait: true });
  await admin(adminUrl, (c) => c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`));
  return name;
}

export async function createDatabaseFromTemplate(adminUrl: string, template: string, name: string): Promise<string> {
  await admin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
