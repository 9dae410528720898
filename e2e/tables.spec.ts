import { test, expect, sql } from "./fixtures";
import type { Page } from "@playwright/test";

// The list tables as a tenant admin meets them on a laptop and on a phone: they fit the screen
// (no sideways scroll, Tags and Created in view), a column hidden and the view saved comes back
// when the view is applied, the name filter follows typing without an Apply click, and on a
// phone the VM page shows its protection before its long history.

// Several pages a test, each scanned by axe: room for a loaded 2-core machine.
test.describe.configure({ timeout: 60_000 });

const VIEW = `e2e-tables-${Date.now().toString(36)}`;
const VMS = "/t/production/compute/vms";
const AUDIT = "/t/production/audit";
const ACTIVITIES = "/t/production/activities";
const JOBS = "/t/production/data-protection/jobs";
const REPLICATIONS = "/t/production/data-protection/replications";

test.afterAll(async () => {
  // The view this spec saves, whatever step it stopped at.
  await sql(`DELETE FROM "ListView" WHERE name = $1`, [VIEW]);
});

/** Sideways overflow of the page and of the table's scroll region, in CSS pixels (0 = fits). */
async function overflow(page: Page, table: string) {
  return page.evaluate((name) => {
    const doc = document.scrollingElement!;
    const region = document.querySelector(`[role="region"][aria-label="${name}"]`) as HTMLElement | null;
    const t = region?.querySelector("table") as HTMLElement | null;
    return {
      page: doc.scrollWidth - doc.clientWidth,
      region: region ? region.scrollWidth - region.clientWidth : -1,
      table: t && region ? t.scrollWidth - region.clientWidth : -1,
    };
  }, table);
}

/** The table's width against its frame, kept in the report (the figures the layout was chosen by). */
async function note(page: Page, table: string, what: string) {
  const w = await page.evaluate((name) => {
    const region = document.querySelector(`[role="region"][aria-label="${name}"]`) as HTMLElement;
    return { table: region.querySelector("table")!.scrollWidth, frame: region.clientWidth };
  }, table);
  test.info().annotations.push({ type: "width", description: `${what}: table ${w.table} px in a ${w.frame} px frame` });
  console.log(`${what}: table ${w.table} px in a ${w.frame} px frame`);
}

test("at 1 440 × 900 the VM list and the audit log fit without scrolling sideways, Tags and Created in view", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs("adminProd");
  await page.goto(VMS);
  const vms = page.getByRole("table", { name: "Virtual machines" });
  await expect(vms.getByRole("columnheader", { name: "Tags" })).toBeInViewport();
  await expect(vms.getByRole("columnheader", { name: "Created" })).toBeInViewport();
  expect(await overflow(page, "Virtual machines")).toEqual({ page: 0, region: 0, table: 0 });
  await note(page, "Virtual machines", "VM list, default columns");
  // Every column at once still scrolls inside its region only, never the page.
  await page.goto(`${VMS}?cols=name,powerState,pool,host,memoryGb,cpu,datastore,encryption,tags,createdAt`);
  await note(page, "Virtual machines", "VM list, all 10 columns");
  expect((await overflow(page, "Virtual machines")).page).toBe(0);

  await page.goto(AUDIT);
  const audit = page.getByRole("table", { name: "Audit log" });
  await expect(audit.getByRole("columnheader", { name: "Details" })).toBeInViewport();
  await expect(audit.getByRole("columnheader", { name: "Target" })).toBeInViewport();
  expect(await overflow(page, "Audit log")).toEqual({ page: 0, region: 0, table: 0 });
  await note(page, "Audit log", "audit log");
});

test("typing in the name filter updates the URL and the rows without an Apply click", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs("adminProd");
  await page.goto(VMS);
  await expect(page.getByRole("button", { name: "Apply" })).toHaveCount(0);
  const names = page.getByRole("table", { name: "Virtual machines" }).getByRole("rowheader").getByRole("link");
  const before = await names.count();
  await page.getByRole("searchbox", { name: "Filter by name" }).pressSequentially("-db-", { delay: 40 });
  await expect(page).toHaveURL(/[?&]q=-db-/);
  await expect(async () => {
    const shown = await names.allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(before);
    for (const n of shown) expect(n).toContain("-db-");
  }).toPass();
});

test("a hidden column saved in a view comes back hidden when the view is applied, and the view is deleted", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs("adminProd");
  await page.goto(VMS);
  const table = page.getByRole("table", { name: "Virtual machines" });
  await expect(table.getByRole("columnheader", { name: "Pool" })).toBeVisible();

  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Show Pool" }).uncheck();
  await expect(page).toHaveURL(/[?&]cols=/);
  await expect(table.getByRole("columnheader", { name: "Pool" })).toHaveCount(0);
  // Moved with the keyboard: Created before Tags.
  await page.getByRole("button", { name: "Move Created up" }).focus();
  await page.keyboard.press("Enter");
  await expect(table.getByRole("columnheader")).toHaveText(["Name", "State", "Memory (GB)", "vCPU", "Encryption", "Created", "Tags"].map((n) => new RegExp(`^${n.replace(/[()]/g, "\\$&")}`)));
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("textbox", { name: "Save the current filters, columns and sort as" }).fill(VIEW);
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("link", { name: `Apply view ${VIEW}` })).toBeVisible();

  // Back to the default columns, then the view applied.
  await page.goto(VMS);
  await expect(table.getByRole("columnheader", { name: "Pool" })).toBeVisible();
  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("link", { name: `Apply view ${VIEW}` }).click();
  await expect(table.getByRole("columnheader", { name: "Pool" })).toHaveCount(0);
  await expect(table.getByRole("columnheader").last()).toHaveText(/^Tags/);

  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("button", { name: `Delete view ${VIEW}` }).click();
  await expect(page.getByRole("link", { name: `Apply view ${VIEW}` })).toHaveCount(0);
  expect((await sql(`SELECT count(*)::int AS n FROM "ListView" WHERE name = $1`, [VIEW])).rows[0].n).toBe(0);
});

test("at 1 440 × 900 the activities, the backup jobs and the replications fit with their default columns, each with its columns and views menus", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs("adminProd");
  for (const [url, name, last] of [[ACTIVITIES, "Activities", "Duration"], [JOBS, "Backup jobs", "Finished"], [REPLICATIONS, "Replications of this tenant", "Actions"]] as const) {
    await page.goto(url);
    const table = page.getByRole("table", { name });
    await expect(table.getByRole("columnheader", { name: last })).toBeInViewport();
    expect(await overflow(page, name)).toEqual({ page: 0, region: 0, table: 0 });
    await note(page, name, `${name}, default columns`);
    await expect(page.getByRole("button", { name: "Columns" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Views" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Apply" })).toHaveCount(0);
  }
  // A column hidden from the menu leaves the table and the URL says so.
  await page.goto(JOBS);
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Show Zones (VM → backup)" }).uncheck();
  await expect(page).toHaveURL(/[?&]cols=/);
  await expect(page.getByRole("table", { name: "Backup jobs" }).getByRole("columnheader", { name: "Zones (VM → backup)" })).toHaveCount(0);
});

test("the activities, the backup jobs and the replications filter as a name is typed, without an Apply click", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs("adminProd");
  await page.goto(JOBS);
  const jobs = page.getByRole("table", { name: "Backup jobs" });
  const vm = (await jobs.locator("td[data-label='VM']").first().textContent())!.trim();
  await page.getByRole("searchbox", { name: "VM name" }).pressSequentially(vm, { delay: 30 });
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(vm).replace(/[-.]/g, "\\$&")}`));
  await expect(async () => {
    const cells = await jobs.locator("td[data-label='VM']").allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c).toContain(vm);
  }).toPass();

  await page.goto(ACTIVITIES);
  const acts = page.getByRole("table", { name: "Activities" });
  // A resource named on the first page (a deleted VM keeps its name without a link).
  await expect(acts.locator("td[data-label='Resource']").first()).toBeVisible();
  const resource = (await acts.locator("td[data-label='Resource']").allTextContents()).map((n) => n.trim()).find((n) => n !== "—")!;
  expect(resource).toBeTruthy();
  await page.getByRole("searchbox", { name: "Resource name" }).pressSequentially(resource, { delay: 30 });
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(async () => {
    const cells = await acts.locator("td[data-label='Resource']").allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c).toContain(resource);
  }).toPass();

  await page.goto(REPLICATIONS);
  const reps = page.getByRole("table", { name: "Replications of this tenant" });
  const subject = (await reps.getByRole("rowheader").first().textContent())!.trim();
  await page.getByRole("searchbox", { name: "Filter by VM or datastore" }).pressSequentially(subject, { delay: 30 });
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(async () => {
    const names = await reps.getByRole("rowheader").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toContain(subject);
  }).toPass();
});

test("a click anywhere on an activity's row opens the activity", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs("adminProd");
  await page.goto(ACTIVITIES);
  const row = page.getByRole("table", { name: "Activities" }).getByRole("row").nth(1);
  const type = (await row.locator("td[data-label='Activity'] a").textContent())!.trim();
  // The initiator's cell has no link of its own: a click there lands on the row's link, stretched over it.
  const box = (await row.locator("td[data-label='Initiator']").boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page).toHaveURL(/\/t\/production\/activities\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(type);
});

test("at 390 px nothing scrolls sideways, list rows are cards, and the VM page shows encryption and backup above its activity history", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs("adminProd");
  await page.goto(VMS);
  expect((await overflow(page, "Virtual machines")).page).toBe(0);
  // A card: the column's name is shown beside the value.
  const firstCell = page.getByRole("table", { name: "Virtual machines" }).locator("td[data-label='Created']").first();
  expect(await firstCell.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Created"');

  await page.goto(AUDIT);
  expect((await overflow(page, "Audit log")).page).toBe(0);
  for (const [url, name] of [[ACTIVITIES, "Activities"], [JOBS, "Backup jobs"], [REPLICATIONS, "Replications of this tenant"]] as const) {
    await page.goto(url);
    expect((await overflow(page, name)).page).toBe(0);
  }

  await page.goto(VMS);
  await page.getByRole("table", { name: "Virtual machines" }).getByRole("rowheader").getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Activity history" })).toBeVisible();
  const y = async (name: string) => (await page.getByRole("heading", { name, exact: true }).boundingBox())!.y;
  const [encryption, backup, history, trail] = [await y("Encryption"), await y("Backup policies"), await y("Activity history"), await y("Audit trail")];
  expect(encryption).toBeLessThan(history);
  expect(backup).toBeLessThan(history);
  expect(history).toBeLessThan(trail);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth)).toBe(0);
});
