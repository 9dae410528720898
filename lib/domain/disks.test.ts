import { describe, expect, it, test } from "vitest";
import { checkDiskController, checkDiskGrow, controllersOf, systemDiskOf, type DiskOnController } from "./disks";
import { allViolations } from "./result";
import { DISK_CONTROLLER_LABELS, SCSI_CONTROLLER_TYPES, SNAPSHOTS_ADVISED_MAX, VM_MAX_CONTROLLERS_PER_FAMILY, VM_MAX_DISKS_PER_CONTROLLER } from "./catalogue";

const on = (controllerType: DiskOnController["controllerType"], controllerBus: number, n = 1): DiskOnController[] => Array.from({ length: n }, () => ({ controllerType, controllerBus }));
const vm = (disks: DiskOnController[]) => ({ id: "vm1", name: "web-01", disks });
const codes = (d: ReturnType<typeof checkDiskController> | ReturnType<typeof checkDiskGrow>) => allViolations(d).map((v) => v.code);
const reason = { reason: "the application team asked for it in writing" };

describe("the figures of DOMAIN.md's \"The VM in depth\"", () => {
  it("4 controllers of each family, 15 disks each, four SCSI sub-types by their names, 32 snapshots advised", () => {
    expect([VM_MAX_CONTROLLERS_PER_FAMILY, VM_MAX_DISKS_PER_CONTROLLER, SNAPSHOTS_ADVISED_MAX]).toEqual([4, 15, 32]);
    expect(SCSI_CONTROLLER_TYPES.map((t) => DISK_CONTROLLER_LABELS[t]).sort()).toEqual(["BusLogic", "LSI Logic", "LSI Logic SAS", "VMware Paravirtual"]);
  });
});

describe("controllers (VM.MAX_CONTROLLERS: 4 SCSI and 4 NVMe per VM)", () => {
  test.each([
    ["a 2nd SCSI", [...on("LSI_LOGIC_SAS", 0)], "VMWARE_PARAVIRTUAL", 1],
    ["a 4th SCSI", [...on("LSI_LOGIC_SAS", 0), ...on("LSI_LOGIC", 1), ...on("BUSLOGIC", 2)], "VMWARE_PARAVIRTUAL", 3],
    ["a 4th NVMe beside 4 SCSI", [...on("LSI_LOGIC_SAS", 0), ...on("LSI_LOGIC", 1), ...on("BUSLOGIC", 2), ...on("LSI_LOGIC", 3), ...on("NVME", 0), ...on("NVME", 1), ...on("NVME", 2)], "NVME", 3],
    ["the first NVMe", [...on("LSI_LOGIC_SAS", 0)], "NVME", 0],
    ["a free bus in a gap", [...on("LSI_LOGIC_SAS", 0), ...on("LSI_LOGIC", 2)], "BUSLOGIC", 1],
  ] as const)("%s controller is accepted, on the lowest free bus", (_what, disks, type, bus) => {
    const d = checkDiskController(vm([...disks]), { controllerType: type });
    expect(d).toEqual({ ok: true, value: { controllerType: type, controllerBus: bus }, warnings: [] });
  });

  test.each([
    ["SCSI", [...on("LSI_LOGIC_SAS", 0), ...on("LSI_LOGIC", 1), ...on("BUSLOGIC", 2), ...on("VMWARE_PARAVIRTUAL", 3)], "LSI_LOGIC", "SCSI"],
    ["NVMe", [...on("NVME", 0), ...on("NVME", 1), ...on("NVME", 2), ...on("NVME", 3)], "NVME", "NVMe"],
  ] as const)("a 5th %s controller is refused, naming 4 and 5", (_f, disks, type, fam) => {
    const d = checkDiskController(vm([...disks]), { controllerType: type });
    expect(d.ok).toBe(false);
    const v = allViolations(d)[0]!;
    expect(v).toMatchObject({ code: "VM.MAX_CONTROLLERS", limit: 4, actual: 5, unit: "controllers", severity: "refuse" });
    expect(v.message.en).toBe(`A VM has at most 4 ${fam} controllers; web-01 would have 5. Put the disk on one of its ${fam} controllers instead.`);
    expect(v.message.fr).toContain("au plus 4 contrôleurs");
  });
});

describe("disks per controller (VM.MAX_DISKS_PER_CONTROLLER: 15)", () => {
  it("accepts the 15th disk on a controller", () => {
    const d = checkDiskController(vm(on("LSI_LOGIC_SAS", 0, 14)), { controllerType: "LSI_LOGIC_SAS", controllerBus: 0 });
    expect(d).toEqual({ ok: true, value: { controllerType: "LSI_LOGIC_SAS", controllerBus: 0 }, warnings: [] });
  });

  it("refuses the 16th, naming 15 and 16, and says where else to put it", () => {
    const d = checkDiskController(vm(on("LSI_LOGIC_SAS", 0, 15)), { controllerType: "LSI_LOGIC_SAS", controllerBus: 0 });
    expect(d.ok).toBe(false);
    const v = allViolations(d)[0]!;
    expect(v).toMatchObject({ code: "VM.MAX_DISKS_PER_CONTROLLER", limit: 15, actual: 16, unit: "disks" });
    expect(v.message.en).toBe("A controller holds at most 15 disks; SCSI 0 (LSI Logic SAS) of web-01 would hold 16. Put the disk on another controller, or add a new one.");
  });

  it("counts per controller: 15 on SCSI 0 leave NVMe 0 free", () => {
    const d = checkDiskController(vm([...on("LSI_LOGIC_SAS", 0, 15), ...on("NVME", 0, 3)]), { controllerType: "NVME", controllerBus: 0 });
    expect(d.ok).toBe(true);
  });

  it("refuses a controller the VM does not have, or a SCSI sub-type other than the controller's, as an impossible input", () => {
    expect(codes(checkDiskController(vm(on("LSI_LOGIC_SAS", 0)), { controllerType: "LSI_LOGIC_SAS", controllerBus: 2 }))).toEqual(["INPUT.INVALID"]);
    const d = checkDiskController(vm(on("LSI_LOGIC_SAS", 0)), { controllerType: "BUSLOGIC", controllerBus: 0 });
    expect(codes(d)).toEqual(["INPUT.INVALID"]);
    expect(allViolations(d)[0]!.message.en).toContain("its controllers are: SCSI 0 (LSI Logic SAS)");
  });

  it("lists a VM's controllers SCSI first, by bus, with their disk counts", () => {
    expect(controllersOf([...on("NVME", 0), ...on("LSI_LOGIC", 1, 2), ...on("LSI_LOGIC_SAS", 0)])).toEqual([
      { family: "SCSI", controllerType: "LSI_LOGIC_SAS", controllerBus: 0, diskCount: 1 },
      { family: "SCSI", controllerType: "LSI_LOGIC", controllerBus: 1, diskCount: 2 },
      { family: "NVME", controllerType: "NVME", controllerBus: 0, diskCount: 1 },
    ]);
  });
});

describe("growing a disk (DISK.SHRINK, hard)", () => {
  const disk = { id: "d2", label: "Hard disk 2", sizeGib: 100 };

  it("grows 100 → 200 GiB: 100 GiB more for the datastore's rules to check", () => {
    expect(checkDiskGrow(disk, 200)).toEqual({ ok: true, value: { growGib: 100 }, warnings: [] });
  });

  it("refuses 200 → 100 GiB with DISK.SHRINK, naming both sizes, even with an override reason", () => {
    for (const o of [undefined, reason]) {
      const d = checkDiskGrow({ ...disk, sizeGib: 200 }, 100, o);
      expect(d.ok).toBe(false);
      const v = allViolations(d)[0]!;
      expect(v).toMatchObject({ code: "DISK.SHRINK", limit: 200, actual: 100, unit: "GiB", severity: "refuse" });
      expect(v.overridden).toBeUndefined();
      expect(v.message.en).toBe("A virtual disk can grow, never shrink: Hard disk 2 is 200 GiB and 100 GiB was asked. Give 200 GiB or more, or add a new, smaller disk and move the data.");
    }
  });

  it("refuses a size that is no whole number of GiB before any rule", () => {
    expect(codes(checkDiskGrow(disk, 150.5))).toEqual(["INPUT.INVALID"]);
    expect(codes(checkDiskGrow(disk, Number.NaN))).toEqual(["INPUT.INVALID"]);
  });
});

describe("the system disk", () => {
  it("is the first disk the VM got", () => {
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    expect(systemDiskOf([{ id: "b", createdAt: t(5) }, { id: "a", createdAt: t(1) }, { id: "c", createdAt: t(1) }])?.id).toBe("a");
    expect(systemDiskOf([])).toBeUndefined();
  });
});
