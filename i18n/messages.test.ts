import { describe, it, expect } from "vitest";
import { loadMessages } from "./messages";

const en = await loadMessages("en");
const fr = await loadMessages("fr");

function leaves(o: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === "object") for (const [kk, vv] of leaves(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(prefix + k, String(v));
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe("message files", () => {
  const e = leaves(en);
  const f = leaves(fr);
  it("have the same keys in English and French", () => {
    expect([...f.keys()].sort()).toEqual([...e.keys()].sort());
  });
  it("use the same placeholders in both languages", () => {
    for (const [key, text] of e) expect(placeholders(f.get(key) ?? ""), key).toEqual(placeholders(text));
  });
  it("have no empty message", () => {
    for (const [key, text] of [...e, ...f]) expect(text.trim(), key).not.toBe("");
  });
});
