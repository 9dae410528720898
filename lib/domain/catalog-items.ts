// The tenant's catalogue: what may become a template. An encrypted VM's disks are sealed by a key
// that never leaves its VM (the key-encryption key is per VM), so a template or OVF made of them
// could be deployed nowhere else: CATALOG.ENCRYPTED_EXPORT (DOMAIN.md, "The VM in depth"). The
// reference says nothing of exporting a running VM; the copy would be of disks being written, so
// the console asks for the VM powered off (CATALOG.EXPORT_POWERED_ON; README, Decisions).
import { decide, msg, violation, type Decision, type Violation } from "./result";
import type { EncryptionState } from "./encryption";
import type { PowerState } from "./vm";

export type ExportableVm = { id: string; name: string; powerState: PowerState; encryption: EncryptionState };

/** Whether `vm` may be exported as a template: every reason it may not, together. */
export function checkTemplateExport(vm: ExportableVm): Decision {
  const v: Violation[] = [];
  if (vm.encryption !== "NONE") {
    v.push(
      violation(
        "CATALOG.ENCRYPTED_EXPORT",
        msg(
          () => `${vm.name} is encrypted; an encrypted VM cannot be exported as a template or OVF (its keys never leave it). Export an unencrypted VM instead.`,
          () => `${vm.name} est chiffrée ; une VM chiffrée ne peut pas être exportée en modèle ni en OVF (ses clés ne la quittent pas). Exportez plutôt une VM non chiffrée.`,
        ),
        { subject: vm.id },
      ),
    );
  }
  if (vm.powerState !== "POWERED_OFF") {
    v.push(
      violation(
        "CATALOG.EXPORT_POWERED_ON",
        msg(
          () => `${vm.name} is not powered off; a VM is exported powered off, so its disks are copied in one consistent state. Power it off first.`,
          () => `${vm.name} n’est pas éteinte ; une VM s’exporte éteinte, pour que ses disques soient copiés dans un état cohérent. Arrêtez-la d’abord.`,
        ),
        { subject: vm.id },
      ),
    );
  }
  return decide(v, undefined);
}
