import { test, expect as baseExpect, sql } from "./fixtures";

// The operators' capacity table across tenants on the demo data: every pool of the tenants the
// demo operator may read, sorted by consumed share, a row opening its pool dashboard with the range
// kept; the dashboards' "Updated at" and its pause; the page on a laptop and on a phone.

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const TABLE = "Pools of every tenant you may read";

/** The consumed shares in the table's order (pools without telemetry carry none). */
const consumed = (page: import("@playwright/test").Page) => page.getByRole("table", { name: TABLE }).getByTestId("capacity-consumed").evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-value"))));

test("an operator sorts every pool of its tenants by consumed share and follows one to its dashboard", async ({ page, loginAs }) => {
  await loginAs("operator");
  await page.goto("/t/production/dashboards?range=7d");
  await page.getByRole("navigation", { name: "Dashboards" }).getByRole("link", { name: "Capacity", exact: true }).click();
  await expect(page).toHaveURL(/\/t\/production\/dashboards\/capacity$/);
  await expect(page.getByRole("heading", { name: "Capacity across tenants" })).toBeVisible();
  const table = page.getByRole("table", { name: TABLE });

  // One row per pool of the three demo tenants, whichever tenant the page is opened in.
  const { rows } = await sql(`SELECT count(*)::int AS n FROM "ComputePool" p JOIN "Tenant" t ON t.id = p."tenantId" WHERE t.slug IN ('production', 'recette', 'analytics')`);
  const pools = rows[0].n as number;
  await expect(table.getByRole("rowheader")).toHaveCount(pools);
  await expect(page.getByText(`${pools} pools in 3 tenants you may read`)).toBeVisible();
  for (const tenant of ["Analytics", "Production", "Recette"]) await expect(table.getByRole("cell", { name: tenant, exact: true }).first()).toBeVisible();

  // By tenant, then by consumed share: largest first on the first click, smallest on the second.
  await table.getByRole("link", { name: "Tenant", exact: true }).click();
  await expect(page).toHaveURL(/sort=tenant/);
  // (the most consumed first is the table's default order: its URL says no more than the range)
  await table.getByRole("link", { name: "Consumed", exact: true }).click();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(table.getByRole("columnheader", { name: "Consumed", exact: true })).toHaveAttribute("aria-sort", "descending");
  const desc = await consumed(page);
  expect(desc.length).toBeGreaterThan(1);
  expect(desc).toEqual([...desc].sort((a, b) => b - a));
  await table.getByRole("link", { name: "Consumed", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Consumed", exact: true })).toHaveAttribute("aria-sort", "ascending");
  const asc = await consumed(page);
  expect(asc).toEqual([...desc].reverse());

  // The range applies to the time above the line and is kept with the order.
  await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page).toHaveURL(/dir=asc/);
  await expect(table.getByRole("columnheader", { name: "Consumed", exact: true })).toHaveAttribute("aria-sort", "ascending");

  // The most consumed pool's row opens its dashboard, range kept.
  await table.getByRole("link", { name: "Consumed", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Consumed", exact: true })).toHaveAttribute("aria-sort", "descending");
  const first = table.getByRole("rowheader").first().getByRole("link");
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/t\/[a-z]+\/dashboards\/pools\/[^/?]+\?range=7d$/);
  await expect(page.getByRole("heading", { name: `Pool dashboard — ${name}` })).toBeVisible();

  // "Updated at", with a timezone, and a pause that the next dashboard remembers.
  const status = page.getByTestId("auto-refresh").getByRole("status");
  await expect(status).toHaveText(/^Updated at \d\d:\d\d:\d\d \(.+\)$/);
  await page.getByRole("button", { name: "Pause auto-refresh" }).click();
  await expect(page.getByRole("button", { name: "Resume auto-refresh" })).toHaveAttribute("aria-pressed", "true");
  await expect(status).toContainText("auto-refresh paused");
  await page.goto("/t/production/dashboards/capacity");
  await expect(page.getByRole("button", { name: "Resume auto-refresh" })).toBeVisible();
  const before = await status.textContent();
  // A second later, so that the new render's time differs from this one's.
  await page.waitForTimeout(1100);
  await page.getByRole("button", { name: "Resume auto-refresh" }).click();
  await expect(page.getByRole("button", { name: "Pause auto-refresh" })).toHaveAttribute("aria-pressed", "false");
  // Resuming reloads the figures at once.
  await expect(status).not.toHaveText(before!);
});

test("the switcher takes a pool dashboard to the capacity table of the other tenant, range kept", async ({ page, loginAs }) => {
  await loginAs("operator");
  await page.goto("/t/production/dashboards/capacity?sort=tenant&dir=asc");
  await page.getByRole("table", { name: TABLE }).getByRole("link", { name: /\(Production\)$/ }).first().click();
  await expect(page).toHaveURL(/\/t\/production\/dashboards\/pools\/[^/?]+\?range=24h$/);
  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await page.getByLabel("Tenant").selectOption({ label: "Recette" });
  await expect(page).toHaveURL(/\/t\/recette\/dashboards\/capacity\?range=7d$/);
  await expect(page.getByRole("heading", { name: "Capacity across tenants" })).toBeVisible();
});

test("the table fits a 1 440 px screen", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs("operator");
  await page.goto("/t/production/dashboards/capacity");
  const region = page.getByRole("region", { name: TABLE });
  await expect(region).toBeVisible();
  expect(await region.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
  for (const column of ["Tenant", "Allocated", "Consumed", "Above the line", "Line reached in", "Alerts"]) await expect(page.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
});

test.describe("on a phone-sized screen", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the table drops its secondary columns and nothing scrolls sideways", async ({ page, loginAs }) => {
    await loginAs("operator");
    await page.goto("/t/production/dashboards/capacity");
    const region = page.getByRole("region", { name: TABLE });
    await expect(region).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Consumed", exact: true })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Allocated", exact: true })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Tenant", exact: true })).toBeHidden();
    await expect(page.getByRole("columnheader", { name: "Line reached in", exact: true })).toBeHidden();
    await expect(page.getByRole("columnheader", { name: "Alerts", exact: true })).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    expect(await region.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
  });
});
