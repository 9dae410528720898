// Applies pending migrations with the Prisma CLI, skipping its ≈ 11 s start-up when the
// database already records every migration folder.
import { readdirSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { withClient } from "./pg";

const root = path.resolve(import.meta.dirname, "../..");

export function migrationNames(): string[] {
  const dir = path.join(root, "prisma/migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

export async function pendingMigrations(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0]?.t) return migrationNames();
    const applied = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(applied.rows.map((r) => r.migration_name));
    return migrationNames().filter((m) => !done.has(m));
  });
}

export async function applyMigrations(url: string, log: (line: string) => void): Promise<number> {
  const pending = await pendingMigrations(url);
  if (pending.length === 0) return 0;
  log(`• Applying ${pending.length} migration(s): ${pending.join(", ")}`);
  const r = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`prisma migrate deploy failed:\n${r.stdout}\n${r.stderr}`);
  return pending.length;
}
