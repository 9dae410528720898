import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { CLIENT_NAMESPACES } from "./config";

const root = path.resolve(import.meta.dirname, "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe("messages shipped to the browser", () => {
  it("cover every namespace a client component translates with", () => {
    const used = new Set<string>();
    for (const f of [...files(path.join(root, "app")), ...files(path.join(root, "components"))]) {
      const src = readFileSync(f, "utf8");
      if (!/^["']use client["']/m.test(src)) continue;
      for (const m of src.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)) used.add(m[1] ?? "(all)");
    }
    expect(used.has("(all)"), "a client component takes every namespace").toBe(false);
    for (const ns of used) expect(CLIENT_NAMESPACES as readonly string[], `namespace "${ns}"`).toContain(ns.split(".")[0]);
  });
});
