// One-click VM encryption (HSM/KMS): every precondition checked, every failure reported together.
import { guard } from "./guard";
import { decide, msg, violation, type Decision, type Violation } from "./result";
import type { PowerState } from "./vm";

export type EncryptionState = "NONE" | "ENCRYPTING" | "ENCRYPTED";
export type ReplicationKind = "GLOBAL_MIRROR" | "METRO_MIRROR" | "VM_REPLICATION";

export type EncryptionInput = {
  tenant: {
    /** An HSM/KMS key provider is configured for the tenant's environment. */
    keyProviderConfigured: boolean;
    /** The tenant subscribed to the advanced protection service. */
    advancedProtectionSubscribed: boolean;
  };
  vm: {
    id: string;
    name?: string;
    powerState: PowerState;
    encryption: EncryptionState;
    snapshotCount: number;
    /** Active replications covering the VM: its own VM replication, and storage mirrors of its datastore. */
    replications: ReplicationKind[];
  };
};

const REPLICATION_LABEL: Record<ReplicationKind, { en: string; fr: string }> = {
  GLOBAL_MIRROR: { en: "Global Mirror", fr: "Global Mirror" },
  METRO_MIRROR: { en: "Metro Mirror", fr: "Metro Mirror" },
  VM_REPLICATION: { en: "VM replication", fr: "réplication de VM" },
};

export function checkEncryption({ tenant, vm }: EncryptionInput): Decision {
  const g = guard().whole("vm.snapshotCount", vm.snapshotCount);
  if (!g.ok) return g.refused();
  const name = vm.name ?? vm.id;
  const v: Violation[] = [];
  if (vm.encryption !== "NONE") {
    v.push(
      violation(
        "ENCRYPTION.ALREADY_ENCRYPTED",
        vm.encryption === "ENCRYPTED"
          ? msg(
              () => `${name} is already encrypted. Nothing to do.`,
              () => `${name} est déjà chiffrée. Rien à faire.`,
            )
          : msg(
              () => `${name} is being encrypted. Wait for the activity to finish.`,
              () => `${name} est en cours de chiffrement. Attendez la fin de l’activité.`,
            ),
        { subject: vm.id },
      ),
    );
  }
  if (!tenant.keyProviderConfigured) {
    v.push(
      violation(
        "ENCRYPTION.NO_KEY_PROVIDER",
        msg(
          () => "No HSM/KMS key provider is configured for this tenant's environment. Ask support to configure one.",
          () => "Aucun fournisseur de clés HSM/KMS n’est configuré pour l’environnement de ce tenant. Demandez au support d’en configurer un.",
        ),
      ),
    );
  }
  if (!tenant.advancedProtectionSubscribed) {
    v.push(
      violation(
        "ENCRYPTION.NO_SUBSCRIPTION",
        msg(
          () => "Encryption needs the advanced protection (HSM/KMS) subscription, which this tenant does not have. Subscribe to it first.",
          () => "Le chiffrement exige l’abonnement à la protection avancée (HSM/KMS), que ce tenant n’a pas. Souscrivez-le d’abord.",
        ),
      ),
    );
  }
  if (vm.powerState !== "POWERED_OFF") {
    const state = vm.powerState === "SUSPENDED" ? { en: "suspended", fr: "suspendue" } : { en: "running", fr: "en marche" };
    v.push(
      violation(
        "ENCRYPTION.VM_POWERED_ON",
        msg(
          () => `${name} is ${state.en}; a VM is encrypted powered off. Power it off first.`,
          () => `${name} est ${state.fr} ; une VM se chiffre éteinte. Arrêtez-la d’abord.`,
        ),
        { subject: vm.id },
      ),
    );
  }
  if (vm.replications.length > 0) {
    const kinds = [...new Set(vm.replications)];
    v.push(
      violation(
        "ENCRYPTION.VM_REPLICATED",
        msg(
          () => `${name} is replicated (${kinds.map((k) => REPLICATION_LABEL[k].en).join(", ")}); a replicated VM cannot be encrypted. Stop the replication first.`,
          () => `${name} est répliquée (${kinds.map((k) => REPLICATION_LABEL[k].fr).join(", ")}) ; une VM répliquée ne peut pas être chiffrée. Arrêtez d’abord la réplication.`,
        ),
        { subject: vm.id },
      ),
    );
  }
  if (vm.snapshotCount > 0) {
    v.push(
      violation(
        "ENCRYPTION.VM_HAS_SNAPSHOTS",
        msg(
          (n) => `${name} has ${n(vm.snapshotCount)} snapshot(s); a VM is encrypted with ${n(0)}. Delete its snapshots first.`,
          (n) => `${name} a ${n(vm.snapshotCount)} snapshot(s) ; une VM se chiffre sans aucun (${n(0)}). Supprimez d’abord ses snapshots.`,
        ),
        { limit: 0, actual: vm.snapshotCount, unit: "snapshots", subject: vm.id },
      ),
    );
  }
  return decide(v, undefined);
}
