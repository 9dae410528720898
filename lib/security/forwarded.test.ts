import { describe, it, expect } from "vitest";
import { applyTrustedForwarding, trustProxyHopsOf, trustedClientAddress } from "./forwarded.mjs";

// The address the sign-in limit counts is decided by the serving process from the socket: with
// no trusted proxy, whatever X-Forwarded-For a client writes is ignored.
describe("the client's address", () => {
  it.each([
    [undefined, "203.0.113.9", 0, "203.0.113.9"],
    ["198.51.100.1", "203.0.113.9", 0, "203.0.113.9"],
    ["1.1.1.1, 2.2.2.2", "::ffff:203.0.113.9", 0, "203.0.113.9"],
    // one trusted proxy (the socket's peer): what it appended
    ["forged, 198.51.100.4", "10.0.0.2", 1, "198.51.100.4"],
    // two: the entry the outer one appended
    ["forged, 198.51.100.4, 10.0.0.3", "10.0.0.2", 2, "198.51.100.4"],
    // a trusted entry that is not an address: the peer
    ["not-an-ip", "10.0.0.2", 1, "10.0.0.2"],
  ] as const)("X-Forwarded-For %s from %s with %i trusted hops → %s", (xff, peer, hops, expected) => {
    expect(trustedClientAddress(xff, peer, hops)).toBe(expected);
  });

  it("rotating a forged header does not rotate the address", () => {
    const seen = new Set([...Array(40)].map((_, i) => trustedClientAddress(`198.51.100.${i}`, "203.0.113.9", 0)));
    expect([...seen]).toEqual(["203.0.113.9"]);
  });

  it("rewrites the request's headers: one trusted address, and no client-chosen protocol without a trusted proxy", () => {
    const req = { headers: { "x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "https", "x-forwarded-host": "evil.test" } as Record<string, string>, socket: { remoteAddress: "203.0.113.9" } };
    applyTrustedForwarding(req as never, 0);
    expect(req.headers).toEqual({ "x-forwarded-for": "203.0.113.9" });
  });

  it.each([[undefined, 0], ["2", 2], ["-1", 0], ["11", 0], ["1.5", 0], ["x", 0]] as const)("TRUST_PROXY_HOPS=%s → %i", (v, n) => {
    expect(trustProxyHopsOf(v)).toBe(n);
  });
});
