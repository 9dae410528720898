import { test, expect } from "./fixtures";

// The scan wired into every test's page (./axe.ts) must itself be seen to fail a test.
test("the accessibility scan fails a test whose page has a serious violation", async ({ page }) => {
  test.fail(true, "the page below has text at 1.5:1 contrast: the fixture must fail the test");
  await page.route("**/axe-probe", (route) =>
    route.fulfill({ contentType: "text/html", body: '<!doctype html><html lang="en"><title>Probe</title><main><p style="color:#ccc;background:#fff">Barely visible</p></main></html>' }),
  );
  await page.goto("/axe-probe");
  await expect(page.getByText("Barely visible")).toBeVisible();
});
