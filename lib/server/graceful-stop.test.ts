import { describe, it, expect, afterEach } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { gracefulStop, onStop } from "./graceful-stop.mjs";

// The console's HTTP server stopping under a deploy: what is in flight finishes, keep-alive
// clients are let go, the stop hooks run, and a request that never ends cannot hold the stop.
const HOOKS = Symbol.for("console.stopHooks");

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, deadlineMs = 5_000) {
  const server = http.createServer((req, res) => {
    stopping.onRequest(res);
    handler(req, res);
  });
  const stopping = gracefulStop(server, { deadlineMs });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, stopping, port: (server.address() as AddressInfo).port };
}

function get(port: number, agent?: http.Agent): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", agent: agent ?? false }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
      })
      .on("error", reject);
  });
}

afterEach(() => {
  (globalThis as Record<symbol, unknown>)[HOOKS] = [];
});

describe("the server's graceful stop", () => {
  it("lets a request in flight finish, then refuses new connections", async () => {
    const { stopping, port } = await serve((_req, res) => setTimeout(() => res.end("finished"), 300));
    const inFlight = get(port);
    await sleep(50);
    const stopped = stopping.stop();
    expect(await inFlight).toMatchObject({ status: 200, body: "finished" });
    expect(await stopped).toBe("drained");
    await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("ends under steady keep-alive traffic: the answer in flight tells the client to close, long before the deadline", async () => {
    let answered = 0;
    let busy: () => void;
    const tenthRequest = new Promise<void>((r) => (busy = r));
    const { stopping, port } = await serve((_req, res) => {
      if (++answered === 10) busy();
      setTimeout(() => res.end("ok"), 30);
    }, 10_000);
    // One connection reused for ever: a plain close() would wait on it until the deadline.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const answers: { connection: string | undefined }[] = [];
    const client = (async () => {
      for (;;) {
        try {
          answers.push(await get(port, agent));
        } catch {
          return; // the server has gone: the client would go to another instance
        }
      }
    })();
    await tenthRequest;
    const t0 = Date.now();
    expect(await stopping.stop()).toBe("drained");
    expect(Date.now() - t0).toBeLessThan(1_000);
    await client;
    agent.destroy();
    expect(answers).toHaveLength(10);
    expect(answers.slice(0, 9).map((a) => a.connection)).toEqual(Array(9).fill("keep-alive"));
    expect(answers[9]!.connection).toBe("close");
  });

  it("runs the stop hooks (the activity worker hands its activities back) and waits for them", async () => {
    const { stopping } = await serve((_req, res) => res.end());
    const done: string[] = [];
    onStop(async () => {
      await sleep(200);
      done.push("worker stopped");
    });
    expect(await stopping.stop()).toBe("drained");
    expect(done).toEqual(["worker stopped"]);
  });

  it("closes what is still open at the deadline, and runs once however many signals come", async () => {
    const { stopping, port } = await serve(() => undefined /* never answers */, 300);
    const hanging = get(port);
    await sleep(50);
    const t0 = Date.now();
    const [a, b] = await Promise.all([stopping.stop(), stopping.stop()]);
    expect([a, b]).toEqual(["deadline", "deadline"]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
