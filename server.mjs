// Serves the production build. The only reason this is not plain `next start`: Next hands route
// handlers no socket, and keeps an X-Forwarded-For the client wrote, so a client could choose
// the address the sign-in limit counts. Here the address is decided from the socket (and the
// proxies TRUST_PROXY_HOPS names) before Next sees the request. `npm start` and the end-to-end
// tests serve through this file.
import http from "node:http";
import path from "node:path";
import next from "next";
import { applyTrustedForwarding, trustProxyHopsOf } from "./lib/security/forwarded.mjs";
import { gracefulStop } from "./lib/server/graceful-stop.mjs";

const port = Number(process.env.PORT ?? 3000);
const hops = trustProxyHopsOf(process.env.TRUST_PROXY_HOPS);
const app = next({ dev: false, dir: path.dirname(new URL(import.meta.url).pathname), port });
const handle = app.getRequestHandler();

await app.prepare();
const server = http.createServer((req, res) => {
  stopping.onRequest(res);
  applyTrustedForwarding(req, hops);
  handle(req, res);
});
// A stop drains: requests in flight finish, keep-alive clients are told to close, the in-app
// activity worker hands its running activities back (lib/server/graceful-stop.mjs); at most
// STOP_DRAIN_SECONDS (10 by default), then what is left is closed.
const stopping = gracefulStop(server, { deadlineMs: Number(process.env.STOP_DRAIN_SECONDS ?? 10) * 1000 });
server.listen(port, () => console.log(`▲ Serving on http://localhost:${port} (client address: ${hops === 0 ? "the socket's peer" : `${hops} trusted proxy hop(s)`})`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    void stopping.stop().then((outcome) => {
      if (outcome === "deadline") console.warn("• Stopped at the drain deadline; requests still open were closed.");
      process.exit(0);
    });
  });
}
