import { describe, expect, it, test } from "vitest";
import { allocateNicAddress, checkNicMac, generateMac, hostRange, nextNicLabel, normalizeMac, subnetForTag, type MacHolder } from "./nics";
import { applyOverride, allViolations } from "./result";
import { NIC_TYPES, VMWARE_MAC_PREFIX } from "./catalogue";

const web01: MacHolder = { id: "nic1", mac: "00:50:56:0a:1b:2c", label: "Network adapter 1", vmName: "web-01" };

describe("DOMAIN.md's adapters", () => {
  it("are E1000 or VMXNET3, and generated MACs carry VMware's prefix 00:50:56", () => {
    expect([...NIC_TYPES].sort()).toEqual(["E1000", "VMXNET3"]);
    expect(VMWARE_MAC_PREFIX).toBe("00:50:56");
  });
});

describe("the MAC format", () => {
  test.each([
    ["00:50:56:0a:1b:2c", "00:50:56:0a:1b:2c"],
    ["00:50:56:0A:1B:2C", "00:50:56:0a:1b:2c"],
    ["00-50-56-0A-1B-2C", "00:50:56:0a:1b:2c"],
    [" 02:00:00:00:00:01 ", "02:00:00:00:00:01"],
  ])("%s is a MAC, stored as %s", (input, stored) => {
    expect(normalizeMac(input)).toBe(stored);
    expect(checkNicMac(input, [])).toEqual({ ok: true, value: stored, warnings: [] });
  });

  test.each([
    ["00:50:56:0a:1b", "five pairs"],
    ["00:50:56:0a:1b:2c:3d", "seven pairs"],
    ["00:50:56:0a:1b:2g", "not hexadecimal"],
    ["00:50-56:0a:1b:2c", "mixed separators"],
    ["0050560a1b2c", "no separators"],
    ["01:00:5e:00:00:01", "multicast"],
    ["ff:ff:ff:ff:ff:ff", "broadcast"],
    ["", "empty"],
  ])("%s is refused with INPUT.INVALID (%s), naming the value", (input) => {
    const d = checkNicMac(input, []);
    expect(d.ok).toBe(false);
    const [v] = allViolations(d);
    expect(v).toMatchObject({ code: "INPUT.INVALID", subject: "mac", severity: "refuse" });
    expect(v!.message.en).toContain(`${input} is not a MAC address`);
  });
});

describe("NIC.DUPLICATE_MAC (hard)", () => {
  it("refuses a MAC another adapter of the tenant holds, naming the MAC, the adapter and its VM, in both languages", () => {
    const d = checkNicMac("00:50:56:0A:1B:2C", [web01]);
    expect(d.ok).toBe(false);
    const [v] = allViolations(d);
    expect(v).toMatchObject({ code: "NIC.DUPLICATE_MAC", subject: "nic1", severity: "refuse" });
    expect(v!.message.en).toBe(
      "Two network adapters of one tenant never share a MAC address: 00:50:56:0a:1b:2c is already that of Network adapter 1 of web-01. Give another MAC, or leave it empty to have one generated.",
    );
    expect(v!.message.fr).toContain("00:50:56:0a:1b:2c est déjà celle de Network adapter 1 de web-01");
  });

  it("stays refused with an override reason", () => {
    const d = checkNicMac("00:50:56:0a:1b:2c", [web01]);
    expect(applyOverride(allViolations(d), { reason: "the licence server is bound to this MAC" }).map((v) => [v.code, v.overridden])).toEqual([["NIC.DUPLICATE_MAC", undefined]]);
  });

  it("lets an adapter keep its own MAC, and accepts one no adapter holds", () => {
    expect(checkNicMac("00:50:56:0a:1b:2c", [web01], "nic1").ok).toBe(true);
    expect(checkNicMac("00:50:56:0a:1b:2d", [web01]).ok).toBe(true);
  });
});

describe("a generated MAC", () => {
  it("is 00:50:56 and three octets in vCenter's generated range (80–bf), a valid unicast MAC", () => {
    for (let i = 0; i < 200; i++) {
      const mac = generateMac(new Set());
      expect(mac).toMatch(/^00:50:56:[89ab][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}$/);
      expect(normalizeMac(mac)).toBe(mac);
    }
  });

  it("never is a MAC already taken, even when the random draw keeps landing on one", () => {
    const stuck = () => 0; // always 00:50:56:80:00:00
    const taken = new Set(["00:50:56:80:00:00", "00:50:56:80:00:01"]);
    expect(generateMac(taken, stuck)).toBe("00:50:56:80:00:02");
    expect(generateMac(new Set(), stuck)).toBe("00:50:56:80:00:00");
    expect(generateMac(new Set(), () => 0.999999999)).toBe("00:50:56:bf:ff:ff");
  });
});

describe("adapter labels", () => {
  test.each([
    [[], "Network adapter 1"],
    [["Network adapter 1"], "Network adapter 2"],
    [["Network adapter 1", "Network adapter 3"], "Network adapter 4"],
  ] as const)("after %j comes %s", (labels, next) => {
    expect(nextNicLabel(labels)).toBe(next);
  });
});

describe("adapter addresses", () => {
  it("gives each VLAN the /24 of its tag in the provider's plan", () => {
    expect(subnetForTag(120)).toBe("10.0.120.0/24");
    expect(subnetForTag(256)).toBe("10.1.0.0/24");
    expect(subnetForTag(4094)).toBe("10.15.254.0/24");
  });

  it("keeps .1 for the gateway and .2–.9 for the provider: adapters get .10–.254, 245 addresses", () => {
    expect(hostRange("10.0.120.0/24")).toEqual({ first: "10.0.120.10", last: "10.0.120.254", gateway: "10.0.120.1", size: 245 });
  });

  it("gives the lowest free address, none on a VLAN without a subnet, and refuses a full one (NIC.SUBNET_FULL, hard) with its figures", () => {
    const vlan = { tag: 120, name: "front", subnet: "10.0.120.0/24" };
    expect(allocateNicAddress(vlan, new Set())).toMatchObject({ ok: true, value: "10.0.120.10" });
    expect(allocateNicAddress(vlan, new Set(["10.0.120.10", "10.0.120.11", "10.0.120.13"]))).toMatchObject({ ok: true, value: "10.0.120.12" });
    expect(allocateNicAddress({ ...vlan, subnet: null }, new Set())).toMatchObject({ ok: true, value: null });
    const all = new Set(Array.from({ length: 245 }, (_, i) => `10.0.120.${10 + i}`));
    const full = allocateNicAddress(vlan, all);
    expect(full).toMatchObject({ ok: false, violations: [{ code: "NIC.SUBNET_FULL", severity: "refuse", limit: 245, actual: 246 }] });
    expect(full.ok ? "" : full.violations[0]!.message.en).toBe(
      "front (VLAN 120) has no free address: its 10.0.120.0/24 gives adapters 245 addresses (10.0.120.10–10.0.120.254) and every one is held: this adapter would need a 246th. Remove an adapter from it, or put this one on another VLAN.",
    );
  });
});
