import { describe, expect, it, test } from "vitest";
import { checkTemplateExport, type ExportableVm } from "./catalog-items";
import { allViolations } from "./result";

const vm: ExportableVm = { id: "vm1", name: "db-01", powerState: "POWERED_OFF", encryption: "NONE" };
const codes = (v: ExportableVm) => allViolations(checkTemplateExport(v)).map((x) => x.code).sort();

describe("exporting a VM as a template", () => {
  test.each([
    ["NONE", "POWERED_OFF", []],
    ["ENCRYPTED", "POWERED_OFF", ["CATALOG.ENCRYPTED_EXPORT"]],
    ["ENCRYPTING", "POWERED_OFF", ["CATALOG.ENCRYPTED_EXPORT"]],
    ["NONE", "POWERED_ON", ["CATALOG.EXPORT_POWERED_ON"]],
    ["NONE", "SUSPENDED", ["CATALOG.EXPORT_POWERED_ON"]],
    ["ENCRYPTED", "POWERED_ON", ["CATALOG.ENCRYPTED_EXPORT", "CATALOG.EXPORT_POWERED_ON"]],
  ] as const)("encryption %s, %s → %j", (encryption, powerState, expected) => {
    expect(codes({ ...vm, encryption, powerState })).toEqual(expected);
  });

  it("names the VM and the remedy in both languages when it is encrypted", () => {
    const [v] = allViolations(checkTemplateExport({ ...vm, encryption: "ENCRYPTED" }));
    expect(v?.message.en).toBe("db-01 is encrypted; an encrypted VM cannot be exported as a template or OVF (its keys never leave it). Export an unencrypted VM instead.");
    expect(v?.message.fr).toContain("db-01 est chiffrée");
    expect(v?.subject).toBe("vm1");
  });
});
