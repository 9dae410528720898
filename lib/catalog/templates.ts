// The OS images a VM is created from. The provider's image library, simulated: each image brings
// its minimum disk, sensible defaults, and the I/O profile the capacity rules use for a new VM
// until real metrics arrive (average IOPS demanded, average write rate).
export type VmTemplate = {
  code: string;
  label: string;
  family: "linux" | "windows";
  minDiskGib: number;
  defaultCpu: number;
  defaultMemoryGb: number;
  iopsDemand: number;
  writeRateMbps: number;
};

export const VM_TEMPLATES = [
  { code: "debian-12", label: "Debian 12", family: "linux", minDiskGib: 20, defaultCpu: 2, defaultMemoryGb: 4, iopsDemand: 60, writeRateMbps: 1 },
  { code: "ubuntu-24.04", label: "Ubuntu 24.04 LTS", family: "linux", minDiskGib: 25, defaultCpu: 2, defaultMemoryGb: 4, iopsDemand: 60, writeRateMbps: 1 },
  { code: "rhel-9", label: "Red Hat Enterprise Linux 9", family: "linux", minDiskGib: 30, defaultCpu: 2, defaultMemoryGb: 8, iopsDemand: 80, writeRateMbps: 2 },
  { code: "rocky-9", label: "Rocky Linux 9", family: "linux", minDiskGib: 30, defaultCpu: 2, defaultMemoryGb: 8, iopsDemand: 80, writeRateMbps: 2 },
  { code: "windows-2022", label: "Windows Server 2022", family: "windows", minDiskGib: 60, defaultCpu: 4, defaultMemoryGb: 16, iopsDemand: 150, writeRateMbps: 4 },
] as const satisfies readonly VmTemplate[];

export type VmTemplateCode = (typeof VM_TEMPLATES)[number]["code"];
export const VM_TEMPLATE_CODES = VM_TEMPLATES.map((t) => t.code) as [VmTemplateCode, ...VmTemplateCode[]];

export function templateOf(code: string): VmTemplate | undefined {
  return VM_TEMPLATES.find((t) => t.code === code);
}
