import { describe, expect, it } from "vitest";
import { monthlyCost } from "./billing";
import { DEMO_PRICES } from "./catalogue";

describe("monthlyCost", () => {
  it("bills hosts, storage (standby copies doubled), licences, to the cent", () => {
    const c = monthlyCost({
      region: "FR1",
      hosts: [{ nodeType: "STANDARD_V3", count: 3 }, { nodeType: "STANDARD_V3", count: 1 }],
      datastores: [
        { tier: "STANDARD", sizeGib: 1024, replication: "GLOBAL_MIRROR" },
        { tier: "STANDARD", sizeGib: 500 },
        { tier: "MASS", sizeGib: 1500 },
      ],
      backupStorageTib: 2,
      backedUpVms: 10,
      replicatedVms: 1,
      encryptedVms: 0,
    });
    expect(c.lines).toEqual([
      { sku: "csp:fr1:iaas:vmware:standard:v3", label: "STANDARD v3", quantity: 4, unit: "host", unitPrice: 1400, total: 5600 },
      { sku: "csp:fr1:iaas:storage:bloc:medium:v1", label: "FLASH Standard", quantity: 1524, unit: "GiB", unitPrice: 0.09, total: 137.16 },
      { sku: "csp:fr1:iaas:storage:bloc:medium:v1", label: "FLASH Standard (standby copy)", quantity: 1024, unit: "GiB", unitPrice: 0.09, total: 92.16 },
      { sku: "csp:fr1:iaas:storage:bloc:mass:v1", label: "Mass Storage (archive)", quantity: 2, unit: "TiB", unitPrice: 18, total: 36 },
      { sku: "csp:fr1:iaas:storage:block:backup:v1", label: "Mass Storage - Backup", quantity: 2, unit: "TiB", unitPrice: 22, total: 44 },
      { sku: "csp:fr1:iaas:storage:licence:globalmirror:v1", label: "Storage - Global Replication SAN", quantity: 1, unit: "TiB", unitPrice: 40, total: 40 },
      { sku: "csp:fr1:iaas:vmware:licence:replication:v1", label: "PRA - VMware inter-AZ replication", quantity: 1, unit: "VM", unitPrice: 25, total: 25 },
      { sku: "csp:fr1:iaas:backup:vm:v1", label: "Backup - IBM Spectrum Protect Plus", quantity: 10, unit: "VM", unitPrice: 6, total: 60 },
    ]);
    expect(c.total).toBe(6034.32);
    expect(c.currency).toBe("EUR");
  });

  it("is empty for an empty inventory and takes another price list", () => {
    const empty = { region: "FR1", hosts: [], datastores: [], backupStorageTib: 0, backedUpVms: 0, replicatedVms: 0, encryptedVms: 0 };
    expect(monthlyCost(empty)).toEqual({ currency: "EUR", lines: [], total: 0 });
    const c = monthlyCost({ ...empty, encryptedVms: 3 }, { ...DEMO_PRICES, licences: { ...DEMO_PRICES.licences, HSM_ENCRYPTION: 1.1 } });
    expect(c.total).toBe(3.3);
  });
});
