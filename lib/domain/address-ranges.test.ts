import { describe, expect, test } from "vitest";
import { addressAllowed, checkAddressAllowed, checkAllowedRangesSave, hostRange, parseCidr } from "./address-ranges";
import { allowedRangesSchema } from "@/lib/validation/allowed-ranges";

describe("the matcher", () => {
  test.each([
    ["10.1.2.3", "10.0.0.0/8", true],
    ["192.168.2.1", "192.168.1.0/24", false],
    ["192.168.1.255", "192.168.1.0/24", true],
    ["::ffff:10.1.2.3", "10.0.0.0/8", true],
    ["::ffff:11.1.2.3", "10.0.0.0/8", false],
    ["2001:db8:1234::1", "2001:db8::/32", true],
    ["2001:db9::1", "2001:db8::/32", false],
    ["10.1.2.3", "2001:db8::/32", false],
    ["2001:db8::1", "10.0.0.0/8", false],
    ["10.1.2.3", "::ffff:0:0/96", true],
    ["127.0.0.1", "127.0.0.1/32", true],
    ["127.0.0.2", "127.0.0.1", false],
    ["::1", "::1/128", true],
    ["203.0.113.7", "0.0.0.0/0", true],
    ["unknown", "0.0.0.0/0", false],
    ["", "0.0.0.0/0", false],
  ])("%s in %s: %s", (address, cidr, inside) => {
    expect(addressAllowed(address, [cidr])).toBe(inside);
  });

  test("an empty list restricts nothing, even an unknown address", () => {
    expect(addressAllowed("203.0.113.7", [])).toBe(true);
    expect(addressAllowed("unknown", [])).toBe(true);
  });

  test("any range of the list lets an address in", () => {
    expect(addressAllowed("198.51.100.9", ["10.0.0.0/8", "198.51.100.0/24"])).toBe(true);
    expect(addressAllowed("198.51.101.9", ["10.0.0.0/8", "198.51.100.0/24"])).toBe(false);
  });

  test("the refusal names the rule, the address and what to do", () => {
    const d = checkAddressAllowed({ address: "192.168.2.1", cidrs: ["192.168.1.0/24"], tenantName: "Production" });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.violations[0]!.code).toBe("IAM.ADDRESS_NOT_ALLOWED");
    expect(d.violations[0]!.message.en).toContain("192.168.2.1");
    expect(d.violations[0]!.message.en).toMatch(/Ask an owner of Production to add a range/);
    expect(d.violations[0]!.message.fr).toContain("192.168.2.1");
  });

  test("a list that shuts out the address it is saved from is refused; a local caller (no address) is not checked", () => {
    const d = checkAllowedRangesSave({ cidrs: ["10.0.0.0/8"], savingFrom: "127.0.0.1" });
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.violations[0]!.message.en).toContain("127.0.0.1/32");
    expect(checkAllowedRangesSave({ cidrs: [], savingFrom: "127.0.0.1" }).ok).toBe(true);
    expect(checkAllowedRangesSave({ cidrs: ["10.0.0.0/8"], savingFrom: undefined }).ok).toBe(true);
    expect(checkAllowedRangesSave({ cidrs: ["10.0.0.0/8"], savingFrom: "unknown" }).ok).toBe(false);
  });

  test("hostRange", () => {
    expect(hostRange("::ffff:127.0.0.1")).toBe("127.0.0.1/32");
    expect(hostRange("2001:db8::1")).toBe("2001:db8::1/128");
  });
});

describe("parsing a CIDR", () => {
  test.each([
    ["10.0.0.0/8", "10.0.0.0/8"],
    [" 192.168.1.0/24 ", "192.168.1.0/24"],
    ["2001:db8::/32", "2001:db8::/32"],
    ["2001:0DB8:0000::/32", "2001:db8::/32"],
    ["203.0.113.7", "203.0.113.7/32"],
    ["::1", "::1/128"],
    ["0.0.0.0/0", "0.0.0.0/0"],
  ])("%s is %s", (text, cidr) => {
    const r = parseCidr(text);
    expect(r.ok && r.range.cidr).toBe(cidr);
  });

  test.each(["10/8", "0x0a.0.0.0/8", "10.0.0.0/33", "2001:db8::/129", "256.0.0.0/8", "10.0.0.0/-1", "10.0.0.0/8/8", "fe80::1%eth0/64", "", "abc", "10.1.2.3/8"])("%j is refused", (text) => {
    expect(parseCidr(text).ok).toBe(false);
  });

  test("bits after the prefix: the sentence proposes the network", () => {
    const r = parseCidr("10.1.2.3/8");
    expect(!r.ok && r.message.en).toContain("10.0.0.0/8");
  });
});

describe("the form's schema", () => {
  test("an invalid CIDR is refused naming its field", () => {
    const r = allowedRangesSchema.safeParse({ ranges: [{ cidr: "10.0.0.0/8", label: "office" }, { cidr: "10.0.0.0/33", label: "vpn" }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["ranges.1.cidr"]);
  });

  test("a range without a label, and the same range twice, are refused naming the field", () => {
    const r = allowedRangesSchema.safeParse({ ranges: [{ cidr: "10.0.0.0/8", label: " " }, { cidr: "10.0.0.0/8", label: "again" }] });
    expect(r.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["ranges.0.label", "ranges.1.cidr"]);
  });

  test("ranges are normalised; an empty list is allowed", () => {
    expect(allowedRangesSchema.parse({ ranges: [{ cidr: " 2001:0db8::/32", label: " lab " }] })).toEqual({ ranges: [{ cidr: "2001:db8::/32", label: "lab" }] });
    expect(allowedRangesSchema.parse({ ranges: [] })).toEqual({ ranges: [] });
  });
});
