import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/db/demo-accounts";
import { formatFindings, watchAccessibility } from "./axe";

export type Role = "owner" | "adminProd" | "operator" | "readOnly";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

type Options = {
  /**
   * The accessibility scan of every page the test visits (see ./axe.ts). A test that must
   * show something axe cannot judge turns it off, or excludes selectors, and says why:
   * `test.use({ axe: { exclude: ["#chart"] } })`.
   */
  axe: { enabled?: boolean; exclude?: string[] };
};

export const test = base.extend<{ loginAs: (role: Role) => Promise<void> } & Options>({
  axe: [{ enabled: true, exclude: [] }, { option: true }],
  loginAs: async ({ page }, use) => {
    await use(async (role) => {
      await signIn(page, DEMO_USERS[role], DEMO_PASSWORD);
      await page.waitForURL(/\/t\/[^/]+\//);
    });
  },
  page: async ({ page, context, axe }, use, testInfo) => {
    // Every test starts in English whatever the machine's language.
    await page.context().setExtraHTTPHeaders({ "Accept-Language": "en" });
    // `npm run test:clocks`: this process and the server run on a shifted clock; the browser takes
    // the same time (and keeps ticking from it), so pages and tests agree on the day.
    if (process.env.FAKETIME) await context.clock.install({ time: Date.now() });
    const watcher = axe.enabled === false ? null : watchAccessibility(page, context, { exclude: axe.exclude });
    await use(page);
    if (!watcher) return;
    // A test that failed already says why; its scans would only add noise and time.
    if (testInfo.status !== "passed") return;
    // The scan has its own budget (about a second a page, more on a busy machine), so that it
    // never eats the time the test's own steps were given.
    testInfo.setTimeout(testInfo.timeout + 60_000);
    const findings = await watcher.finish();
    await testInfo.attach("axe-scanned-urls", { body: [...watcher.scanned].join("\n"), contentType: "text/plain" });
    if (findings.length > 0) {
      await testInfo.attach("axe-violations", { body: JSON.stringify(findings, null, 2), contentType: "application/json" });
      throw new Error(formatFindings(findings));
    }
  },
});

export { expect, signIn, DEMO_PASSWORD, DEMO_USERS };
