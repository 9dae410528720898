import { test, expect as baseExpect } from "./fixtures";

// Pools and hosts, on the demo's Analytics pools (the owner holds every permission
// there): ana-gpu-par7s (2 PERFORMANCE 4 hosts, 512 GB activated) and ana-adv-th3s (3 ADVANCE hosts).

// Long flows (several pages, activities to wait for) on a machine shared with other work: a
// budget for the whole flow, and patience for each page.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

test("activated memory below the 85 % line asks for a reason; then the pool is too full for a host's maintenance, and says why", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/analytics/compute/pools");
  await page.getByRole("link", { name: "ana-gpu-par7s" }).click();
  await expect(page.getByRole("heading", { name: "ana-gpu-par7s" })).toBeVisible();

  // 2 hosts run 284 GB: at 300 GB activated the 85 % line (255 GB) is passed, an advisory rule;
  // at 256 GB the running VMs would not even fit, a hard limit no reason passes.
  const activated = page.getByLabel("Activated memory (GB)");
  const memorySection = page.getByRole("region", { name: "Activated memory" });
  await activated.fill("256");
  await expect(memorySection.getByTestId("violations")).toContainText("CPOOL.ACTIVATED_MEMORY");
  await expect(page.getByLabel("Reason for the override")).toHaveCount(0);
  await activated.fill("300");
  await expect(memorySection.getByTestId("violations")).toContainText("CPOOL.MEMORY_PRESSURE");
  await expect(memorySection.getByTestId("violations")).toContainText("255 GB of 300 GB");
  await page.getByLabel("Reason for the override").fill("GPU load test this week, VMs stop on Friday");
  await page.getByRole("button", { name: "Apply, overriding" }).click();
  await expect(page.getByText("The activated memory of ana-gpu-par7s is changed.")).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId("pool-figures")).toContainText("300 GB (range 256–1,024 GB)");

  // One host out: the other carries min(300, 512) = 300 GB, 255 GB at 85 %: too little.
  await page.getByRole("button", { name: "Enter maintenance: ana-gpu-par7s-esx01" }).click();
  const dialog = page.getByRole("dialog", { name: "Put ana-gpu-par7s-esx01 into maintenance?" });
  await expect(dialog.getByTestId("violations")).toContainText("HOST.MAINTENANCE_CAPACITY");
  await expect(dialog.getByTestId("violations")).toContainText(/can carry 255 GB at 85 %; the pool runs \d+ GB of VMs/);
  await expect(dialog.getByRole("button", { name: "Enter maintenance", exact: true })).toBeDisabled();
  await dialog.getByRole("button", { name: "Back" }).click();

  // Back to 512 GB: within the line again, no reason needed.
  await page.getByLabel("Activated memory (GB)").fill("512");
  await expect(page.getByLabel("Reason for the override")).toHaveCount(0);
  await page.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(page.getByText("The activated memory of ana-gpu-par7s is changed.").last()).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId("pool-figures")).toContainText("512 GB (range 256–1,024 GB)");
});

test("a host enters maintenance, its VMs move to the other hosts, and it comes back", async ({ page, loginAs }) => {
  await loginAs("owner");
  await page.goto("/t/analytics/compute/pools");
  await page.getByRole("link", { name: "ana-adv-th3s" }).click();
  await page.getByRole("button", { name: "Enter maintenance: ana-adv-th3s-esx01" }).click();
  const dialog = page.getByRole("dialog", { name: "Put ana-adv-th3s-esx01 into maintenance?" });
  await expect(dialog).toContainText(/\d+ VMs move:/);
  await expect(dialog).toContainText("→ ana-adv-th3s-esx0");
  await dialog.getByRole("button", { name: "Enter maintenance", exact: true }).click();
  await expect(page.getByText("ana-adv-th3s-esx01 is in maintenance.")).toBeVisible({ timeout: 45_000 });
  // The host's own row (its name first): the VM rows name their host too, and until the page has
  // caught up with the move they still name this one.
  const row = page.getByRole("row", { name: /^ana-adv-th3s-esx01\b/ });
  await expect(row).toContainText("In maintenance");
  await expect(row.getByRole("cell").nth(2)).toHaveText("0");

  await page.goto("/t/analytics/compute/hosts?status=MAINTENANCE");
  await expect(page.getByRole("row", { name: /^ana-adv-th3s-esx01\b/ })).toBeVisible();

  await page.goto("/t/analytics/compute/pools");
  await page.getByRole("link", { name: "ana-adv-th3s" }).click();
  await page.getByRole("button", { name: "Leave maintenance: ana-adv-th3s-esx01" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Leave maintenance", exact: true }).click();
  await expect(page.getByText("ana-adv-th3s-esx01 has left maintenance.")).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole("row", { name: /^ana-adv-th3s-esx01\b/ })).toContainText("Connected");
});
