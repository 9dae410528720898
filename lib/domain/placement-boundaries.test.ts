import { describe, expect, it } from "vitest";
import { checkAffinityRule } from "./affinity";
import { checkPlacement, indexPool, planPlacement, type PlacementVm } from "./placement";
import type { PoolState } from "./pool";
import { allViolations, type Decision } from "./result";
import { makeDatastore, makePool } from "./testing/fixtures";

// Cases the mutation run (npm run test:mutation) found untested in placement.ts and affinity.ts.

const codes = (d: Decision<unknown>) => allViolations(d).map((v) => v.code);
const vm = (memoryGb: number, extra: Partial<PlacementVm> = {}): PlacementVm => ({ id: "new", name: "web-09", memoryGb, poweredOn: true, iopsDemand: 0, encryption: "NONE", ...extra });
const named = (pool: PoolState): PoolState => ({ ...pool, name: "prod", hosts: pool.hosts.map((h) => ({ ...h, name: `esx-${h.id}` })) });

describe("indexPool", () => {
  it("counts running VMs per host and in the pool, places every placed VM, and leaves out the VM being moved", () => {
    const pool = makePool({ vms: [{ id: "a", memoryGb: 10, host: 0 }, { id: "b", memoryGb: 20, host: 0, poweredOn: false }, { id: "c", memoryGb: 40, host: null }, { id: "d", memoryGb: 80, host: 1 }] });
    const i = indexPool(pool, "d");
    expect(i.poolUsedGb).toBe(50);
    expect([...i.hostUsedGb]).toEqual([["h0", 10]]);
    expect([...i.hostOfVm]).toEqual([["a", "h0"], ["b", "h0"]]);
  });
});

describe("hosts the placement may use", () => {
  it("a host picked in maintenance: refused, naming it, and no candidate", () => {
    const pool = named(makePool({ maintenance: [1] }));
    const plan = planPlacement(pool, vm(8), "h1", indexPool(pool));
    expect(plan.candidates).toEqual([]);
    expect(plan.violations).toEqual([expect.objectContaining({ code: "HOST.MAINTENANCE_CAPACITY", subject: "h1" })]);
    expect(plan.violations[0]?.message.en).toBe("Host esx-h1 is in maintenance and takes no VMs until it leaves it. Pick another host or let the console choose.");
  });

  it("every host in maintenance: refused, with the count", () => {
    const d = checkPlacement({ pool: makePool({ hosts: 2, maintenance: [0, 1] }), vm: vm(8, { poweredOn: false }) });
    expect(allViolations(d)).toEqual([expect.objectContaining({ code: "HOST.MAINTENANCE_CAPACITY", limit: 1, actual: 0, unit: "hosts" })]);
  });

  it("throws for a picked host not in the pool, naming it", () => {
    expect(() => checkPlacement({ pool: makePool(), vm: vm(8), hostId: "nope" })).toThrow("host nope is not in pool pool1");
  });
});

describe("affinity rules in placement", () => {
  it("anti-affinity ruling out the host picked, or every host, says which", () => {
    const pool = named(makePool({ hosts: 2, vms: [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 1 }], rules: [{ kind: "ANTI_AFFINITY", vmIds: ["a", "b", "new"] }] }));
    const rule = { ...pool, affinityRules: pool.affinityRules.map((r) => ({ ...r, name: "spread" })) };
    const picked = allViolations(checkPlacement({ pool: rule, vm: vm(8), hostId: "h0" }));
    expect(picked).toEqual([expect.objectContaining({ code: "AFFINITY.VIOLATION", subject: "rule0" })]);
    expect(picked[0]?.message.en).toBe("Anti-affinity rule “spread” keeps web-09 away from hosts already running its other VMs (2 hosts); that rules out the host picked. Add a host, pick another, or disable the rule.");
    expect(picked[0]?.message.fr).toContain("cela exclut l’hôte choisi");
    const any = allViolations(checkPlacement({ pool, vm: vm(200, { name: undefined }) }));
    // Only the rule is said: no host was picked, so no host share is measured.
    expect(any.map((v) => v.code)).toEqual(["AFFINITY.VIOLATION"]);
    expect(any[0]?.message.en).toBe("Anti-affinity rule “rule0” keeps new away from hosts already running its other VMs (2 hosts); that rules out any available host. Add a host, pick another, or disable the rule.");
    expect(any[0]?.message.fr).toContain("cela exclut tous les hôtes disponibles");
  });

  it("affinity follows the rule's placed VMs, whatever their power; unplaced ones bind nothing", () => {
    const pool = makePool({ vms: [{ id: "a", memoryGb: 8, host: 1, poweredOn: false }, { id: "b", memoryGb: 8, host: null }], rules: [{ kind: "AFFINITY", vmIds: ["a", "b", "new"] }] });
    expect(checkPlacement({ pool, vm: vm(8) })).toEqual({ ok: true, value: { hostId: "h1" }, warnings: [] });
    const loose = makePool({ vms: [{ id: "b", memoryGb: 8, host: null }], rules: [{ kind: "AFFINITY", vmIds: ["b", "new"] }] });
    expect(checkPlacement({ pool: loose, vm: vm(8) }).ok).toBe(true);
  });

  it("affinity whose VMs already run on two hosts refuses, saying so", () => {
    const pool = makePool({ vms: [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 1 }], rules: [{ kind: "AFFINITY", vmIds: ["a", "b", "new"] }] });
    const d = allViolations(checkPlacement({ pool, vm: vm(8) }));
    expect(d.map((v) => v.code)).toEqual(["AFFINITY.VIOLATION"]);
    expect(d[0]?.message.en).toBe("Affinity rule “rule0” keeps its VMs on one host, but they already run on 2 hosts. Bring them together first, or disable the rule.");
  });

  it("two rules each allowing some hosts but none together: one violation naming both", () => {
    const pool = makePool({
      hosts: 2,
      vms: [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 0 }],
      rules: [
        { id: "with-a", kind: "AFFINITY", vmIds: ["a", "new"] },
        { id: "apart-b", kind: "ANTI_AFFINITY", vmIds: ["b", "new"] },
      ],
    });
    const d = allViolations(checkPlacement({ pool, vm: vm(8) }));
    expect(d).toEqual([expect.objectContaining({ code: "AFFINITY.VIOLATION", subject: "with-a" })]);
    expect(d[0]?.message.en).toBe("Rules “with-a”, “apart-b” each allow some hosts for web-09, but no host satisfies them all. Disable one of them or add a host.");
    expect(d[0]?.message.fr).toBe("Les règles « with-a », « apart-b » autorisent chacune des hôtes pour web-09, mais aucun ne les satisfait toutes. Désactivez l’une d’elles ou ajoutez un hôte.");
  });

  it("one rule allowing no host at all: only that rule is said", () => {
    const pool = makePool({
      hosts: 2,
      vms: [{ id: "a", memoryGb: 8, host: 0 }, { id: "b", memoryGb: 8, host: 1 }, { id: "c", memoryGb: 8, host: 0 }],
      rules: [
        { id: "apart", kind: "ANTI_AFFINITY", vmIds: ["a", "b", "new"] },
        { id: "with-c", kind: "AFFINITY", vmIds: ["c", "new"] },
      ],
    });
    expect(allViolations(checkPlacement({ pool, vm: vm(8) })).map((v) => v.subject)).toEqual(["apart"]);
  });
});

describe("a host's share in messages", () => {
  const pool = named(makePool({ hosts: 4, vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }, { memoryGb: 100, host: 3 }] }));

  it("names the host picked", () => {
    const [v] = allViolations(checkPlacement({ pool, vm: vm(29), hostId: "h2" }));
    expect(v?.message.en).toBe("Host esx-h2 may carry 128 GB (its share of the pool's activated memory); with this VM it would carry 129 GB. Pick another host, Activate more memory or add a host.");
  });

  it("names the least loaded host the engine chose", () => {
    const [v] = allViolations(checkPlacement({ pool, vm: vm(29) }));
    expect(v?.message.en).toBe("The least loaded eligible host, esx-h0, may carry 128 GB (its share of the pool's activated memory); with this VM it would carry 129 GB. Activate more memory or add a host.");
    expect(v?.message.fr).toContain("L’hôte éligible le moins chargé, esx-h0,");
  });
});

describe("the Global Mirror side door", () => {
  it("a VM already on the mirrored datastore, among others, moves between hosts", () => {
    const gm = makeDatastore({ replication: "GLOBAL_MIRROR", vms: [{ id: "other", memoryGb: 8 }, { id: "there", memoryGb: 8, poweredOn: false }] });
    const pool = makePool({ vms: [{ id: "there", memoryGb: 8, host: 0, poweredOn: false }] });
    expect(checkPlacement({ pool, vm: vm(8, { id: "there", encryption: "ENCRYPTED" }), datastore: gm }).ok).toBe(true);
  });
});

describe("checkAffinityRule, beyond feasibility", () => {
  const pool = { ...makePool({ hosts: 2 }), name: "prod" };
  const vms = (...list: [string, number, string?][]) => list.map(([id, memoryGb, poolId]) => ({ id, name: `vm-${id}`, memoryGb, poolId: poolId ?? "pool1" }));

  it("returns the rule with each VM once", () => {
    expect(checkAffinityRule(pool, { kind: "ANTI_AFFINITY", vms: vms(["a", 8], ["b", 8], ["a", 8]) })).toEqual({ ok: true, value: { kind: "ANTI_AFFINITY", vmIds: ["a", "b"] }, warnings: [] });
  });

  it("counts a VM named twice once in an affinity's memory", () => {
    // 256 GB on 2 hosts: 128 GB per host; a + b = 120 GB fits, a twice would not.
    expect(checkAffinityRule(pool, { kind: "AFFINITY", vms: vms(["a", 60], ["a", 60], ["b", 60]) }).ok).toBe(true);
  });

  it("names the VMs of another pool, the pool, and the figures", () => {
    const d = allViolations(checkAffinityRule(pool, { kind: "AFFINITY", vms: vms(["a", 8], ["x", 8, "p2"], ["y", 8, "p3"]) }));
    expect(d[0]).toMatchObject({ code: "AFFINITY.UNSATISFIABLE", limit: 0, actual: 2, unit: "VMs" });
    expect(d[0]?.message.en).toBe("Rules bind VMs of one pool only; 2 VM(s) (vm-x, vm-y) are not in pool prod. Remove them from the rule.");
    const alone = allViolations(checkAffinityRule(pool, { kind: "AFFINITY", vms: vms(["a", 8]) }));
    expect(alone[0]).toMatchObject({ limit: 2, actual: 1, unit: "VMs" });
    const big = allViolations(checkAffinityRule(pool, { kind: "AFFINITY", vms: vms(["a", 100], ["b", 100]) }));
    expect(big[0]).toMatchObject({ limit: 128, actual: 200, unit: "GB" });
  });

  it("an affinity rule on a pool with every host in maintenance has no host to share", () => {
    const down = makePool({ hosts: 2, maintenance: [0, 1] });
    expect(allViolations(checkAffinityRule(down, { kind: "AFFINITY", vms: vms(["a", 1], ["b", 1]) }))[0]).toMatchObject({ code: "AFFINITY.UNSATISFIABLE", limit: 0, actual: 2 });
  });
});
