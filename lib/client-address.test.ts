import { describe, it, expect } from "vitest";
import { clientAddress } from "./client-address";

describe("client address for the rate limits", () => {
  const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});
  it.each([
    // no proxy trusted: the rightmost entry (Next writes the socket's address there when the client sent none)
    ["203.0.113.9", 0, "203.0.113.9"],
    ["1.1.1.1, 203.0.113.9", 0, "203.0.113.9"],
    // one proxy: what it saw, whatever the client forged to its left
    ["forged, 198.51.100.4", 1, "198.51.100.4"],
    // two proxies: the second-to-last entry
    ["forged, 198.51.100.4, 10.0.0.2", 2, "198.51.100.4"],
    // fewer entries than hops: the leftmost
    ["198.51.100.4", 3, "198.51.100.4"],
  ] as const)("%s with %i trusted hops → %s", (xff, hops, expected) => {
    expect(clientAddress(h(xff), hops)).toBe(expected);
  });

  it("does not let a changing forged header change the address behind a trusted proxy", () => {
    const seen = new Set(["a", "b", "c"].map((f) => clientAddress(h(`${f}, 198.51.100.4`), 1)));
    expect([...seen]).toEqual(["198.51.100.4"]);
  });

  it("puts a request without the header apart from the others", () => {
    expect(clientAddress(h(), 0)).toBe("unknown");
  });
});
