import { defineConfig } from "@playwright/test";

// Debian's Chromium (npx playwright install cannot download here), against the
// production build served by `next start`. scripts/test.ts prepares the database and
// passes it in E2E_DATABASE_URL.
const port = Number(process.env.E2E_PORT ?? 3100);
// The SMTP server e2e/invitations.spec.ts runs while it needs one; nothing listens there otherwise.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 25);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // scripts/test.ts runs shards side by side: each names its own report and artefacts folder.
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? "test-results/e2e.json" }]],
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results/e2e",
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Under `npm run test:clocks` every process runs on a shifted clock (libfaketime), but Chromium
      // stalls under it: the browser gets the same shift from Playwright's clock (e2e/fixtures.ts).
      env: Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== "LD_PRELOAD" && e[0] !== "FAKETIME")),
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // The console's own server (server.mjs), as `npm start` serves it: the client address from the socket.
    command: `node server.mjs`,
    url: `http://localhost:${port}/signin`,
    timeout: 60_000,
    reuseExistingServer: false,
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      PORT: String(port),
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123",
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ALERT_MAIL_FROM: "Console <console@e2e.test>",
      // Activities take a fifth of their demo duration: visible progress, short tests.
      INFRA_TIME_SCALE: process.env.INFRA_TIME_SCALE ?? "0.2",
    },
  },
});
