// Accessibility scan of every page a test visits (axe-core), wired into the `page` fixture
// of ./fixtures so that every test, present and future, inherits it.
//
// While the test runs, only the URLs its page navigates to are recorded (full loads and
// Next's client-side navigations alike): axe runs on the page's main thread for about a
// second, and scanning during the test would stall the test's own page (timing-sensitive
// tests such as the sign-in rate limit broke that way). When the test has passed:
//  - the test's page is scanned as it was left (including any state the test reached);
//  - every other URL it visited is loaded again in a new tab of the same browser context
//    (same session, language and theme) and scanned;
//  - each distinct URL (path + query) is scanned once; a URL that now redirects (the test
//    signed out, say) is scanned where it lands, once too.
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";

/** What fails a test: axe's two highest impacts. */
const FAILING_IMPACTS = new Set(["serious", "critical"]);

export type AxeFinding = { url: string; id: string; impact: string; help: string; helpUrl: string; targets: string[]; summary: string };

/** The identity of a page for the scan: path and query; null for about:blank, data: and the like. */
function keyOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.pathname + u.search : null;
  } catch {
    return null;
  }
}

async function analyze(page: Page, exclude: string[]): Promise<AxeFinding[]> {
  // Legacy mode runs axe in the page alone; the default mode opens an extra blank page in the
  // context for every scan. The console has no iframes, which is all legacy mode gives up.
  let builder = new AxeBuilder({ page }).setLegacyMode(true);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => FAILING_IMPACTS.has(v.impact ?? ""))
    .map((v) => ({
      url: page.url(),
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      summary: (v.nodes[0]?.failureSummary ?? "").replace(/\s+/g, " ").trim(),
    }));
}

const isHtml = async (page: Page) => (await page.evaluate(() => document.contentType).catch(() => "")) === "text/html";

/** Records the URLs `page` visits; `finish()` scans them and returns the serious and critical findings. */
export function watchAccessibility(page: Page, context: BrowserContext, { exclude = [] as string[] } = {}) {
  const visited = new Map<string, string>(); // key → full URL, in visiting order
  const scanned = new Set<string>();
  const onNavigated = (frame: ReturnType<Page["mainFrame"]>) => {
    const key = frame === page.mainFrame() ? keyOf(frame.url()) : null;
    if (key && !visited.has(key)) visited.set(key, frame.url());
  };
  page.on("framenavigated", onNavigated);

  return {
    scanned,
    async finish(): Promise<AxeFinding[]> {
      page.off("framenavigated", onNavigated);
      const findings: AxeFinding[] = [];
      const last = page.isClosed() ? null : keyOf(page.url());
      if (last && (await isHtml(page))) {
        await page.waitForLoadState("load");
        findings.push(...(await analyze(page, exclude)));
        scanned.add(last);
      }
      const rest = [...visited].filter(([key]) => !scanned.has(key));
      if (rest.length === 0) return findings;
      const tab = await context.newPage();
      try {
        for (const [key, url] of rest) {
          if (scanned.has(key)) continue;
          const response = await tab.goto(url);
          const landed = keyOf(tab.url());
          scanned.add(key);
          if (!response || !landed || scanned.has(landed) || !(await isHtml(tab))) continue;
          findings.push(...(await analyze(tab, exclude)));
          scanned.add(landed);
        }
      } finally {
        await tab.close();
      }
      return findings;
    },
  };
}

export function formatFindings(findings: AxeFinding[]): string {
  const byUrl = new Map<string, AxeFinding[]>();
  for (const f of findings) byUrl.set(f.url, [...(byUrl.get(f.url) ?? []), f]);
  const lines = [`${findings.length} serious or critical accessibility violation(s) (axe-core):`];
  for (const [url, list] of byUrl) {
    lines.push(`\n  ${url}`);
    for (const f of list) {
      lines.push(`    [${f.impact}] ${f.id}: ${f.help}`);
      for (const t of f.targets) lines.push(`        at ${t}`);
      if (f.summary) lines.push(`        ${f.summary}`);
      lines.push(`        ${f.helpUrl}`);
    }
  }
  return lines.join("\n");
}
