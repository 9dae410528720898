import { test, expect } from "./fixtures";

// The demo's Recette VMs are named rec-<role>-<nnn>; Production's pro-…

test("the owner finds a VM of another tenant from the palette and opens it", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/production/overview");
  await page.keyboard.press("Control+K");
  const palette = page.getByRole("dialog", { name: "Search everywhere" });
  await expect(palette).toBeVisible();
  await palette.getByRole("combobox").fill("rec-");
  const vms = palette.getByRole("group", { name: "Virtual machines" });
  const first = vms.getByRole("option").first();
  await expect(first).toContainText("Tenant: Recette");
  const name = (await first.locator("span.font-medium").textContent())!;
  expect(name).toMatch(/^rec-/);
  // The first hit is selected: Enter opens it.
  await expect(first).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/t\/recette\/compute\/vms\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(palette).toBeHidden();
});

test("a tenant admin of Production alone does not find Recette's VMs; Escape closes the palette", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/overview");
  await page.getByRole("button", { name: "Search" }).click();
  const palette = page.getByRole("dialog", { name: "Search everywhere" });
  await palette.getByRole("combobox").fill("rec-");
  await expect(palette.getByText("Nothing found for “rec-”.")).toBeVisible();
  await expect(palette.getByRole("option")).toHaveCount(0);
  // Its own VMs, though, it finds.
  await palette.getByRole("combobox").fill("pro-");
  await expect(palette.getByRole("group", { name: "Virtual machines" }).getByRole("option").first()).toContainText("Tenant: Production");
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  // Ctrl-K toggles it, from inside as well.
  await page.keyboard.press("Control+K");
  await expect(palette.getByRole("combobox")).toBeFocused();
  await page.keyboard.press("Control+K");
  await expect(palette).toBeHidden();
});

// Left open with its groups of hits: the fixture's accessibility scan judges the palette itself.
test("arrows move through the hits, and the open palette passes the accessibility scan", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/analytics/overview");
  await page.getByRole("button", { name: "Search" }).click();
  const palette = page.getByRole("dialog", { name: "Search everywhere" });
  await palette.getByRole("combobox").fill("rec-");
  const options = palette.getByRole("option");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(options.first()).not.toHaveAttribute("aria-selected", "true");
  await expect(palette.getByRole("group", { name: "Compute pools" }).getByRole("option").first()).toContainText("Tenant: Recette");
});

// Left open on a search that finds nothing: the empty state is scanned too.
test("a search that finds nothing says so", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/overview");
  await page.keyboard.press("Control+K");
  const palette = page.getByRole("dialog", { name: "Search everywhere" });
  await palette.getByRole("combobox").fill("r");
  await expect(palette.getByText("Type at least 2 characters to search every tenant you can open.")).toBeVisible();
  await palette.getByRole("combobox").fill("rec-");
  await expect(palette.getByText("Nothing found for “rec-”.")).toBeVisible();
});

test("? lists the keyboard shortcuts; G then V opens the VM list, and keys typed in a field stay there", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/overview");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  // The keys are heard once the page has hydrated: a "?" pressed before that is pressed again (a
  // second "?" leaves the list open).
  await expect(async () => {
    await page.keyboard.press("?");
    await expect(help).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(help.getByRole("row").filter({ hasText: "G then V" })).toContainText("Go to Virtual machines");
  await expect(help.getByRole("row").filter({ hasText: "Ctrl K" })).toContainText("Search everywhere");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await page.keyboard.press("g");
  await page.keyboard.press("v");
  await expect(page).toHaveURL(/\/t\/production\/compute\/vms$/);
  // In the name filter, "g" and "a" are letters of the name, not a trip to the activities.
  const filter = page.getByRole("searchbox").first();
  await filter.click();
  await page.keyboard.type("ga");
  await expect(filter).toHaveValue("ga");
  await expect(page).toHaveURL(/\/compute\/vms/);
});
