import { describe, it, expect } from "vitest";
import type { DatastoreState } from "./storage";
import { planOrder, planRefused, type OrderPlanContext } from "./order-plan";
import type { SubmitOrderInput } from "@/lib/validation/orders";

const ctx = (over: Partial<OrderPlanContext> = {}): OrderPlanContext => ({ regionId: "FR1", openOrders: [], ...over });
const datastore = (over: Partial<DatastoreState> = {}): OrderPlanContext["datastore"] => ({
  id: "ds1",
  name: "ds-prd-standard-01",
  azId: "PAR7S",
  tier: "STANDARD",
  sizeGib: 1024,
  usedGib: 100,
  provisionedGib: 100,
  replication: null,
  vms: [],
  ...over,
});

describe("planOrder: what a new datastore gives and costs", () => {
  // Reference: 0.5 TB Standard → 750 IOPS; 10 TB Ultra → 150 000 IOPS. Demo prices per GiB and
  // month; the order's price is its datastores' (two unless it says).
  it.each<[SubmitOrderInput & { kind: "datastore" }, number | null, number]>([
    [{ kind: "datastore", azId: "PAR7S", tier: "STANDARD", sizeGib: 512 }, 750, 92.16],
    [{ kind: "datastore", azId: "TH3S", tier: "ULTRA", sizeGib: 10240, count: 2 }, 150000, 6553.6],
    [{ kind: "datastore", azId: "AZ07", tier: "ESSENTIEL", sizeGib: 500, count: 3 }, 244, 90],
    [{ kind: "datastore", azId: "PAR7S", tier: "MASS", sizeGib: 1500, count: 10 }, null, 360],
  ])("%j → %s IOPS, €%s a month", (input, iops, monthly) => {
    const plan = planOrder(input, ctx());
    expect(plan.figures.iops?.after).toBe(iops);
    expect(plan.figures.monthly.after).toBe(monthly);
    expect(plan.violations).toEqual([]);
    expect(plan.resourceType).toBe("DATASTORE");
  });

  it("says the minimum size and an IOPS figure the size cannot give, with numbers", () => {
    const plan = planOrder({ kind: "datastore", azId: "PAR7S", tier: "STANDARD", sizeGib: 400, requestedIops: 2000 }, ctx());
    expect(plan.violations.map((v) => [v.code, v.limit, v.actual])).toEqual([
      ["DATASTORE.MIN_SIZE", 500, 400],
      ["DATASTORE.IOPS_LIMIT", 585, 2000],
    ]);
    expect(planOrder({ kind: "datastore", azId: "PAR7S", tier: "STANDARD", sizeGib: 512, count: 11 }, ctx()).violations.map((v) => [v.code, v.limit, v.actual])).toEqual([["ORDER.DATASTORE_COUNT", 10, 11]]);
    expect(planRefused(plan)).toBe(true);
  });

  it("refuses while another order of the type is open, except the order being approved itself", () => {
    const open = ctx({ openOrders: [{ id: "o1", resourceType: "DATASTORE", status: "SUBMITTED" }] });
    const input: SubmitOrderInput = { kind: "datastore_resize", datastoreId: "ds1", sizeGib: 2048 };
    expect(planOrder(input, { ...open, datastore: datastore() }).violations.map((v) => [v.code, v.subject])).toEqual([["ORDER.ALREADY_OPEN", "o1"]]);
    expect(planOrder(input, { ...open, datastore: datastore() }, "o1").violations).toEqual([]);
    expect(planOrder({ kind: "vlan", networks: [{ tag: 120, name: "back" }] }, open).violations).toEqual([]);
  });
});

describe("planOrder: pools and hosts", () => {
  it("prices a pool per host and gives its memory range (3 hosts of 384 GB: 384–1152 GB)", () => {
    const plan = planOrder({ kind: "pool", azId: "PAR7S", nodeType: "STANDARD_V3", hostCount: 3, haEnabled: true }, ctx());
    expect(plan.figures.activatedMemoryGb).toEqual({ before: 0, after: 384, minGb: 384, maxGb: 1152 });
    expect(plan.figures.monthly.after).toBe(4200);
    expect(plan.summary).toBe("STANDARD v3 × 3 · PAR7S");
  });

  it("adds 128 GB per new host by default and re-checks the range and the 32-host cap", () => {
    const pool = { id: "p1", name: "prd-std-par7s", azId: "PAR7S", nodeType: "STANDARD_V3" as const, activatedMemoryGb: 1024, haEnabled: true, hosts: [1, 2, 3, 4].map((i) => ({ id: `h${i}`, maintenance: false })) };
    const two = planOrder({ kind: "hosts", poolId: "p1", count: 2 }, ctx({ pool }));
    expect(two.figures.activatedMemoryGb).toEqual({ before: 1024, after: 1280, minGb: 768, maxGb: 2304 });
    expect(two.figures.hosts).toEqual({ before: 4, after: 6, nodeType: "STANDARD_V3" });
    expect(two.violations).toEqual([]);
    const many = planOrder({ kind: "hosts", poolId: "p1", count: 29 }, ctx({ pool }));
    expect(many.violations.map((v) => [v.code, v.actual])).toContainEqual(["CPOOL.MAX_HOSTS", 33]);
  });
});

describe("planOrder: inventory findings next to their fields", () => {
  it("a VLAN tag already used, a size the datastore already has, its own tier", () => {
    expect(Object.keys(planOrder({ kind: "vlan", networks: [{ tag: 100, name: "front" }] }, ctx({ vlans: [{ tag: 100, name: "production-front" }] })).fields)).toEqual(["networks.0.tag"]);
    expect(Object.keys(planOrder({ kind: "datastore_resize", datastoreId: "ds1", sizeGib: 1024 }, ctx({ datastore: datastore() })).fields)).toEqual(["sizeGib"]);
    expect(Object.keys(planOrder({ kind: "datastore_tier", datastoreId: "ds1", tier: "STANDARD" }, ctx({ datastore: datastore() })).fields)).toEqual(["tier"]);
  });

  it.each<[SubmitOrderInput, Partial<OrderPlanContext>, string, string]>([
    [{ kind: "vlan", networks: [{ tag: 100, name: "front" }] }, { vlans: [{ tag: 100, name: "production-front" }] }, "VLAN.TAG_IN_USE", "networks.0.tag"],
    [{ kind: "vlan", networks: [{ tag: 101, name: "production-front" }] }, { vlans: [{ tag: 100, name: "production-front" }] }, "VLAN.NAME_IN_USE", "networks.0.name"],
    [{ kind: "datastore_resize", datastoreId: "ds1", sizeGib: 1024 }, { datastore: datastore() }, "ORDER.NO_CHANGE", "sizeGib"],
    [{ kind: "datastore_tier", datastoreId: "ds1", tier: "STANDARD" }, { datastore: datastore() }, "ORDER.NO_CHANGE", "tier"],
    [{ kind: "datastore", azId: "AZ99", tier: "STANDARD", sizeGib: 512 }, {}, "ORDER.ZONE_OUTSIDE_REGION", "azId"],
    [{ kind: "pool", azId: "AZ99", nodeType: "STANDARD_V3", hostCount: 3, haEnabled: true }, {}, "ORDER.ZONE_OUTSIDE_REGION", "azId"],
  ])("%j: each finding is a refusal with its code (%s on %s), the same sentence as the field's", (input, over, code, field) => {
    const plan = planOrder(input, ctx(over));
    expect(plan.fieldViolations.map((v) => [v.code, v.subject, v.severity])).toEqual([[code, field, "refuse"]]);
    expect(plan.fields[field]).toEqual(plan.fieldViolations[0]!.message);
  });

  it("prices a mirrored datastore's standby copy too when it grows", () => {
    const plan = planOrder({ kind: "datastore_resize", datastoreId: "ds1", sizeGib: 2048 }, ctx({ datastore: datastore({ replication: "GLOBAL_MIRROR" }) }));
    // Standard €0.09 per GiB, twice (the standby doubles the bill), plus Global Mirror per started TiB (€40).
    expect(plan.figures.monthly).toEqual({ before: 224.32, after: 448.64 });
    expect(plan.figures.iops).toEqual({ before: 1500, after: 3000 });
  });
});

describe("planOrder: a VLAN order of several networks (ORDER.NETWORK_COUNT: 20 at most)", () => {
  const networks = (n: number, from = 300) => Array.from({ length: n }, (_, i) => ({ tag: from + i, name: `net-${from + i}` }));

  it("20 networks pass, counted before and after; 21 are refused with limit 20 and actual 21", () => {
    const twenty = planOrder({ kind: "vlan", networks: networks(20) }, ctx({ vlans: [{ tag: 100, name: "front" }] }));
    expect(twenty.violations).toEqual([]);
    expect(twenty.fieldViolations).toEqual([]);
    expect(twenty.figures.networks).toEqual({ before: 1, after: 21, ordered: 20 });
    expect(twenty.summary).toBe(`20 VLANs: ${networks(20).map((n) => n.tag).join(", ")}`);

    const more = planOrder({ kind: "vlan", networks: networks(21) }, ctx());
    expect(more.violations.map((v) => [v.code, v.limit, v.actual, v.unit])).toEqual([["ORDER.NETWORK_COUNT", 20, 21, "networks"]]);
    expect(more.violations[0]!.message.en).toBe("One order holds at most 20 networks; this one would hold 21. Split it into several.");
    expect(more.violations[0]!.message.fr).toBe("Une commande compte au plus 20 réseaux ; celle-ci en compterait 21. Répartissez-la en plusieurs.");
    expect(planRefused(more)).toBe(true);
  });

  it("one network keeps its first summary", () => {
    expect(planOrder({ kind: "vlan", networks: [{ tag: 310, name: "back" }] }, ctx()).summary).toBe("VLAN 310 back");
  });

  it("a tag or a name twice in the same order is refused on the second row, naming both rows", () => {
    const plan = planOrder(
      { kind: "vlan", networks: [{ tag: 310, name: "back" }, { tag: 311, name: "front" }, { tag: 310, name: "db" }, { tag: 312, name: "front" }] },
      ctx(),
    );
    expect(plan.fieldViolations.map((v) => [v.code, v.subject, v.severity])).toEqual([
      ["VLAN.TAG_IN_USE", "networks.2.tag", "refuse"],
      ["VLAN.NAME_IN_USE", "networks.3.name", "refuse"],
    ]);
    expect(plan.fields["networks.2.tag"]!.en).toBe("VLAN 310 is in this order twice (networks 1 and 3); one tag names one network. Give each network its own tag.");
    expect(plan.fields["networks.3.name"]!.fr).toBe("Le nom front figure deux fois dans cette commande (réseaux 2 et 4). Donnez à chaque réseau son propre nom.");
  });

  it("a tag or a name the tenant already uses is refused on its own row", () => {
    const plan = planOrder({ kind: "vlan", networks: [{ tag: 320, name: "app" }, { tag: 100, name: "db" }, { tag: 321, name: "front" }] }, ctx({ vlans: [{ tag: 100, name: "front" }] }));
    expect(plan.fieldViolations.map((v) => [v.code, v.subject])).toEqual([
      ["VLAN.TAG_IN_USE", "networks.1.tag"],
      ["VLAN.NAME_IN_USE", "networks.2.name"],
    ]);
    expect(plan.fields["networks.2.name"]!.en).toBe("A VLAN named front already exists in this tenant (VLAN 100). Pick another name.");
  });
});
