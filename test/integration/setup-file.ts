// Each integration test file gets its own fresh database, cloned from the migrated template.
import { inject, afterAll, vi } from "vitest";
import { createDatabaseFromTemplate, dropDatabase } from "../../scripts/lib/test-db";

const name = `console_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const adminUrl = inject("pgAdminUrl");
process.env.DATABASE_URL = await createDatabaseFromTemplate(adminUrl, inject("pgTemplate"), name);

afterAll(async () => {
  const g = globalThis as unknown as { __consoleDb?: { $disconnect(): Promise<void> } };
  await g.__consoleDb?.$disconnect();
  delete g.__consoleDb;
  await dropDatabase(adminUrl, name);
});

// Server actions read the session through next-auth's getServerSession: tests choose who
// is signed in with signInAs() from ./session.
vi.mock("next-auth", async (importOriginal) => {
  const mod = await importOriginal<typeof import("next-auth")>();
  return {
    ...mod,
    getServerSession: async () => {
      const user = (globalThis as { __testSessionUser?: { id: string; email: string; name: string } | null }).__testSessionUser;
      return user ? { user, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
    },
  };
});
