import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/db/demo-accounts";

export type Role = "owner" | "adminProd" | "operator" | "readOnly";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base.extend<{ loginAs: (role: Role) => Promise<void> }>({
  loginAs: async ({ page }, use) => {
    await use(async (role) => {
      await signIn(page, DEMO_USERS[role], DEMO_PASSWORD);
      await page.waitForURL(/\/t\/[^/]+\//);
    });
  },
  // Every test starts in English whatever the machine's language.
  page: async ({ page }, use) => {
    await page.context().setExtraHTTPHeaders({ "Accept-Language": "en" });
    await use(page);
  },
});

export { expect, signIn, DEMO_PASSWORD, DEMO_USERS };
