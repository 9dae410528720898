// How the console's HTTP server stops (a deploy, Ctrl-C): it stops accepting connections, lets
// the requests in flight finish, and tells keep-alive clients to close (under steady traffic a
// client reuses its connection for ever, so a plain close() never ends); meanwhile the process's
// stop hooks run (the activity worker hands its running activities back). Whatever is still open
// at the deadline is closed. Plain JavaScript: server.mjs runs it before any bundling.

const HOOKS = Symbol.for("console.stopHooks");

/** Something to do before the process exits (the in-app activity worker registers its stop). */
export function onStop(hook) {
  (globalThis[HOOKS] ??= []).push(hook);
}

function stopHooks() {
  return globalThis[HOOKS] ?? [];
}

/**
 * The server's stop, run once however many signals arrive. Resolves "drained" when every
 * connection has closed and every hook has returned, or "deadline" after `deadlineMs`, having
 * closed what was left.
 */
export function gracefulStop(server, { deadlineMs = 10_000 } = {}) {
  let draining = false;
  let done;
  const unanswered = new Set();
  const letGo = (res) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  };
  return {
    /** Called first for every request: an answer given while draining closes its connection. */
    onRequest(res) {
      if (draining) return letGo(res);
      unanswered.add(res);
      res.on("close", () => unanswered.delete(res));
    },
    get draining() {
      return draining;
    },
    stop() {
      done ??= (async () => {
        draining = true;
        for (const res of unanswered) letGo(res);
        const closed = new Promise((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // A keep-alive connection goes idle between two requests: close it then.
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        let timer;
        const deadline = new Promise((resolve) => (timer = setTimeout(() => resolve("deadline"), deadlineMs)));
        const finished = Promise.all([closed, Promise.allSettled(stopHooks().map((h) => h()))]).then(() => "drained");
        const outcome = await Promise.race([finished, deadline]);
        clearInterval(idle);
        clearTimeout(timer);
        if (outcome === "deadline") server.closeAllConnections();
        return outcome;
      })();
      return done;
    },
  };
}
