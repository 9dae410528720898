import { test, expect as baseExpect } from "./fixtures";
import { monthlyAvailability } from "../lib/domain/sla";
import { monthOf } from "../lib/metrics/series";

// Dashboards on the demo data: 30 days of simulated telemetry backfilled by the seed.
// Production's pool prd-std-par7s (4 STANDARD hosts, 1 024 GB activated: the 85 % line at 870.4 GB)
// and its Premium datastore (8 192 GiB: 24 000 IOPS).

test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

async function idFrom(page: import("@playwright/test").Page, list: string, name: string) {
  await page.goto(list);
  await page.getByRole("link", { name, exact: true }).first().click();
  await page.waitForURL(new RegExp(`${list}/[^/?]+`));
  return new URL(page.url()).pathname.split("/").pop()!;
}

test("the pool dashboard draws memory against the 85 % line, activated and physical memory, over 24 h and 30 days", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  const poolId = await idFrom(page, "/t/production/compute/pools", "prd-std-par7s");
  await page.goto(`/t/production/dashboards/pools/${poolId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("prd-std-par7s");
  const chart = page.getByRole("region", { name: "Memory consumed against activated memory" });
  // Three reference lines and their labels (Recharts 3 draws labels in a layer of their own): 85 % of 1 024 GB.
  await expect(chart.locator(".recharts-reference-line")).toHaveCount(3);
  // A horizontal SVG line has no height: Playwright calls it hidden, so check it is drawn at a height.
  await expect(chart.locator(".recharts-reference-line.line-85 line")).toHaveAttribute("y1", /^\d/);
  await expect(chart.locator("svg text").filter({ hasText: "85 % line (870.4 GB)" })).toBeVisible();
  await expect(chart.locator("svg text").filter({ hasText: "Activated (1,024 GB)" })).toBeVisible();
  await expect(chart.locator("svg text").filter({ hasText: "Physical (1,536 GB)" })).toBeVisible();
  await expect(page.getByTestId("pool-dashboard-figures")).toContainText("Allocated headroom before 85 %");
  await expect(page.getByTestId("pool-dashboard-figures")).toContainText("Consumed now (observed)");
  await expect(page.getByTestId("pool-forecast")).toContainText("Consumed peaks reach the 85 % line");
  // The same figures as a table, and as a file.
  await chart.getByText("Show the figures as a table").click();
  await expect(chart.getByRole("table")).toBeVisible();
  const download = page.waitForEvent("download");
  await chart.getByRole("button", { name: "Download CSV" }).click();
  expect((await download).suggestedFilename()).toBe("prd-std-par7s-memory-24h.csv");

  await page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByText("daily averages")).toBeVisible();
  await expect(page.locator("svg text").filter({ hasText: "85 % line (870.4 GB)" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Hosts" }).getByRole("row")).toHaveCount(5);
  // what happened in the range, at its time (the demo's monthly host outage falls in any 30 days of a pool that has one)
  await expect(page.getByTestId("dashboard-events").getByRole("heading", { name: "Events in this period" })).toBeVisible();
});

test("the pool dashboard names the VMs that drove its peak, each linking to its page, and charts CPU", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  const poolId = await idFrom(page, "/t/production/compute/pools", "prd-std-par7s");
  await page.goto(`/t/production/dashboards/pools/${poolId}`);
  const drivers = page.getByTestId("pool-drivers");
  await expect(drivers.getByRole("heading", { name: /What drove the peak: .* GB consumed at/ })).toBeVisible();
  await expect(drivers).toContainText("the rows add up to the chart's value");
  const links = drivers.getByTestId("driver-vm");
  const n = await links.count();
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(10);
  // Its total is the memory chart's peak figure.
  await expect(drivers.getByTestId("pool-drivers-total")).toHaveText(/^[\d,.]+ GB$/);
  await expect(page.getByRole("region", { name: "CPU use" })).toBeVisible();
  const name = (await links.first().textContent())!;
  await links.first().click();
  await page.waitForURL(/\/t\/production\/compute\/vms\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
});

test("the datastore dashboard shows IOPS demand against the tier's limit and the space split", async ({ page, loginAs }) => {
  await loginAs("adminProd");
  const id = await idFrom(page, "/t/production/storage", "ds-prd-premium-01");
  await page.goto(`/t/production/dashboards/datastores/${id}?range=7d`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ds-prd-premium-01");
  await expect(page.locator(".recharts-reference-line.line-iops-limit line")).toHaveAttribute("y1", /^\d/);
  await expect(page.locator("svg text").filter({ hasText: "Limit 24,000 (3,000 IOPS/TB)" })).toBeVisible();
  const space = page.getByRole("region", { name: "Space" });
  await expect(space).toContainText("Snapshot reserve (10 %):");
  await expect(space).toContainText("819 GiB of 8,192 GiB");
  await expect(space).toContainText("Thin over-commit");
});

/**
 * The downtime 99.99 % allows in the UTC month of `at`, as the page prints it: 4.03 min in a
 * 28-day month, 4.18 in 29 days, 4.32 in 30 days, 4.46 in 31 days.
 */
function allowanceText(at: Date): string {
  const minutes = monthlyAvailability(0, monthOf(at).days).allowedDowntimeMinutes;
  return `${(Math.round(minutes * 100) / 100).toLocaleString("en-US")} min`;
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("the SLA dashboard shows each tenant's month against 99.99 %, pool eligibility and RPO compliance", async ({ page, loginAs }) => {
  await loginAs("operator");
  // The allowance depends on the month the server renders in: a test that straddles the end of a
  // month may see either month's figure, and nothing else.
  const before = allowanceText(new Date());
  await page.goto("/t/recette/dashboards/sla");
  const tenants = page.getByRole("table", { name: "Availability by tenant, month so far" });
  // The operator reads metrics in the three tenants.
  await expect(tenants.getByRole("row")).toHaveCount(4);
  const after = allowanceText(new Date());
  await expect(tenants).toContainText(new RegExp([before, after].map(escapeRegExp).join("|")));
  // rec-std-az07 runs on one host: outside the SLA, and the page says why.
  const pools = page.getByRole("table", { name: "SLA eligibility of each pool" });
  await expect(pools.getByRole("row", { name: /rec-std-az07/ })).toContainText("CPOOL.SLA_INELIGIBLE");
  await expect(page.getByRole("table", { name: "RPO compliance per replication" }).getByRole("row")).not.toHaveCount(1);
  await expect(page.getByRole("region", { name: "Backup coverage" })).toContainText("VMs have a backup policy");
});
