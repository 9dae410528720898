// Serves the production build. The only reason this is not plain `next start`: Next hands route
// handlers no socket, and keeps an X-Forwarded-For the client wrote, so a client could choose
// the address the sign-in limit counts. Here the address is decided from the socket (and the
// proxies TRUST_PROXY_HOPS names) before Next sees the request. `npm start` and the end-to-end
// tests serve through this file.
import http from "node:http";
import path from "node:path";
import next from "next";
import { applyTrustedForwarding, trustProxyHopsOf } from "./lib/security/forwarded.mjs";

const port = Number(process.env.PORT ?? 3000);
const hops = trustProxyHopsOf(process.env.TRUST_PROXY_HOPS);
const app = next({ dev: false, dir: path.dirname(new URL(import.meta.url).pathname), port });
const handle = app.getRequestHandler();

await app.prepare();
const server = http.createServer((req, res) => {
  applyTrustedForwarding(req, hops);
  handle(req, res);
});
server.listen(port, () => console.log(`▲ Serving on http://localhost:${port} (client address: ${hops === 0 ? "the socket's peer" : `${hops} trusted proxy hop(s)`})`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 4000).unref();
  });
}
