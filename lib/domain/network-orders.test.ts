import { describe, it, expect, test } from "vitest";
import { checkVlanPropagation } from "./network";
import { checkDatastoreOrderCount, checkNetworkCount, checkOrderOpen } from "./orders";
import { allViolations } from "./result";

describe("VLAN propagation", () => {
  const vlan = { id: "vlan-1", tag: 120, tenantId: "t1", organizationId: "o1" };

  it("within the organization: accepted, without a warning", () => {
    expect(checkVlanPropagation({ vlan, target: { tenantId: "t2", organizationId: "o1" } })).toEqual({ ok: true, value: undefined, warnings: [] });
  });

  it("across organizations: refused about this VLAN, naming its tag and the other tenant", () => {
    const d = checkVlanPropagation({ vlan, target: { tenantId: "t3", tenantName: "Other SA", organizationId: "o2" } });
    if (d.ok) throw new Error("accepted");
    expect(d.violations).toEqual([expect.objectContaining({ code: "VLAN.CROSS_ORGANIZATION", subject: "vlan-1" })]);
    expect(d.violations[0]!.message.en).toMatch(/^VLAN 120 can be propagated only to tenants of its own organization; Other SA belongs/);
    expect(d.violations[0]!.message.fr).toMatch(/^Le VLAN 120 ne se propage/);
  });

  it("a VLAN without a tag is named without one, and the tenant by its id when it has no name", () => {
    const untagged = { id: vlan.id, tenantId: vlan.tenantId, organizationId: vlan.organizationId };
    const d = checkVlanPropagation({ vlan: untagged, target: { tenantId: "t3", organizationId: "o2" } });
    if (d.ok) throw new Error("accepted");
    expect(d.violations[0]!.message.en).toMatch(/^VLAN can be propagated only to tenants of its own organization; t3 belongs/);
  });
});

describe("one open order per resource type and tenant", () => {
  it("accepts, without a warning, when no order of that type is open", () => {
    const orders = [
      { id: "o1", resourceType: "DATASTORE", status: "DELIVERED" },
      { id: "o2", resourceType: "HOST", status: "SUBMITTED" },
    ] as const;
    expect(checkOrderOpen("DATASTORE", orders)).toEqual({ ok: true, value: undefined, warnings: [] });
  });

  it("refuses a second open order with the figures and the id of the open one", () => {
    const d = checkOrderOpen("HOST", [{ id: "o2", resourceType: "HOST", status: "IN_REVIEW" }]);
    if (d.ok) throw new Error("accepted");
    expect(d.violations).toEqual([expect.objectContaining({ code: "ORDER.ALREADY_OPEN", limit: 1, actual: 2, unit: "orders", subject: "o2" })]);
    expect(d.violations[0]!.message.en).toContain("A host order (o2) is still open");
  });
});

describe("how many datastores or networks one order holds", () => {
  test.each([
    [1, false, 2],
    [2, true, undefined],
    [10, true, undefined],
    [11, false, 10],
  ] as const)("a datastore order of %i: accepted %s", (count, ok, limit) => {
    const d = checkDatastoreOrderCount(count);
    expect(d.ok).toBe(ok);
    if (!d.ok) expect(d.violations).toEqual([expect.objectContaining({ code: "ORDER.DATASTORE_COUNT", limit, actual: count, unit: "datastores" })]);
  });

  it("says what to do on each side of the range", () => {
    expect(allViolations(checkDatastoreOrderCount(1))[0]?.message.en).toBe("A datastore order holds 2 to 10 datastores; this one would hold 1. Order at least 2.");
    expect(allViolations(checkDatastoreOrderCount(12))[0]?.message.fr).toBe("Une commande de datastores en compte de 2 à 10 ; celle-ci en compterait 12. Répartissez-la en commandes de 10 au plus.");
  });

  test.each([
    [20, "order", true],
    [21, "order", false],
    [20, "propagation", true],
    [21, "propagation", false],
  ] as const)("%i networks in one %s: accepted %s", (count, what, ok) => {
    const d = checkNetworkCount(count, what);
    expect(d.ok).toBe(ok);
    if (!d.ok) expect(d.violations).toEqual([expect.objectContaining({ code: "ORDER.NETWORK_COUNT", limit: 20, actual: count, unit: "networks" })]);
  });
});
