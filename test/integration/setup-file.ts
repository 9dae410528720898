// Each integration test file gets its own fresh database, cloned from the migrated template.
import { inject, afterAll, vi } from "vitest";
import { createDatabaseFromTemplate, dropDatabase } from "../../scripts/lib/test-db";

const name = `console_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const adminUrl = inject("pgAdminUrl");
process.env.DATABASE_URL = await createDatabaseFromTemplate(adminUrl, inject("pgTemplate"), name);
// The simulated infrastructure answers at once in tests.
process.env.INFRA_TIME_SCALE = "0";

afterAll(async () => {
  const { stopJobs } = await import("@/lib/jobs/queue");
  await stopJobs();
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

// Outside a Next request there is no next-intl request config: actions speak English here.
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const { loadMessages } = await import("../../i18n/messages");
  const messages = await loadMessages("en");
  return {
    getLocale: async () => "en",
    getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages, namespace: namespace as never }),
  };
});

// Outside a Next request there are no request headers: the session's client address comes from
// fromAddress() in ./session (X-Forwarded-For, as server.mjs leaves it), none by default.
vi.mock("next/headers", async (importOriginal) => {
  const mod = await importOriginal<typeof import("next/headers")>();
  return {
    ...mod,
    headers: async () => {
      const address = (globalThis as { __testClientAddress?: string | null }).__testClientAddress;
      return new Headers(address ? { "x-forwarded-for": address } : {});
    },
  };
});
