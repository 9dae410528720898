import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadMessages, type Messages } from "./messages";

// Every literal message key the dashboards' pages ask for exists in both languages: a missing
// one renders its own name to the user (it happened: "datastoreDashboard.limitThen").
const PAGES: Record<string, Record<string, string>> = {
  "app/t/[tenant]/dashboards/pools/[poolId]/page.tsx": { t: "poolDashboard", c: "dashboardCommon" },
  "app/t/[tenant]/dashboards/datastores/[datastoreId]/page.tsx": { t: "datastoreDashboard", c: "dashboardCommon" },
  "app/t/[tenant]/dashboards/sla/page.tsx": { t: "slaDashboard", c: "dashboardCommon" },
  "app/t/[tenant]/dashboards/page.tsx": { t: "dashboardsViews" },
  "app/t/[tenant]/dashboards/capacity/page.tsx": { t: "dashboardsCapacity", c: "dashboardCommon", v: "dashboardsViews" },
  "app/t/[tenant]/dashboards/cost/page.tsx": { t: "dashboardsViews" },
  "app/t/[tenant]/compute/pools/[poolId]/page.tsx": { t: "poolPage" },
  "components/dashboards-views/planner-result.tsx": { t: "dashboardsPlanner" },
};

const has = (m: Messages, path: string) => path.split(".").reduce<unknown>((node, k) => (node && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined), m) !== undefined;

describe("the dashboards' message keys", () => {
  it.each(["en", "fr"] as const)("all exist in %s", async (locale) => {
    const messages = await loadMessages(locale);
    const missing: string[] = [];
    for (const [file, names] of Object.entries(PAGES)) {
      const src = readFileSync(file, "utf8");
      for (const [fn, ns] of Object.entries(names)) {
        for (const m of src.matchAll(new RegExp(`\\b${fn}\\("([A-Za-z0-9_.]+)"`, "g"))) if (!has(messages, `${ns}.${m[1]}`)) missing.push(`${file}: ${ns}.${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
