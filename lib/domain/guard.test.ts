import fc from "fast-check";
import { describe, expect, it, test } from "vitest";
import * as domain from "./index";
import { allViolations, type Decision } from "./result";
import { makeDatastore, makePool, plainVm } from "./testing/fixtures";
import { runs } from "./testing/runs";

// Every exported decision, with a valid input and the path of each figure it reads. The property:
// whichever figure is replaced by something no honest form sends, the decision refuses with
// INPUT.INVALID naming that field, and nothing else (no rule ran on the bad figure).

type Kind = "whole" | "amount" | "whole1" | "date";
type Field = { path: string; kind: Kind };
type Case = {
  /** The decision's arguments, valid. */
  args: () => unknown[];
  /** How the guard names the figures of each argument ("" when the argument's own keys are the names). */
  prefixes: string[];
  fields: Field[];
  run: (args: unknown[]) => Decision<unknown>;
};

const now = new Date("2026-03-01T12:00:00Z");
const pool = () => makePool({ vms: [{ id: "a", memoryGb: 8, host: 0, iopsDemand: 10 }] });
const ds = () => makeDatastore({ usedGib: 100, vms: [{ id: "a", memoryGb: 8, iopsDemand: 10 }] });
const poolFields = (p: string): Field[] => [
  { path: `${p}.activatedMemoryGb`, kind: "amount" },
  { path: `${p}.vms.0.memoryGb`, kind: "amount" },
  { path: `${p}.vms.0.iopsDemand`, kind: "whole" },
];
const dsFields = (p: string): Field[] => [
  { path: `${p}.sizeGib`, kind: "amount" },
  { path: `${p}.usedGib`, kind: "amount" },
  { path: `${p}.provisionedGib`, kind: "amount" },
  { path: `${p}.vms.0.memoryGb`, kind: "amount" },
  { path: `${p}.vms.0.iopsDemand`, kind: "whole" },
];
const mirrorInput = () => ({
  datastore: { id: "ds1", tier: "STANDARD", sizeGib: 2048, azCode: "PAR7S" },
  vms: [{ id: "vm1", encrypted: false }],
  standby: { azCode: "TH3S", availableGib: 4096, tier: "STANDARD" },
});
const poweredOff = { id: "vm1", memoryGb: 8, iopsDemand: 10, powerState: "POWERED_OFF", backupPolicyCount: 1, encryption: "NONE" };

const CASES: Record<string, Case> = {
  checkPoolOrder: {
    args: () => [{ nodeType: "STANDARD_V3", hostCount: 3, activatedMemoryGb: 384, haEnabled: true }],
    prefixes: [""],
    fields: [
      { path: "0.hostCount", kind: "whole" },
      { path: "0.activatedMemoryGb", kind: "amount" },
    ],
    run: (a) => domain.checkPoolOrder(a[0] as any),
  },
  checkAddHosts: {
    args: () => [pool(), { count: 1, nodeType: "STANDARD_V3", activatedMemoryGb: 512 }],
    prefixes: ["pool", ""],
    fields: [...poolFields("0"), { path: "1.count", kind: "whole1" }, { path: "1.activatedMemoryGb", kind: "amount" }],
    run: (a) => domain.checkAddHosts(a[0] as any, a[1] as any),
  },
  checkDatastoreOrderCount: {
    args: () => [3],
    prefixes: ["count"],
    fields: [{ path: "0", kind: "whole" }],
    run: (a) => domain.checkDatastoreOrderCount(a[0] as any),
  },
  checkNetworkCount: {
    args: () => [3, "order"],
    prefixes: ["count"],
    fields: [{ path: "0", kind: "whole1" }],
    run: (a) => domain.checkNetworkCount(a[0] as any, a[1] as any),
  },
  checkActivatedMemoryChange: {
    args: () => [pool(), 512],
    prefixes: ["pool", "activatedMemoryGb"],
    fields: [...poolFields("0"), { path: "1", kind: "amount" }],
    run: (a) => domain.checkActivatedMemoryChange(a[0] as any, a[1] as any),
  },
  checkHostMaintenance: {
    args: () => [makePool({ hosts: 4, vms: [{ id: "a", memoryGb: 8, host: 0, iopsDemand: 10 }] }), "h0"],
    prefixes: ["pool", ""],
    fields: poolFields("0"),
    run: (a) => domain.checkHostMaintenance(a[0] as any, a[1] as any),
  },
  checkMaintenanceReadiness: {
    args: () => [makePool({ hosts: 4, vms: [{ id: "a", memoryGb: 8, host: 0, iopsDemand: 10 }] })],
    prefixes: ["pool"],
    fields: poolFields("0"),
    run: (a) => domain.checkMaintenanceReadiness(a[0] as any),
  },
  checkRemoveHosts: {
    args: () => [makePool({ hosts: 4, vms: [{ id: "a", memoryGb: 8, host: 0, iopsDemand: 10 }] }), { hostIds: ["h3"], activatedMemoryGb: 384 }],
    prefixes: ["pool", ""],
    fields: [...poolFields("0"), { path: "1.activatedMemoryGb", kind: "amount" }],
    run: (a) => domain.checkRemoveHosts(a[0] as any, a[1] as any),
  },
  checkDatastoreOrder: {
    args: () => [{ tier: "STANDARD", sizeGib: 1024, requestedIops: 1000 }],
    prefixes: [""],
    fields: [
      { path: "0.sizeGib", kind: "whole" },
      { path: "0.requestedIops", kind: "whole" },
    ],
    run: (a) => domain.checkDatastoreOrder(a[0] as any),
  },
  checkDatastoreResize: {
    args: () => [ds(), 2048],
    prefixes: ["datastore", "sizeGib"],
    fields: [...dsFields("0"), { path: "1", kind: "whole" }],
    run: (a) => domain.checkDatastoreResize(a[0] as any, a[1] as any),
  },
  checkDatastoreTierChange: {
    args: () => [ds(), "PREMIUM"],
    prefixes: ["datastore", ""],
    fields: dsFields("0"),
    run: (a) => domain.checkDatastoreTierChange(a[0] as any, a[1] as any),
  },
  checkDiskAdd: {
    args: () => [ds(), { sizeGib: 100, provisioning: "THICK", vm: plainVm }],
    prefixes: ["datastore", "disk"],
    fields: [...dsFields("0"), { path: "1.sizeGib", kind: "whole1" }],
    run: (a) => domain.checkDiskAdd(a[0] as any, a[1] as any),
  },
  checkDiskController: {
    args: () => [{ id: "vm1", name: "web-01", disks: [{ controllerType: "LSI_LOGIC_SAS", controllerBus: 0 }] }, { controllerType: "LSI_LOGIC_SAS", controllerBus: 0 }],
    prefixes: ["", ""],
    fields: [{ path: "0.disks.0.controllerBus", kind: "whole" }, { path: "1.controllerBus", kind: "whole" }],
    run: (a) => domain.checkDiskController(a[0] as any, a[1] as any),
  },
  checkDiskGrow: {
    args: () => [{ id: "d2", label: "Hard disk 2", sizeGib: 100 }, 200],
    prefixes: ["disk", "sizeGib"],
    fields: [{ path: "0.sizeGib", kind: "whole1" }, { path: "1", kind: "whole1" }],
    run: (a) => domain.checkDiskGrow(a[0] as any, a[1] as any),
  },
  checkPlacement: {
    args: () => [{ pool: pool(), vm: { id: "new", memoryGb: 16, poweredOn: true, iopsDemand: 10, encryption: "NONE" }, datastore: ds() }],
    prefixes: [""],
    fields: [...poolFields("0.pool"), ...dsFields("0.datastore"), { path: "0.vm.memoryGb", kind: "amount" }, { path: "0.vm.iopsDemand", kind: "whole" }],
    run: (a) => domain.checkPlacement(a[0] as any),
  },
  checkMigration: {
    // A running VM's storage move: the disks and the swap file land on the datastore, the host stays.
    args: () => [{ vm: { id: "m", memoryGb: 16, poweredOn: true, iopsDemand: 10, encryption: "NONE", poolId: pool().id, hostId: null, datastoreId: "elsewhere", disks: [{ label: "Hard disk 1", sizeGib: 40, usedGib: 10, provisioning: "THIN", datastoreId: "elsewhere" }] }, pool: pool(), datastore: ds() }],
    prefixes: [""],
    fields: [...poolFields("0.pool"), ...dsFields("0.datastore"), { path: "0.vm.memoryGb", kind: "amount" }, { path: "0.vm.iopsDemand", kind: "whole" }],
    run: (a) => domain.checkMigration(a[0] as any),
  },
  checkAffinityRule: {
    args: () => [
      pool(),
      {
        kind: "AFFINITY",
        vms: [
          { id: "a", poolId: "pool1", memoryGb: 8 },
          { id: "b", poolId: "pool1", memoryGb: 8 },
        ],
      },
    ],
    prefixes: ["pool", ""],
    fields: [
      { path: "0.activatedMemoryGb", kind: "amount" },
      { path: "1.vms.1.memoryGb", kind: "amount" },
    ],
    run: (a) => domain.checkAffinityRule(a[0] as any, a[1] as any),
  },
  checkVmFootprint: {
    args: () => [{ pool: pool(), datastore: ds(), vm: { id: "new", memoryGb: 16, iopsDemand: 10, encryption: "NONE", backupPolicyCount: 1 }, newDisks: [{ sizeGib: 40, provisioning: "THICK" }], start: true }],
    prefixes: [""],
    fields: [
      ...poolFields("0.pool"),
      ...dsFields("0.datastore"),
      { path: "0.vm.memoryGb", kind: "amount" },
      { path: "0.vm.iopsDemand", kind: "whole" },
      { path: "0.vm.backupPolicyCount", kind: "whole" },
      { path: "0.newDisks.0.sizeGib", kind: "whole1" },
    ],
    run: (a) => domain.checkVmFootprint(a[0] as any),
  },
  checkPowerOn: {
    args: () => [{ vm: { ...poweredOff }, datastore: ds(), pool: pool() }],
    prefixes: [""],
    fields: [
      ...poolFields("0.pool"),
      ...dsFields("0.datastore"),
      { path: "0.vm.memoryGb", kind: "amount" },
      { path: "0.vm.iopsDemand", kind: "whole" },
      { path: "0.vm.backupPolicyCount", kind: "whole" },
    ],
    run: (a) => domain.checkPowerOn(a[0] as any),
  },
  checkRemoveBackupPolicy: {
    args: () => [{ id: "vm1", powerState: "POWERED_ON", backupPolicyCount: 2 }],
    prefixes: ["vm"],
    fields: [{ path: "0.backupPolicyCount", kind: "whole" }],
    run: (a) => domain.checkRemoveBackupPolicy(a[0] as any),
  },
  checkEncryption: {
    args: () => [
      {
        tenant: { keyProviderConfigured: true, advancedProtectionSubscribed: true },
        vm: { id: "vm1", powerState: "POWERED_OFF", encryption: "NONE", snapshotCount: 0, replications: [] },
      },
    ],
    prefixes: [""],
    fields: [{ path: "0.vm.snapshotCount", kind: "whole" }],
    run: (a) => domain.checkEncryption(a[0] as any),
  },
  checkGlobalMirror: {
    args: () => [mirrorInput()],
    prefixes: [""],
    fields: [
      { path: "0.datastore.sizeGib", kind: "amount" },
      { path: "0.standby.availableGib", kind: "amount" },
    ],
    run: (a) => domain.checkGlobalMirror(a[0] as any),
  },
  checkMetroMirror: {
    args: () => [mirrorInput()],
    prefixes: [""],
    fields: [
      { path: "0.datastore.sizeGib", kind: "amount" },
      { path: "0.standby.availableGib", kind: "amount" },
    ],
    run: (a) => domain.checkMetroMirror(a[0] as any),
  },
  checkVmReplication: {
    args: () => [
      {
        vm: { id: "vm1", memoryGb: 16, storageGib: 200, writeRateMbps: 2.5, azCode: "PAR7S" },
        standby: {
          azCode: "TH3S",
          pool: { nodeType: "STANDARD_V3", hosts: 3, hostsInMaintenance: 0, activatedMemoryGb: 384, haEnabled: true, usedGb: 100 },
          reservedForReplicasGb: 10,
          availableStorageGib: 4096,
        },
      },
    ],
    prefixes: [""],
    fields: [
      { path: "0.vm.memoryGb", kind: "amount" },
      { path: "0.vm.storageGib", kind: "amount" },
      { path: "0.vm.writeRateMbps", kind: "amount" },
      { path: "0.standby.reservedForReplicasGb", kind: "amount" },
      { path: "0.standby.availableStorageGib", kind: "amount" },
      { path: "0.standby.pool.hosts", kind: "whole" },
      { path: "0.standby.pool.hostsInMaintenance", kind: "whole" },
      { path: "0.standby.pool.activatedMemoryGb", kind: "amount" },
      { path: "0.standby.pool.usedGb", kind: "amount" },
    ],
    run: (a) => domain.checkVmReplication(a[0] as any),
  },
  checkRpoCompliance: {
    args: () => [{ id: "r1", promisedRpoMinutes: 60, lastReplicatedAt: new Date(now.getTime() - 30 * 60_000) }, now],
    prefixes: ["", "now"],
    fields: [
      { path: "0.promisedRpoMinutes", kind: "amount" },
      { path: "0.lastReplicatedAt", kind: "date" },
      { path: "1", kind: "date" },
    ],
    run: (a) => domain.checkRpoCompliance(a[0] as any, a[1] as any),
  },
  checkVlanPropagation: {
    args: () => [{ vlan: { id: "v1", tag: 100, tenantId: "t1", organizationId: "o1" }, target: { tenantId: "t2", organizationId: "o1" } }],
    prefixes: [""],
    fields: [{ path: "0.vlan.tag", kind: "whole" }],
    run: (a) => domain.checkVlanPropagation(a[0] as any),
  },
};

/** Decisions that read no figure at all: nothing for the guard to refuse. */
// checkNicMac reads a string (a MAC), no figure: its own format check is tested in nics.test.ts.
const NO_FIGURES = ["checkOrderOpen", "checkNicMac"];

/** The guard's name for a figure: the argument's prefix, then the path, array indexes in brackets. */
function fieldName(c: Case, path: string): string {
  const [arg, ...rest] = path.split(".");
  const parts = [c.prefixes[Number(arg)] ?? "", ...rest].filter((p) => p !== "");
  return parts.reduce((name, p) => (/^\d+$/.test(p) ? `${name}[${p}]` : name === "" ? p : `${name}.${p}`), "");
}

function withValue(args: unknown[], path: string, value: unknown): unknown[] {
  const copy = structuredClone(args);
  const keys = path.split(".");
  let target: Record<string, unknown> = copy as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
  target[keys.at(-1) as string] = value;
  return copy;
}

const notFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const negative = fc.oneof(fc.integer({ min: -1_000_000, max: -1 }), fc.double({ min: -1e9, max: -1e-9, noNaN: true }));
const fraction = fc.double({ min: 1e-3, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x));
const notANumber = fc.constantFrom<unknown>("12", null, true, {});
const BAD: Record<Kind, fc.Arbitrary<unknown>> = {
  amount: fc.oneof(notFinite, negative, notANumber),
  whole: fc.oneof(notFinite, negative, fraction, notANumber),
  whole1: fc.oneof(notFinite, negative, fraction, notANumber, fc.constant(0)),
  date: fc.constantFrom<unknown>(new Date(Number.NaN), new Date("not a date"), "2026-03-01", 1_700_000_000_000),
};

describe("the domain refuses figures no honest form sends (INPUT.INVALID)", () => {
  it("covers every exported decision", () => {
    const exported = Object.keys(domain).filter((k) => /^check[A-Z]/.test(k) && typeof (domain as Record<string, unknown>)[k] === "function");
    expect([...Object.keys(CASES), ...NO_FIGURES].sort()).toEqual(exported.sort());
  });

  describe.each(Object.entries(CASES))("%s", (_name, c) => {
    it("takes its valid input without INPUT.INVALID", () => {
      expect(allViolations(c.run(c.args())).map((v) => v.code)).not.toContain("INPUT.INVALID");
    });

    it("refuses any one figure broken, naming it, before any rule runs", () => {
      const arbField = fc.constantFrom(...c.fields);
      const arb = arbField.chain((f) => BAD[f.kind].map((bad) => ({ f, bad })));
      fc.assert(
        fc.property(arb, ({ f, bad }) => {
          const d = c.run(withValue(c.args(), f.path, bad));
          expect(d.ok).toBe(false);
          const vs = allViolations(d);
          expect(vs.map((v) => v.code)).toEqual(["INPUT.INVALID"]);
          const name = fieldName(c, f.path);
          expect(vs[0]?.subject).toBe(name);
          expect(vs[0]?.severity).toBe("refuse");
          expect(vs[0]?.message.en.startsWith(`${name} must be `)).toBe(true);
          expect(vs[0]?.message.fr.startsWith(`${name} doit être `)).toBe(true);
        }),
        { numRuns: runs(40) },
      );
    });

    test.each(c.fields.map((f) => [f.path, f] as const))("accepts the limit value of %s", (_path, f) => {
      // The smallest honest figure (0, or 1 where 0 means nothing) is not refused as invalid.
      if (f.kind === "date") return;
      const d = c.run(withValue(c.args(), f.path, f.kind === "whole1" ? 1 : 0));
      expect(allViolations(d).map((v) => v.code)).not.toContain("INPUT.INVALID");
    });
  });
});

describe("the review's examples", () => {
  const codes = (d: Decision<unknown>) => allViolations(d).map((v) => v.code);

  it("checkPoolOrder with activatedMemoryGb NaN is refused, naming the field and the value", () => {
    const d = domain.checkPoolOrder({ nodeType: "STANDARD_V3", hostCount: 3, activatedMemoryGb: Number.NaN, haEnabled: true });
    expect(d.ok).toBe(false);
    expect(allViolations(d)[0]?.message.en).toBe("activatedMemoryGb must be a number of 0 or more; NaN was received. Correct the figure and try again.");
    expect(allViolations(d)[0]?.message.fr).toBe("activatedMemoryGb doit être un nombre supérieur ou égal à 0 ; valeur reçue : NaN. Corrigez la valeur et réessayez.");
  });

  it("checkPlacement of a -100 GB VM on a busy pool is refused", () => {
    const busy = makePool({ vms: [{ memoryGb: 100, host: 0 }, { memoryGb: 100, host: 1 }, { memoryGb: 100, host: 2 }] });
    const d = domain.checkPlacement({ pool: busy, vm: { id: "new", memoryGb: -100, poweredOn: true, iopsDemand: 0, encryption: "NONE" } });
    expect(codes(d)).toEqual(["INPUT.INVALID"]);
    expect(allViolations(d)[0]?.message.en).toContain("vm.memoryGb must be a number of 0 or more; -100 was received.");
  });

  it("checkDiskAdd of a -100 GiB thick disk on a datastore 95 % full is refused", () => {
    const full = makeDatastore({ sizeGib: 1000, usedGib: 950 });
    const d = domain.checkDiskAdd(full, { sizeGib: -100, provisioning: "THICK", vm: plainVm });
    expect(codes(d)).toEqual(["INPUT.INVALID"]);
    expect(d.ok).toBe(false);
  });

  it("checkRpoCompliance with an invalid lastReplicatedAt is refused, not compliant", () => {
    const d = domain.checkRpoCompliance({ id: "r1", promisedRpoMinutes: 60, lastReplicatedAt: new Date("garbage") }, now);
    expect(d.ok).toBe(false);
    expect(allViolations(d)[0]).toMatchObject({ code: "INPUT.INVALID", subject: "lastReplicatedAt" });
    expect(allViolations(d)[0]?.message.en).toBe("lastReplicatedAt must be a valid date; an invalid date was received. Correct the figure and try again.");
    expect(allViolations(d)[0]?.message.fr).toBe("lastReplicatedAt doit être une date valide ; valeur reçue : une date invalide. Corrigez la valeur et réessayez.");
  });

  it("reports every broken figure at once, and says what it received when it is not a number", () => {
    const d = domain.checkPoolOrder({ nodeType: "STANDARD_V3", hostCount: -1, activatedMemoryGb: "384" as unknown as number, haEnabled: true });
    expect(allViolations(d).map((v) => v.subject)).toEqual(["hostCount", "activatedMemoryGb"]);
    expect(allViolations(d)[1]?.message.en).toContain('"384" was received');
    const none = domain.checkDatastoreOrder({ tier: "STANDARD", sizeGib: undefined as unknown as number });
    expect(allViolations(none)[0]?.message.en).toBe("sizeGib must be a whole number of 0 or more; nothing was received. Correct the figure and try again.");
    expect(allViolations(none)[0]?.message.fr).toContain("valeur reçue : aucune.");
  });
});
