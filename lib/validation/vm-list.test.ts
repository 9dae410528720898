import { describe, it, expect, test } from "vitest";
import { parseVmListQuery, vmListHref } from "./vm-list";

describe("VM list URL parameters", () => {
  it("defaults to the first page of 25 sorted by name", () => {
    expect(parseVmListQuery({})).toEqual({ sort: "name", dir: "asc", page: 1, pageSize: 25 });
  });

  test.each([
    [{ page: "0" }, { page: 1 }],
    [{ page: "abc" }, { page: 1 }],
    [{ page: "3" }, { page: 3 }],
    [{ pageSize: "1000" }, { pageSize: 25 }],
    [{ pageSize: "50" }, { pageSize: 50 }],
    [{ sort: "passwordHash" }, { sort: "name" }],
    [{ sort: "memoryGb", dir: "desc" }, { sort: "memoryGb", dir: "desc" }],
    [{ dir: "sideways" }, { dir: "asc" }],
    [{ state: "EXPLODED" }, { state: undefined }],
    [{ state: "SUSPENDED" }, { state: "SUSPENDED" }],
    [{ q: "  web  " }, { q: "web" }],
    [{ q: "x".repeat(101) }, { q: undefined }],
    [{ tag: "env:prod" }, { tag: "env:prod" }],
    [{ q: ["db", "web"] }, { q: "db" }],
  ])("%j → %j", (input, expected) => {
    expect(parseVmListQuery(input)).toMatchObject(expected);
  });

  it("writes only non-default values into a link, and round-trips", () => {
    const base = "/t/production/compute/vms";
    const q = parseVmListQuery({ q: "web", state: "POWERED_ON", sort: "memoryGb", dir: "desc", page: "2" });
    const href = vmListHref(base, q);
    expect(href).toBe(`${base}?q=web&state=POWERED_ON&sort=memoryGb&dir=desc&page=2`);
    expect(parseVmListQuery(Object.fromEntries(new URL(href, "http://x").searchParams))).toEqual(q);
    expect(vmListHref(base, parseVmListQuery({}))).toBe(base);
  });
});
