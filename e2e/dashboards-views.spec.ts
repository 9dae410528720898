import { test, expect as baseExpect } from "./fixtures";

// The fleet overview across tenants, the cost page and the capacity planner, on
// the demo data (three tenants: Analytics, Production, Recette).

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

test("an operator sees every tenant of the organization in the fleet view; a count opens the list behind it", async ({ page, loginAs }) => {
  await loginAs("operator");
  await page.goto("/t/production/dashboards");
  await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
  await expect(page.getByText("Every tenant of the organization (3)")).toBeVisible();
  const table = page.getByRole("table", { name: "Per tenant" });
  await expect(table.getByRole("rowheader")).toHaveText(["Analytics", "Production", "Recette"]);
  // the demo seed backfills telemetry and the app's collector keeps it fresh: the IOPS count is a figure
  await expect(page.getByTestId("fleet-datastoresOverIops")).toContainText(/\d/);
  await expect(page.getByTestId("fleet-datastoresOverIops")).not.toContainText("no telemetry yet");
  // forecasts, with their method
  await expect(page.getByTestId("fleet-forecasts")).toContainText("least-squares line over the daily figures of the last 30 whole days");
  // Recette's VMs without a backup policy: the coverage list, filtered
  await table.getByRole("link", { name: /VMs without a backup policy in Recette/ }).click();
  await expect(page).toHaveURL(/\/t\/recette\/data-protection\?coverage=none/);
});

test("a tenant admin sees only their tenant", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/dashboards");
  await expect(page.getByText("1 tenant you may read")).toBeVisible();
  await expect(page.getByRole("table", { name: "Per tenant" }).getByRole("rowheader")).toHaveText(["Production"]);
  // one tenant: each card opens its list directly
  await page.getByTestId("fleet-poolsNotSlaEligible").getByRole("link").click();
  await expect(page).toHaveURL(/\/t\/production\/compute\/pools\?attention=sla/);
  await expect(page.getByRole("link", { name: "Show all" })).toBeVisible();
});

test("the planner shows a refusal when the hypothetical VMs do not fit, and the figures before and after", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  await page.goto("/t/production/dashboards/planner");
  await expect(page.getByRole("heading", { name: "Capacity planner" })).toBeVisible();
  // today's figures first
  await expect(page.getByText("No change yet")).toBeVisible();
  await page.getByLabel("Number of VMs").fill("40");
  await page.getByLabel("Memory each (GB)").fill("256");
  await expect(page.getByTestId("planner-verdict")).toHaveText("It does not fit: at least one rule would refuse these changes.");
  await expect(page.getByTestId("violations")).toContainText(/CPOOL\.(MEMORY_PRESSURE|ACTIVATED_MEMORY)/);
  await expect(page.getByRole("table", { name: /Pool memory against the 85/ })).toContainText("Allocated memory (running VMs) vs the 85");
  // a single small VM fits
  await page.getByLabel("Number of VMs").fill("1");
  await page.getByLabel("Memory each (GB)").fill("1");
  await expect(page.getByTestId("planner-verdict")).toContainText(/It fits|No rule refuses/);
  // 40 hosts: the rule's own code and figures, not a bare field error
  await page.getByLabel("Number of VMs").fill("0");
  await page.getByLabel("Hosts to add").fill("40");
  await expect(page.getByTestId("violations")).toContainText("CPOOL.MAX_HOSTS");
});

test("the owner's cost page: month to date and forecast per tenant, a chart, and the CSV", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/production/dashboards/cost");
  await expect(page.getByRole("table", { name: "By tenant" }).getByRole("rowheader")).toHaveText(["Analytics", "Production", "Recette"]);
  // the bars themselves, drawn once Recharts has loaded in the browser
  await expect(page.getByTestId("cost-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  const csv = await page.request.get("/t/production/dashboards/cost/export");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("month,tenant,sku,label,month_to_date_eur,forecast_eur");
  // a tenant's CSV holds that tenant; every tenant on asking, for the owner
  expect(text).toContain(",Production,");
  expect(text).not.toContain(",Recette,");
  const all = await (await page.request.get("/t/production/dashboards/cost/export?scope=organization")).text();
  for (const name of ["Analytics", "Production", "Recette"]) expect(all).toContain(`,${name},`);
});
