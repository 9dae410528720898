// The JavaScript budget: measures every app route's first-load JavaScript (gzipped) in the `.next`
// build, prints route → kB → budget → goal, and exits 1 naming each route over its budget
// (js-budget.json). Run after every build: `npm run build`, and scripts/lib/build.ts for the tests.
//   node --import tsx scripts/js-budget.ts [--next-dir DIR] [--update]
// --update rewrites js-budget.json's budgets from this build: the goal where the route meets it,
// else its size rounded up with a margin of at most 3 kB (so that growth fails).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { appRoutes, budgetTable, checkJsBudget, firstLoadKb, type JsBudgets } from "./lib/first-load-js";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const i = args.indexOf("--next-dir");
const nextDir = i >= 0 ? path.resolve(args[i + 1]!) : path.join(root, ".next");
if (!existsSync(path.join(nextDir, "build-manifest.json"))) {
  console.error(`✖ No build in ${path.relative(root, nextDir) || nextDir}: run \`npm run build\` first.`);
  process.exit(1);
}

if (args.includes("--update")) {
  const file = path.join(root, "js-budget.json");
  const budgets = JSON.parse(readFileSync(file, "utf8")) as JsBudgets;
  for (const r of appRoutes(nextDir)) {
    const kb = firstLoadKb(nextDir, r);
    if (kb === null) continue;
    const chart = budgets.routes[r]?.chart;
    const goal = chart ? budgets.goalKb.chart : budgets.goalKb.page;
    budgets.routes[r] = { budgetKb: kb <= goal ? goal : Math.ceil(kb) + 2, ...(chart ? { chart } : {}) };
  }
  writeFileSync(file, `${JSON.stringify(budgets, null, 2)}\n`);
  console.log(`• js-budget.json updated from this build.`);
}

const { rows, failures } = checkJsBudget(root, nextDir);
console.log(`First-load JavaScript per route (gzipped; goal ≤ ${JSON.parse(readFileSync(path.join(root, "js-budget.json"), "utf8")).goalKb.page} kB, chart pages more):`);
console.log(budgetTable(rows));
if (failures.length > 0) {
  console.error(`\n✖ JavaScript budget exceeded on ${failures.length} route${failures.length === 1 ? "" : "s"} (js-budget.json):`);
  for (const f of failures) console.error(`  ${f}`);
  console.error("  Ship less to the page (server components, dynamic imports), or raise its budget in js-budget.json with a reason.");
  process.exit(1);
}
console.log(`✓ ${rows.length} routes within their JavaScript budget.`);
