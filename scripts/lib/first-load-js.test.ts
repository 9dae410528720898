import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { appRoutes, budgetFailures, checkJsBudget, firstLoadFiles, firstLoadKb, judgeBudgets, type JsBudgets } from "./first-load-js";

/** Bytes whose gzip is exactly `n` bytes long are hard to make; the test reads the sizes back from gzip. */
const chunk = (seed: number, len: number) => Buffer.from(Array.from({ length: len }, (_, i) => (seed * 7919 + i * i * 31 + ((i * 2654435761) >>> 13)) % 251));
const gz = (b: Buffer) => gzipSync(b).length;

/** A tiny .next: a root main file shared by all, a layout chunk, and two pages with their own chunks. */
function fakeNext(dir: string) {
  const files: Record<string, Buffer> = {
    "static/chunks/main.js": chunk(1, 60_000),
    "static/chunks/layout.js": chunk(2, 30_000),
    "static/chunks/tokens.js": chunk(3, 20_000),
    "static/chunks/cost.js": chunk(4, 90_000),
    "static/chunks/cost.css": chunk(5, 50_000),
  };
  for (const [f, b] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), b);
  }
  writeFileSync(path.join(dir, "build-manifest.json"), JSON.stringify({ rootMainFiles: ["static/chunks/main.js"] }));
  const page = (route: string, entries: Record<string, string[]>) => {
    const d = path.join(dir, "server/app", route);
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, "page_client-reference-manifest.js"), `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["/${route}/page"] = {"moduleLoading":{"prefix":""},"clientModules":{},"entryCSSFiles":{},"entryJSFiles":${JSON.stringify(entries)}};`);
  };
  page("t/[tenant]/iam/tokens", { "[project]/app/layout": ["/_next/static/chunks/layout.js"], "[project]/app/t/[tenant]/iam/tokens/page": ["/_next/static/chunks/layout.js", "/_next/static/chunks/tokens.js"] });
  page("t/[tenant]/dashboards/cost", { "[project]/app/layout": ["/_next/static/chunks/layout.js"], "[project]/app/t/[tenant]/dashboards/cost/page": ["/_next/static/chunks/cost.js", "/_next/static/chunks/cost.css"] });
  // Next's own pages are not the app's routes.
  page("_not-found", { "[project]/app/layout": ["/_next/static/chunks/layout.js"] });
  return files;
}

describe("first-load JavaScript of a build", () => {
  let dir: string;
  let files: Record<string, Buffer>;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "first-load-js-"));
    files = fakeNext(path.join(dir, ".next"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds every app route of the build, Next's own left out", () => {
    expect(appRoutes(path.join(dir, ".next"))).toEqual(["/t/[tenant]/dashboards/cost", "/t/[tenant]/iam/tokens"]);
  });

  it("sums the gzipped root main files and the route's entry chunks, each counted once, stylesheets left out", () => {
    const next = path.join(dir, ".next");
    expect(firstLoadFiles(next, "/t/[tenant]/iam/tokens")).toEqual(["static/chunks/layout.js", "static/chunks/main.js", "static/chunks/tokens.js"]);
    const tokens = gz(files["static/chunks/main.js"]!) + gz(files["static/chunks/layout.js"]!) + gz(files["static/chunks/tokens.js"]!);
    const cost = gz(files["static/chunks/main.js"]!) + gz(files["static/chunks/layout.js"]!) + gz(files["static/chunks/cost.js"]!);
    // Incompressible-ish chunks: about their raw sizes (110 000 and 180 000 bytes).
    expect(tokens).toBeGreaterThan(100_000);
    expect(firstLoadKb(next, "/t/[tenant]/iam/tokens")).toBe(Math.round(tokens / 102.4) / 10);
    expect(firstLoadKb(next, "/t/[tenant]/dashboards/cost")).toBe(Math.round(cost / 102.4) / 10);
    expect(firstLoadKb(next, "/t/[tenant]/nowhere")).toBeNull();
  });

  it("names each route over its budget and passes the others", () => {
    const next = path.join(dir, ".next");
    const tokensKb = firstLoadKb(next, "/t/[tenant]/iam/tokens")!;
    const costKb = firstLoadKb(next, "/t/[tenant]/dashboards/cost")!;
    const budgets: JsBudgets = {
      goalKb: { page: 150, chart: 250 },
      routes: { "/t/[tenant]/iam/tokens": { budgetKb: Math.floor(tokensKb) - 1 }, "/t/[tenant]/dashboards/cost": { budgetKb: Math.ceil(costKb) + 2, chart: true } },
    };
    writeFileSync(path.join(dir, "js-budget.json"), JSON.stringify(budgets));
    const { rows, failures } = checkJsBudget(dir);
    expect(rows.map((r) => [r.route, r.over])).toEqual([
      ["/t/[tenant]/dashboards/cost", false],
      ["/t/[tenant]/iam/tokens", true],
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain("/t/[tenant]/iam/tokens");
    expect(failures[0]).toContain(`${tokensKb.toFixed(1)} kB`);
    expect(failures[0]).toContain(`budget of ${Math.floor(tokensKb) - 1} kB`);
  });
});

describe("judgeBudgets", () => {
  const budgets: JsBudgets = { goalKb: { page: 150, chart: 250 }, routes: { "/a": { budgetKb: 230 }, "/chart": { budgetKb: 250, chart: true } } };

  it("passes a route at or under its budget and names one over it", () => {
    const rows = judgeBudgets({ "/a": 230, "/chart": 250.1 }, budgets);
    expect(rows).toEqual([
      { route: "/a", kb: 230, budgetKb: 230, goalKb: 150, declared: true, over: false },
      { route: "/chart", kb: 250.1, budgetKb: 250, goalKb: 250, declared: true, over: true },
    ]);
    expect(budgetFailures(rows)).toEqual(["/chart: 250.1 kB gzipped first-load JavaScript, over its budget of 250 kB by 0.1 kB (goal 250 kB)"]);
  });

  it("holds a route with no declared budget to the page goal", () => {
    const rows = judgeBudgets({ "/new": 151.2, "/small": 120 }, budgets);
    expect(rows.map((r) => [r.route, r.budgetKb, r.over])).toEqual([
      ["/new", 150, true],
      ["/small", 150, false],
    ]);
    expect(budgetFailures(rows)).toHaveLength(1);
  });
});
