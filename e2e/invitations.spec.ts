import { test, expect as baseExpect, sql } from "./fixtures";
import { startMailbox, type ReceivedMail } from "../test/mailbox";

// An admin invites an e-mail; the console mails the link through SMTP_URL to the SMTP server this
// spec runs (playwright.config.ts points the e2e server at E2E_SMTP_PORT); the invited person opens
// it, sets a password and lands in the tenant with the permissions granted. An expired link is refused.
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 25);

let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let received: ReceivedMail[] = [];

test.beforeAll(async () => {
  mailbox = await startMailbox(SMTP_PORT);
  received = mailbox.received;
  baseExpect(mailbox.port).toBe(SMTP_PORT);
});
test.afterAll(() => mailbox.close());

/** The link of the last invitation mailed to `email`, once it arrived. */
async function linkMailedTo(email: string): Promise<string> {
  await baseExpect.poll(() => received.some((m) => m.to.includes(email)), { timeout: 15_000 }).toBe(true);
  const raw = received.filter((m) => m.to.includes(email)).at(-1)!.raw.replace(/=\r?\n/g, "");
  return raw.match(/https?:\/\/[^\s]+\/invitations\/[A-Za-z0-9_-]+/)![0];
}

async function invite(page: import("@playwright/test").Page, email: string) {
  await page.goto("/t/production/iam");
  const section = page.getByRole("region", { name: "Invitations" });
  await section.getByLabel("E-mail to invite").fill(email);
  await section.getByRole("checkbox", { name: "compute:read", exact: true }).check();
  await section.getByRole("button", { name: "Send the invitation" }).click();
  await expect(section.getByRole("row").filter({ hasText: email })).toContainText("Pending");
}

test("an admin invites an e-mail; the mailed link lets the person set a password and land in the tenant with the permissions granted", async ({ page, loginAs, browser }) => {
  const email = `invited-${Date.now()}@example.test`;
  await loginAs("adminProd");
  await invite(page, email);
  const link = await linkMailedTo(email);

  // The invited person, in another browser (no session, none of the admin's cookies).
  const theirs = await browser.newContext({ baseURL: new URL(page.url()).origin, extraHTTPHeaders: { "Accept-Language": "en" } });
  try {
    const tab = await theirs.newPage();
    await tab.goto(link);
    await expect(tab.getByRole("heading", { name: "Join Production" })).toBeVisible();
    await tab.getByLabel("Your name").fill("Invited Person");
    await tab.getByLabel("Choose a password").fill("a-long-password-1");
    await tab.getByRole("button", { name: "Accept and sign in" }).click();
    await tab.waitForURL(/\/t\/production(\/|$)/);

    // compute:read: the VM list opens; IAM does not (not granted).
    await tab.goto("/t/production/compute/vms");
    await expect(tab.getByRole("heading", { level: 1, name: "Virtual machines" })).toBeVisible();
    await tab.goto("/t/production/iam");
    await expect(tab.getByText("You cannot see this section")).toBeVisible();

    // The link worked once.
    await tab.goto(link);
    await expect(tab.getByTestId("invitation-refused")).toContainText("INVITE.USED");
  } finally {
    await theirs.close();
  }

  // The admin sees it accepted.
  await page.reload();
  await expect(page.getByRole("region", { name: "Invitations" }).getByRole("row").filter({ hasText: email })).toContainText("Accepted");
});

test("an expired link is refused and says what to do", async ({ page, loginAs }) => {
  const email = `late-${Date.now()}@example.test`;
  await loginAs("adminProd");
  await invite(page, email);
  const link = await linkMailedTo(email);
  await sql(`UPDATE "Invitation" SET "expiresAt" = now() - interval '1 hour' WHERE email = $1`, [email]);
  await page.context().clearCookies();
  await page.goto(link);
  const refused = page.getByTestId("invitation-refused");
  await expect(refused).toContainText("INVITE.EXPIRED");
  await expect(refused).toContainText("Ask an administrator to send it again");
  await expect(page.getByRole("button", { name: "Accept and sign in" })).toHaveCount(0);
});
