// First-load JavaScript of the app routes, read from a `.next` build: the chunks the browser loads
// before a page is interactive (its client reference manifest's entry files, i.e. the page's and its
// layouts', plus the build manifest's root main files: React, Next's runtime), each gzipped. The
// dashboards bench and the budget check (scripts/js-budget.ts, run after every `next build`) read it
// from here; the budgets are declared once, in js-budget.json.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const MANIFEST = "page_client-reference-manifest.js";

/** The chunk files (relative to .next) a route loads first, or null when the build has no such route. */
export function firstLoadFiles(nextDir: string, route: string): string[] | null {
  const manifest = path.join(nextDir, "server/app", route.replace(/^\//, ""), MANIFEST);
  const build = path.join(nextDir, "build-manifest.json");
  if (!existsSync(manifest) || !existsSync(build)) return null;
  const files = new Set<string>((JSON.parse(readFileSync(build, "utf8")) as { rootMainFiles?: string[] }).rootMainFiles ?? []);
  // entryJSFiles maps each entry (root layout … page) to its chunk list: arrays of strings, so the
  // first closing brace ends it.
  const m = /"entryJSFiles":(\{.*?\})/.exec(readFileSync(manifest, "utf8"));
  if (m) for (const list of Object.values(JSON.parse(m[1]!) as Record<string, string[]>)) for (const f of list) if (f.endsWith(".js")) files.add(f);
  return [...files].map((f) => f.replace(/^\/?_next\//, "")).sort();
}

/** A route's first-load JavaScript, gzipped, in kB to one decimal (1 kB = 1 024 bytes); null when not built. */
export function firstLoadKb(nextDir: string, route: string): number | null {
  const files = firstLoadFiles(nextDir, route);
  if (files === null) return null;
  let bytes = 0;
  for (const f of files) {
    const p = path.join(nextDir, f);
    if (existsSync(p)) bytes += gzipSync(readFileSync(p)).length;
  }
  return Math.round(bytes / 102.4) / 10;
}

/** Every app route of the build ("/", "/t/[tenant]/iam/tokens", …), Next's own (`/_not-found`, `/_global-error`) left out. */
export function appRoutes(nextDir: string): string[] {
  const base = path.join(nextDir, "server/app");
  if (!existsSync(base)) return [];
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(base, rel), { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!e.name.startsWith("_")) walk(path.join(rel, e.name));
      } else if (e.name === MANIFEST) out.push(`/${rel.split(path.sep).join("/")}`);
    }
  };
  walk("");
  return out.sort();
}

/** js-budget.json: the goals, and each route's budget (the goal, or today's size plus a small margin while above it). */
export type JsBudgets = {
  goalKb: { page: number; chart: number };
  routes: Record<string, { budgetKb: number; chart?: boolean }>;
};

export type BudgetRow = { route: string; kb: number; budgetKb: number; goalKb: number; declared: boolean; over: boolean };

/** Measured sizes against the budgets. A route with no declared budget is held to the page goal. */
export function judgeBudgets(measured: Record<string, number>, budgets: JsBudgets): BudgetRow[] {
  return Object.entries(measured)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, kb]) => {
      const b = budgets.routes[route];
      const goalKb = b?.chart ? budgets.goalKb.chart : budgets.goalKb.page;
      const budgetKb = b?.budgetKb ?? goalKb;
      return { route, kb, budgetKb, goalKb, declared: b !== undefined, over: kb > budgetKb };
    });
}

/** The table printed after a build and by the bench: route, kB gzipped, budget, goal. */
export function budgetTable(rows: BudgetRow[]): string {
  const w = Math.max(5, ...rows.map((r) => r.route.length));
  const lines = [`${"route".padEnd(w)}  ${"kB gz".padStart(7)}  ${"budget".padStart(7)}  ${"goal".padStart(5)}`];
  for (const r of rows)
    lines.push(`${r.route.padEnd(w)}  ${r.kb.toFixed(1).padStart(7)}  ${r.budgetKb.toFixed(0).padStart(7)}  ${r.goalKb.toFixed(0).padStart(5)}  ${r.over ? "✗ over budget" : r.kb <= r.goalKb ? "✓ goal met" : "✓"}${r.declared ? "" : " (no budget declared: held to the goal)"}`);
  return lines.join("\n");
}

/** One line per route over its budget, naming it and the figures; empty when every route fits. */
export function budgetFailures(rows: BudgetRow[]): string[] {
  return rows
    .filter((r) => r.over)
    .map((r) => `${r.route}: ${r.kb.toFixed(1)} kB gzipped first-load JavaScript, over its budget of ${r.budgetKb} kB by ${(r.kb - r.budgetKb).toFixed(1)} kB (goal ${r.goalKb} kB)`);
}

/** Reads js-budget.json and measures every route of the build in `nextDir`. */
export function checkJsBudget(root: string, nextDir = path.join(root, ".next")): { rows: BudgetRow[]; failures: string[] } {
  const budgets = JSON.parse(readFileSync(path.join(root, "js-budget.json"), "utf8")) as JsBudgets;
  const measured: Record<string, number> = {};
  for (const r of appRoutes(nextDir)) {
    const kb = firstLoadKb(nextDir, r);
    if (kb !== null) measured[r] = kb;
  }
  const rows = judgeBudgets(measured, budgets);
  return { rows, failures: budgetFailures(rows) };
}
