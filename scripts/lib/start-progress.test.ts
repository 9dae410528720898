import { describe, it, expect } from "vitest";
import http from "node:http";
import { startProgressServer } from "./start-progress.mjs";
import { freePort } from "./free-port";

// A newcomer's first `npm start` takes a minute or two: the port answers from the first seconds
// with the steps, and hands itself over to the console when it is ready.

const get = (port: number, path = "/") => fetch(`http://127.0.0.1:${port}${path}`, { headers: { connection: "close" } });

describe("the start's progress page", () => {
  it("answers every path with 503, Retry-After and the steps, then follows them as they change", async () => {
    const port = await freePort();
    const progress = startProgressServer(port, { steps: { install: "done" } });
    try {
      expect(await progress.listening).toBe(true);
      progress.step("database", "running");
      const page = await get(port, "/t/production/compute/vms");
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toBe("2");
      const html = await page.text();
      expect(html).toContain('<li data-step="install" data-state="done">Installing dependencies (npm ci)</li>');
      expect(html).toContain('<li data-step="database" data-state="running">Starting the database</li>');
      expect(html).toContain('<li data-step="build" data-state="pending">');

      progress.step("database", "done");
      progress.step("seed", "skipped");
      const json = await get(port, "/__start/progress");
      expect(json.headers.get("content-type")).toBe("application/json");
      expect(await json.json()).toEqual({ steps: { install: "done", database: "done", seed: "skipped" } });
    } finally {
      await progress.close();
    }
  });

  it("escapes a failure's text", async () => {
    const port = await freePort();
    const progress = startProgressServer(port);
    try {
      await progress.listening;
      progress.fail('relation "Vm" <does not exist>');
      expect(await (await get(port)).text()).toContain("relation &#34;Vm&#34; &#60;does not exist&#62;");
    } finally {
      await progress.close();
    }
  });

  it("frees the port at close, so the console can take it over at once", async () => {
    const port = await freePort();
    const progress = startProgressServer(port);
    await progress.listening;
    await get(port);
    await progress.close();
    const console = http.createServer((_req, res) => res.end("the console"));
    await new Promise<void>((resolve, reject) => console.once("error", reject).listen(port, resolve));
    try {
      expect(await (await get(port)).text()).toBe("the console");
    } finally {
      await new Promise((r) => console.close(r));
    }
  });

  it("steps aside when the port is taken (another console runs): the start goes on and fails later with the real reason", async () => {
    const port = await freePort();
    const other = http.createServer((_req, res) => res.end("another console"));
    await new Promise<void>((r) => other.listen(port, r));
    try {
      const progress = startProgressServer(port);
      expect(await progress.listening).toBe(false);
      await progress.close();
      expect(await (await get(port)).text()).toBe("another console");
    } finally {
      await new Promise((r) => other.close(r));
    }
  });
});
