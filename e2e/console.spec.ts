import { test, expect, signIn, DEMO_USERS } from "./fixtures";

test("the tenant admin signs in and sees the tenant's VMs, 25 a page", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.getByRole("link", { name: "Virtual machines" }).click();
  await expect(page).toHaveURL(/\/t\/production\/compute\/vms$/);
  const table = page.getByRole("table", { name: "Virtual machines" });
  await expect(table.getByRole("row")).toHaveCount(26); // header + 25
  await expect(page.getByText("Showing 1–25 of 72")).toBeVisible();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Showing 26–50 of 72")).toBeVisible();
});

test("filters by name and state live in the URL, so a link reproduces the view", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/compute/vms");
  await page.getByLabel("Filter by name").fill("db");
  await page.getByRole("combobox", { name: "State" }).selectOption("POWERED_ON");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=db/);
  await expect(page).toHaveURL(/state=POWERED_ON/);
  const rows = page.getByRole("table", { name: "Virtual machines" }).getByRole("row");
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 1; i < count; i++) {
    await expect(rows.nth(i).getByRole("cell").first()).toContainText("db");
    await expect(rows.nth(i)).toContainText("Powered on");
  }
  const url = page.url();
  await page.goto("/t/production/overview");
  await page.goto(url);
  await expect(page.getByLabel("Filter by name")).toHaveValue("db");
  await expect(rows).toHaveCount(count);

  await page.getByLabel("Filter by name").fill("no-such-vm");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No virtual machine matches these filters.")).toBeVisible();
});

test("sorting by memory orders the rows, largest first on the second click", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/compute/vms?sort=memoryGb&dir=desc");
  const memory = page.getByRole("table", { name: "Virtual machines" }).getByRole("row").nth(1).getByRole("cell").nth(4);
  await expect(memory).toHaveText("64");
});

test("the owner switches tenant and stays in the same section", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/production/compute/vms");
  const switcher = page.getByRole("combobox", { name: "Tenant" });
  await expect(switcher).toHaveValue("production");
  await switcher.selectOption({ label: "Recette" });
  await expect(page).toHaveURL(/\/t\/recette\/compute\/vms$/);
  await expect(page.getByText(/Showing 1–25 of 48/)).toBeVisible();
});

test("a tenant the user is not a member of is not found", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  const response = await page.goto("/t/analytics/compute/vms");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Tenant" })).toHaveCount(0);
});

test("sign out ends the session", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/t/production/compute/vms");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password gets one clear message that does not tell whether the account exists", async ({ page }) => {
  await signIn(page, DEMO_USERS.adminProd, "wrong-password");
  await expect(page.getByTestId("signin-error")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, "nobody@demo.test", "wrong-password");
  await expect(page.getByTestId("signin-error")).toHaveText("Email or password is incorrect.");
});

test("the console speaks French and keeps the choice", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.getByRole("button", { name: "fr" }).click();
  await expect(page.getByRole("link", { name: "Machines virtuelles" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "Machines virtuelles" })).toBeVisible();
  await page.getByRole("button", { name: "en" }).click();
  await expect(page.getByRole("link", { name: "Virtual machines" })).toBeVisible();
});

test("sections not built yet say so plainly", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.getByRole("link", { name: "Orders" }).click();
  await expect(page.getByText("Orders is not available yet")).toBeVisible();
});
