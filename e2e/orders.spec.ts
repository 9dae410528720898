import { test, expect as baseExpect } from "./fixtures";

// Orders: a tenant admin orders, an owner of the organization approves, the provider
// (simulated, INFRA_TIME_SCALE=0.2) delivers.

// Long flows (several pages, activities to wait for) on a machine shared with other work: a
// budget for the whole flow, and patience for each page.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

test("a datastore order shows its IOPS and price before Submit; the owner approves it and it appears with its IOPS", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/orders");
  await page.getByRole("link", { name: "New order" }).click();
  await page.getByRole("link", { name: "New datastore" }).click();
  await page.getByLabel("Availability zone").selectOption("PAR7S");
  await page.getByLabel("Tier").selectOption("STANDARD");
  const size = page.getByLabel("Size (GiB)");
  const verdict = page.getByTestId("order-verdict");
  const figures = page.getByTestId("order-figures");

  // The rule and its numbers, before anything is sent.
  await size.fill("400");
  await expect(verdict).toContainText("DATASTORE.MIN_SIZE");
  await expect(verdict).toContainText("A datastore is at least 500 GiB; 400 GiB was asked.");
  await expect(page.getByRole("button", { name: "Submit order" })).toBeEnabled();

  // An order holds 2 to 10 datastores: 11 is refused with its rule.
  const count = page.getByLabel("Number of datastores");
  await expect(count).toHaveValue("2");
  await count.fill("11");
  await expect(verdict).toContainText("ORDER.DATASTORE_COUNT");
  await count.fill("2");

  // 512 GiB of FLASH Standard: 1500 IOPS per TB × 512 ÷ 1024 = 750 IOPS; 2 × 512 × €0.09 a month.
  await size.fill("512");
  await expect(figures).toContainText("750 IOPS");
  await expect(figures).toContainText("€92.16 / month");
  await expect(verdict).toContainText("No rule refuses this order.");
  await page.getByRole("button", { name: "Submit order" }).click();
  await expect(page).toHaveURL(/\/t\/production\/orders\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: "2 × 512 GiB FLASH Standard · PAR7S" })).toBeVisible();
  const orderUrl = page.url();
  await expect(page.getByRole("region", { name: "Status history" })).toContainText("Submitted");

  // A second datastore order is refused while this one is open, with a link to it.
  await page.goto("/t/production/orders/new?kind=datastore");
  await expect(page.getByTestId("order-verdict")).toContainText("ORDER.ALREADY_OPEN");
  await expect(page.getByRole("link", { name: "See the open order" })).toHaveAttribute("href", new URL(orderUrl).pathname);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await loginAs("owner");
  await page.goto("/t/production/orders/review");
  const row = page.getByRole("row", { name: /2 × 512 GiB FLASH Standard · PAR7S/ });
  await expect(row).toContainText("Production");
  await row.getByRole("button", { name: "Approve 2 × 512 GiB FLASH Standard · PAR7S" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this order?" });
  await dialog.getByRole("button", { name: "Approve and deliver" }).click();
  await expect(page.getByText("The datastore 2 × 512 GiB FLASH Standard · PAR7S is delivered.")).toBeVisible({ timeout: 45_000 });

  await page.goto(orderUrl);
  await expect(page.getByText("Delivered").first()).toBeVisible();
  const history = page.getByRole("region", { name: "Status history" });
  await expect(history).toContainText("Approved; delivery started");
  await expect(history).toContainText("by owner@demo.test");
  await page.getByRole("region", { name: "What was ordered" }).getByRole("link", { name: "ds-pro-standard-01" }).click();
  await expect(page).toHaveURL(/\/t\/production\/storage\/[a-z0-9]+$/);
  await expect(page.getByTestId("datastore-iops")).toContainText("750 IOPS");

  await page.goto("/t/production/storage");
  const stored = page.getByRole("row", { name: /ds-pro-standard-01/ });
  await expect(stored).toContainText("512 GiB");
  await expect(stored).toContainText("750");
});

test("a tenant admin who is not an owner reads who reviews orders instead of the review queue", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/orders/review");
  await expect(page.getByRole("heading", { name: "For owners of the organization" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});
