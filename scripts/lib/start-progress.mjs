// While `npm start` prepares (install, database, migrations, demo data, build), the port already
// answers: every path gets a small page (503, Retry-After) listing the steps, refreshed from
// /__start/progress. When the console takes the port over, that path stops answering JSON and
// the page reloads into the console. Plain Node, no dependency: it runs before `npm ci` has.
import http from "node:http";

export const START_STEPS = [
  ["install", "Installing dependencies (npm ci)"],
  ["database", "Starting the database"],
  ["migrations", "Applying migrations"],
  ["seed", "Demo data"],
  ["build", "Building the console (next build)"],
  ["console", "Starting the console"],
];

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: the steps now, then a script that follows them and reloads when the console answers. */
export function progressPage(state) {
  const rows = START_STEPS.map(([key, label]) => `<li data-step="${key}" data-state="${esc(state.steps[key] ?? "pending")}">${esc(label)}</li>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Starting the console…</title><noscript><meta http-equiv="refresh" content="5"></noscript>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f8fafc;color:#0f172a}
main{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:28px 32px;min-width:340px}
h1{font-size:18px;margin:0 0 4px}p{margin:0 0 16px;color:#475569}ol{list-style:none;padding:0;margin:0}
li{padding:4px 0 4px 28px;position:relative;color:#94a3b8}
li::before{position:absolute;left:0;width:20px;text-align:center}
li[data-state=done]{color:#0f172a}li[data-state=done]::before{content:"✓";color:#16a34a}
li[data-state=skipped]{color:#64748b}li[data-state=skipped]::before{content:"–"}
li[data-state=running]{color:#0f172a;font-weight:600}li[data-state=running]::before{content:"…";color:#2563eb}
li[data-state=failed]{color:#b91c1c;font-weight:600}li[data-state=failed]::before{content:"✖"}
#error{color:#b91c1c;white-space:pre-wrap;margin-top:16px}
</style></head><body><main role="status" aria-live="polite">
<h1>Starting the console…</h1><p>This page turns into the console when it is ready.</p>
<ol>${rows}</ol><div id="error">${esc(state.error ?? "")}</div></main>
<script>
(function poll(){
  setTimeout(function(){
    fetch("/__start/progress",{cache:"no-store"}).then(function(r){
      // Anything but the progress (the console's own answer) means the console has the port.
      if((r.headers.get("content-type")||"").indexOf("application/json")!==0){location.reload();return;}
      return r.json().then(function(s){
        document.querySelectorAll("li[data-step]").forEach(function(li){li.dataset.state=s.steps[li.dataset.step]||"pending";});
        document.getElementById("error").textContent=s.error||"";
        poll();
      });
    },poll);
  },1000);
})();
</script></body></html>`;
}

/**
 * Serves the progress on `port` until close(). If the port is taken (another console), it
 * serves nothing and says so once: the start goes on, and fails later with the real reason.
 */
export function startProgressServer(port, state = { steps: {} }) {
  const server = http.createServer((req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Retry-After", "2");
    if (req.url?.startsWith("/__start/progress")) {
      res.writeHead(503, { "Content-Type": "application/json" });
      return res.end(JSON.stringify(state));
    }
    res.writeHead(503, { "Content-Type": "text/html; charset=utf-8" });
    res.end(progressPage(state));
  });
  const listening = new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, () => resolve(true));
  });
  return {
    state,
    listening,
    step(key, value) {
      state.steps[key] = value;
    },
    fail(message) {
      state.error = message;
    },
    /** Frees the port (for the console), closing the pages' keep-alive connections. */
    async close() {
      if (!(await listening)) return;
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
