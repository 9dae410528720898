import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/db/demo-accounts";
import { formatFindings, watchAccessibility } from "./axe";

export type Role = "owner" | "adminProd" | "operator" | "readOnly";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// React's hydration failures: #418 (text or HTML differs), #423 (the tree was regenerated on the
// client), #425 (text), and the development build's sentences. React recovers from them by
// rendering the tree again in the browser, which throws away what a user already typed or ticked.
const HYDRATION = /Minified React error #(418|423|425)\b|react\.dev\/errors\/(418|423|425)\b|Hydration failed|hydrat(ed|ion) .*(mismatch|didn't match)|did not match\. Server:/i;

/** Every hydration error a page reports (uncaught, or logged by React/Next), with its URL. */
function watchHydration(page: Page): string[] {
  const found: string[] = [];
  page.on("pageerror", (e) => {
    if (HYDRATION.test(`${e.message}\n${e.stack ?? ""}`)) found.push(`${page.url()}: ${e.message}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error" && HYDRATION.test(m.text())) found.push(`${page.url()}: ${m.text()}`);
  });
  return found;
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
    const hydration = watchHydration(page);
    await use(page);
    // A page whose server HTML the browser cannot hydrate fails the test that saw it, whatever it asserted.
    if (hydration.length > 0) throw new Error(`React hydration failed:\n${[...new Set(hydration)].join("\n")}`);
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

/** One statement on the e2e database (set-up or clean-up a spec cannot do through the console). */
export async function sql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

export { expect, signIn, DEMO_PASSWORD, DEMO_USERS };
