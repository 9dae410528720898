import pg from "pg";
import { test, expect as baseExpect } from "./fixtures";
import { evaluateAlerts } from "../lib/metrics/alerts";
import type { SqlClient } from "../lib/metrics/rollup";
import { floorSlot, TELEMETRY_SLOT_MS } from "../lib/infra/telemetry";
import { pressureLimitGb } from "../lib/domain/pool";

// An alert's whole life in the browser. The figures are driven as the collector writes them: one
// sample of production's pool prd-std-par7s (1 024 GB activated, its 85 % line at 870.4 GB), put
// two slots ahead so that it stays the pool's latest while the test runs (the server's own ticks
// then find nothing new to write), and the tick's evaluation (lib/metrics/alerts.ts) run on it.

test.describe.configure({ timeout: 150_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

const POOL = "prd-std-par7s";
const CAPACITY = 1024;
const AT = floorSlot(Date.now()) + 2 * TELEMETRY_SLOT_MS;

/** A small pool, not `sql()` (one statement per client): the evaluation reads its figures in parallel, as the app's Prisma client does. */
async function withDb<T>(fn: (c: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 5 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

/** The pool's consumed memory as the collector would record it, then one tick's evaluation. */
async function tick(poolId: string, tenantId: string, usedGb: number) {
  return withDb(async (c) => {
    await c.query(
      `INSERT INTO "MetricSample" ("tenantId", "resourceType", "resourceId", metric, value, at, capacity, threshold)
       VALUES ($1, 'POOL', $2, 'mem_used_gb', $3, to_timestamp($4::float8 / 1000) AT TIME ZONE 'UTC', $5, $6)
       ON CONFLICT ("tenantId", "resourceType", "resourceId", metric, at) DO UPDATE SET value = EXCLUDED.value`,
      [tenantId, poolId, usedGb, AT, CAPACITY, pressureLimitGb(CAPACITY)],
    );
    const sql = {
      $queryRawUnsafe: async (q: string, ...args: unknown[]) => (await c.query(q, args)).rows,
      $executeRawUnsafe: async (q: string, ...args: unknown[]) => (await c.query(q, args)).rowCount ?? 0,
    } as unknown as SqlClient;
    return evaluateAlerts(sql, Date.now());
  });
}

const pool = { id: "", tenantId: "" };

test.beforeAll(async () => {
  await withDb(async (c) => {
    const r = await c.query<{ id: string; tenantId: string }>(`SELECT p.id, p."tenantId" FROM "ComputePool" p JOIN "Tenant" t ON t.id = p."tenantId" WHERE t.slug = 'production' AND p.name = $1`, [POOL]);
    Object.assign(pool, r.rows[0]);
  });
  // Whatever the demo's own ticks left open on this pool is resolved first: the breach below opens a fresh alert.
  await tick(pool.id, pool.tenantId, 500);
});

test.afterAll(async () => {
  await withDb((c) => c.query(`DELETE FROM "MetricSample" WHERE "resourceId" = $1 AND at = to_timestamp($2::float8 / 1000) AT TIME ZONE 'UTC'`, [pool.id, AT]));
});

test("a breach opens an alert, a subscribed user sees it in the bell, acknowledges it, and it resolves when the figure falls", async ({ page, loginAs }) => {
  await loginAs("adminProd");

  // Subscribe to memory alerts (in the console only: the e2e server has SMTP_URL for the invitations spec).
  await page.goto("/t/production/dashboards/alerts");
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  const subs = page.getByRole("region", { name: "Your subscriptions" });
  const memory = subs.getByRole("checkbox", { name: "Pool memory above its line", exact: true });
  if (!(await memory.isChecked())) await memory.check();
  await subs.getByRole("button", { name: "Save my subscriptions" }).click();
  await expect(subs.getByText("Subscriptions saved.")).toBeVisible();

  // The breach: 1 000 GB against the 870.4 GB line.
  const opened = await tick(pool.id, pool.tenantId, 1000);
  baseExpect(opened.opened).toBeGreaterThanOrEqual(1);

  await page.reload();
  const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const panel = page.getByRole("dialog", { name: "Notifications" });
  await expect(panel.getByText(`Pool ${POOL} consumes 1000 GB of memory, above its line of 870.4 GB`, { exact: false }).first()).toBeVisible();
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");

  // The alerts page lists it open; acknowledging keeps who did it.
  const row = page.getByRole("table", { name: "Alerts" }).getByRole("row").filter({ hasText: POOL }).first();
  await expect(row).toContainText("Open");
  await expect(row).toContainText("870.4 GB");
  await row.getByRole("button", { name: `Acknowledge the alert on ${POOL}` }).click();
  await expect(row).toContainText("Acknowledged");
  await expect(row).toContainText("by admin.prod@demo.test");

  // The pool's dashboard shows it too.
  await page.goto(`/t/production/dashboards/pools/${pool.id}`);
  const onPool = page.getByRole("region", { name: "Alerts on this pool" });
  await expect(onPool.getByRole("row").filter({ hasText: "Pool memory above its line" })).toContainText("Acknowledged");

  // The figure falls back under the line: the next tick resolves it; the history keeps it.
  const fell = await tick(pool.id, pool.tenantId, 700);
  baseExpect(fell.resolved).toBeGreaterThanOrEqual(1);
  await page.goto("/t/production/dashboards/alerts?kind=POOL_MEMORY");
  await expect(page.getByRole("table", { name: "Alerts" }).getByRole("row").filter({ hasText: POOL })).toHaveCount(0);
  await page.getByRole("link", { name: "All, with history" }).click();
  const history = page.getByRole("table", { name: "Alerts" }).getByRole("row").filter({ hasText: POOL }).first();
  await expect(history).toContainText("Resolved");
  await expect(history).toContainText("by admin.prod@demo.test");
});
