import { describe, it, expect } from "vitest";
import { cursorAfter, cursorSort, pageOf, sliceList } from "./paging";
import { InvalidInputError } from "@/lib/errors";

const BY_NAME = cursorSort<{ id: string; name: string }>({ name: "name", dir: "asc", parts: ["string"], key: (r) => [r.name] });
const NEWEST = cursorSort<{ id: string; createdAt: Date }>({ name: "createdAt", dir: "desc", parts: ["date"], key: (r) => [r.createdAt] });

describe("keyset cursors", () => {
  it("round-trips the last row's key and id, and keeps the first page's size", () => {
    const c = cursorAfter(NEWEST, { id: "b", createdAt: new Date("2026-03-01T10:00:00.123Z") }, 7);
    expect(pageOf({ cursor: c, limit: 50 }, NEWEST)).toEqual({ pageSize: 7, count: false, after: { key: [new Date("2026-03-01T10:00:00.123Z")], id: "b" } });
  });

  it("counts only when asked", () => {
    expect(pageOf({ count: "true" }, BY_NAME).count).toBe(true);
    expect(pageOf({}, BY_NAME).count).toBe(false);
  });

  it.each([
    ["another order", cursorAfter(NEWEST, { id: "b", createdAt: new Date() }, 5)],
    ["truncated", cursorAfter(BY_NAME, { id: "b", name: "x" }, 5).slice(0, 10)],
    ["a date that is not one", Buffer.from(JSON.stringify({ s: "createdAt:desc", k: ["2026-13-45T00:00:00.000Z"], id: "x", l: 5 })).toString("base64url")],
    ["two keys for one column", Buffer.from(JSON.stringify({ s: "name:asc", k: ["a", "b"], id: "x", l: 5 })).toString("base64url")],
    ["an empty id", Buffer.from(JSON.stringify({ s: "name:asc", k: ["a"], id: "", l: 5 })).toString("base64url")],
    ["a fractional limit", Buffer.from(JSON.stringify({ s: "name:asc", k: ["a"], id: "x", l: 2.5 })).toString("base64url")],
  ])("refuses a cursor with %s, on the cursor field", (_what, cursor) => {
    let thrown: unknown;
    try {
      pageOf({ cursor }, BY_NAME);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidInputError);
    expect(Object.keys((thrown as InvalidInputError).fields)).toEqual(["cursor"]);
  });

  it("slices a whole list after the row a cursor names, even when that row is gone", () => {
    const all = ["d", "a", "c", "b", "e"].map((n) => ({ id: `id-${n}`, name: n }));
    const first = sliceList(all, { limit: 2 }, BY_NAME);
    expect(first.list.map((r) => r.name)).toEqual(["a", "b"]);
    const withoutB = all.filter((r) => r.name !== "b");
    const second = sliceList(withoutB, { cursor: first.nextCursor }, BY_NAME);
    expect(second.list.map((r) => r.name)).toEqual(["c", "d"]);
    const last = sliceList(withoutB, { cursor: second.nextCursor }, BY_NAME);
    expect(last).toMatchObject({ list: [{ name: "e" }], nextCursor: null });
  });
});
